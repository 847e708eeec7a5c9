package dev.ferry.polling;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Progress and timestamps of one part of a Library record ({@code packageInfo}, {@code importInfo},
 * {@code validation}): {@code progress}, {@code creationDate} and {@code lastUpdatedDate}
 * ({@code lastUpdateDate} in mstrio-py's validation), written {@code 2022-03-16T07:38:40.125+0000}.
 * Differences of two Library timestamps are free of any clock skew between Ferry and the Library.
 */
public final class LibraryClock {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private LibraryClock() {
  }

  /** The part's progress in percent; null when the Library left it out. */
  public static Double progress(JsonNode part) {
    JsonNode progress = part.path("progress");
    return progress.isNumber() ? progress.asDouble() : null;
  }

  /** From the part's creation to its last update, by the Library's clock; null if either is missing or unreadable. */
  public static Duration took(JsonNode part) {
    OffsetDateTime created = parse(part.path("creationDate"));
    OffsetDateTime updated = parse(part.hasNonNull("lastUpdatedDate") ? part.path("lastUpdatedDate")
        : part.path("lastUpdateDate"));
    if (created == null || updated == null || updated.isBefore(created)) {
      return null;
    }
    return Duration.between(created, updated);
  }

  private static OffsetDateTime parse(JsonNode value) {
    if (!value.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.asText(), TIMESTAMP);
    } catch (DateTimeParseException unreadable) {
      try {
        return OffsetDateTime.parse(value.asText());
      } catch (DateTimeParseException alsoUnreadable) {
        return null;
      }
    }
  }
}
