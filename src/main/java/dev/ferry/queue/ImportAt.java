package dev.ferry.queue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngineException;

/** Reads the approver's "import at": a Date, or text as Tasklist's date-time field sends it. */
final class ImportAt {

  private ImportAt() {
  }

  static Instant parse(Object value) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      return null;
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    String text = String.valueOf(value).trim();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new ProcessEngineException("importAt '" + text + "' is not a date and time; send ISO-8601 such as "
            + "2026-12-05T01:00+01:00 (without an offset it is read as UTC), or leave it empty to import as soon as possible");
      }
    }
  }
}
