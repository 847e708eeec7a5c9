package dev.ferry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code ferry.simulator.progress-curve} and the journal the benchmark reads. */
class ProgressCurveTest {

  @Test
  void eachCurveReportsItsShapeInWholePercentBelowOneHundred() {
    assertThat(ProgressCurve.LINEAR.percent(0.5)).isEqualTo(50);
    assertThat(ProgressCurve.FRONT_LOADED.percent(0.25)).isEqualTo(50);
    assertThat(ProgressCurve.STALLED_THEN_FAST.percent(0.4)).isEqualTo(4);
    assertThat(ProgressCurve.STALLED_THEN_FAST.percent(0.75)).isEqualTo(52);
    assertThat(ProgressCurve.NONE.percent(0.9)).isZero();
    for (ProgressCurve curve : ProgressCurve.values()) {
      assertThat(curve.percent(0.99999)).isLessThanOrEqualTo(99);
    }
  }

  @Test
  void curvesAreNamedAsConfiguredAndAnUnknownOneSaysWhichExist() {
    assertThat(ProgressCurve.of("stalled-then-fast")).isEqualTo(ProgressCurve.STALLED_THEN_FAST);
    assertThat(ProgressCurve.of("Front-Loaded")).isEqualTo(ProgressCurve.FRONT_LOADED);
    assertThatThrownBy(() -> ProgressCurve.of("s-shaped"))
        .hasMessageContaining("linear, front-loaded, stalled-then-fast or none");
  }

  @Test
  void aFrontLoadedPackageIsHalfBuiltAtAQuarterOfItsTimeAndTheJournalSaysWhenItEndedAndWasSeen() {
    Sandbox sandbox = new Sandbox(properties -> properties.setProgressCurve("front-loaded"));
    String id = sandbox.create(Sandbox.projectPackage("Sales"));

    sandbox.clock.advance(Duration.ofMillis(2500));
    assertThat(sandbox.onDev(id).at("/packageInfo/progress").asInt()).isEqualTo(50);
    sandbox.clock.advance(Duration.ofMillis(8500)); // ended 1 s ago
    assertThat(sandbox.onDev(id).at("/packageInfo/status").asText()).isEqualTo("created");

    JsonNode entry = sandbox.journalOfDev(id);
    JsonNode create = entry.path("steps").path(0);
    assertThat(create.path("step").asText()).isEqualTo("create");
    assertThat(create.path("end").asLong() - create.path("start").asLong()).isEqualTo(10_000);
    assertThat(create.path("seen").asLong() - create.path("end").asLong()).isEqualTo(1000);
    assertThat(create.path("looks").asInt()).as("the GET at 50% and the one that saw it created").isEqualTo(2);
    assertThat(entry.path("calls").asLong()).isEqualTo(3); // the create and two GETs
  }
}
