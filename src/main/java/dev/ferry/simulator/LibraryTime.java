package dev.ferry.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Dates as the Library writes them: {@code 2022-03-16T07:38:40.125+0000}. */
final class LibraryTime {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private LibraryTime() {
  }

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /** The folder a package is stored under: {@code mstr/shared/migrations/packages/2022-03-16/…}. */
  static String day(Instant instant) {
    return DAY.format(instant);
  }
}
