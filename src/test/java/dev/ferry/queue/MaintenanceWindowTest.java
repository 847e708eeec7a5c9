package dev.ferry.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Maintenance windows as administrators write them, across midnight, weeks and daylight saving time. */
@Tag("fast")
class MaintenanceWindowTest {

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void aSaturdayNightWindowInBerlinIsOpenOnlyThenAndOpensNextAtItsWallClockTime() {
    MaintenanceWindow window = MaintenanceWindow.parse("SAT 01:00-05:00 Europe/Berlin");

    assertThat(window.closesAfter(at("2026-12-04T12:00:00Z"))).isEmpty();
    assertThat(window.nextOpening(at("2026-12-04T12:00:00Z"))).isEqualTo(at("2026-12-05T00:00:00Z"));
    assertThat(window.show(at("2026-12-05T00:00:00Z"))).isEqualTo("2026-12-05T01:00+01:00");
    assertThat(window.closesAfter(at("2026-12-05T00:00:00Z"))).contains(at("2026-12-05T04:00:00Z"));
    assertThat(window.closesAfter(at("2026-12-05T04:00:00Z"))).as("the end is outside").isEmpty();
    assertThat(window.nextOpening(at("2026-12-05T00:30:00Z"))).as("a week later").isEqualTo(at("2026-12-12T00:00:00Z"));
    // summer time: 01:00 in Berlin is 23:00 UTC the day before
    assertThat(window.nextOpening(at("2026-07-01T00:00:00Z"))).isEqualTo(at("2026-07-03T23:00:00Z"));
  }

  @Test
  void aWindowWhoseEndIsBeforeItsStartRunsPastMidnight() {
    MaintenanceWindow window = MaintenanceWindow.parse("MON-FRI 22:00-02:00 UTC");

    assertThat(window.closesAfter(at("2026-12-05T01:30:00Z"))).as("Friday's window, on Saturday morning")
        .contains(at("2026-12-05T02:00:00Z"));
    assertThat(window.closesAfter(at("2026-12-05T22:30:00Z"))).as("no window starts on Saturday").isEmpty();
    assertThat(window.nextOpening(at("2026-12-05T03:00:00Z"))).isEqualTo(at("2026-12-07T22:00:00Z"));
  }

  @Test
  void severalWindowsOpenAtTheEarliestAndNoneMeansAlwaysOpen() {
    MaintenanceWindows windows = MaintenanceWindows.parse("prod", List.of("SAT 01:00-05:00 UTC", "DAILY 03:00-04:00 UTC"));

    assertThat(windows.nextOpening(at("2026-12-02T12:00:00Z")).orElseThrow().at()).isEqualTo(at("2026-12-03T03:00:00Z"));
    assertThat(windows.isOpen(at("2026-12-03T03:30:00Z"))).isTrue();
    assertThat(MaintenanceWindows.parse("prod", List.of()).isOpen(at("2026-12-03T12:00:00Z"))).isTrue();
  }

  @Test
  void aBrokenWindowNamesThePropertyAndShowsTheExpectedForm() {
    assertThatThrownBy(() -> MaintenanceWindows.parse("prod", List.of("SAT 01:00-05:00 UTC", "saturday night")))
        .hasMessageStartingWith("ferry.queue.environments.prod.windows[1]: 'saturday night' is not a maintenance window")
        .hasMessageContaining("e.g. 'SAT 01:00-05:00 Europe/Berlin'");
    assertThatThrownBy(() -> MaintenanceWindow.parse("SAT 01:00-05:00 Mars/Olympus"))
        .hasMessageContaining("'Mars/Olympus' is not a time zone");
    assertThatThrownBy(() -> MaintenanceWindow.parse("SAT 25:00-05:00 UTC"))
        .hasMessageContaining("is not a time of day");
    assertThatThrownBy(() -> MaintenanceWindow.parse("SAX 01:00-05:00 UTC")).hasMessageContaining("'SAX' is not a day");
  }
}
