package dev.ferry.queue;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weekly maintenance window of an environment, written as administrators say it:
 * {@code SAT 01:00-05:00 Europe/Berlin}. Days are one day ({@code SAT}), a range ({@code MON-FRI}),
 * a list ({@code SAT,SUN}) or {@code DAILY}; a window whose end is not after its start runs past
 * midnight ({@code FRI 22:00-02:00 UTC} closes on Saturday at 02:00). Times are wall-clock times
 * of the zone, so a window keeps its hours across daylight saving time.
 */
public record MaintenanceWindow(String text, Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

  private static final Pattern FORM = Pattern.compile(
      "(?i)\\s*([A-Z]{3}(?:\\s*[-,]\\s*[A-Z]{3})*|DAILY)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s+(\\S+)\\s*");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX");

  /** Parses one window; the message of a refusal says what is wrong and shows the expected form. */
  public static MaintenanceWindow parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a maintenance window; write DAYS HH:MM-HH:MM ZONE, "
          + "e.g. 'SAT 01:00-05:00 Europe/Berlin', 'MON-FRI 22:00-02:00 UTC' or 'DAILY 03:00-04:00 America/New_York'");
    }
    try {
      LocalTime start = LocalTime.parse(pad(m.group(2)));
      LocalTime end = LocalTime.parse(pad(m.group(3)));
      return new MaintenanceWindow(text.trim(), days(m.group(1)), start, end, ZoneId.of(m.group(4)));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "': '" + e.getParsedString() + "' is not a time of day (HH:MM, 00:00 to 23:59)");
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "': '" + m.group(4) + "' is not a time zone; use a region id "
          + "such as Europe/Berlin or UTC");
    }
  }

  private static String pad(String time) {
    return time.length() == 4 ? "0" + time : time;
  }

  private static Set<DayOfWeek> days(String text) {
    String upper = text.toUpperCase(Locale.ROOT).replace(" ", "");
    if (upper.equals("DAILY")) {
      return EnumSet.allOf(DayOfWeek.class);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : upper.split(",")) {
      String[] range = part.split("-");
      DayOfWeek from = day(range[0]);
      DayOfWeek to = range.length > 1 ? day(range[1]) : from;
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        days.add(d);
        if (d == to) {
          break;
        }
      }
    }
    return days;
  }

  private static DayOfWeek day(String abbreviation) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(abbreviation)) {
        return d;
      }
    }
    throw new IllegalArgumentException("'" + abbreviation + "' is not a day; use MON, TUE, WED, THU, FRI, SAT, SUN or DAILY");
  }

  /** When the window that is open at {@code now} closes, or empty when it is closed. */
  public Optional<Instant> closesAfter(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
      if (days.contains(day.getDayOfWeek())) {
        Instant opens = opening(day);
        Instant closes = closing(day);
        if (!now.isBefore(opens) && now.isBefore(closes)) {
          return Optional.of(closes);
        }
      }
    }
    return Optional.empty();
  }

  /** The next time this window opens after {@code now}. */
  public Instant nextOpening(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    for (LocalDate day = today; ; day = day.plusDays(1)) {
      if (days.contains(day.getDayOfWeek()) && opening(day).isAfter(now)) {
        return opening(day);
      }
    }
  }

  private Instant opening(LocalDate day) {
    return ZonedDateTime.of(day, start, zone).toInstant();
  }

  private Instant closing(LocalDate day) {
    LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
    return ZonedDateTime.of(endDay, end, zone).toInstant();
  }

  /** An instant as people read it in this window's zone: {@code 2026-12-05T01:00+01:00}. */
  public String show(Instant instant) {
    return SHOWN.format(instant.atZone(zone));
  }

  @Override
  public String toString() {
    return text;
  }
}
