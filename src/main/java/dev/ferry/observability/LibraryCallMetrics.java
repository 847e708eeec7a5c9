package dev.ferry.observability;

import dev.ferry.library.LibraryException;
import dev.ferry.library.LibrarySession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Every HTTP exchange with a Library: {@code ferry_library_calls_seconds{environment,endpoint,outcome}}
 * (count and duration; outcome {@code success} or {@code error}) and
 * {@code ferry_library_errors_total{environment,endpoint,status}}. The endpoint is the method and the
 * path with ids replaced by {@code {id}} and the query left out, so ids do not explode cardinality.
 */
@Component
public class LibraryCallMetrics implements LibrarySession.CallListener {

  private final MeterRegistry registry;

  public LibraryCallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void called(String environmentId, String what, long nanos, LibraryException error) {
    String endpoint = endpoint(what);
    Timer.builder("ferry.library.calls").description("Calls to a Library")
        .tag("environment", environmentId).tag("endpoint", endpoint).tag("outcome", error == null ? "success" : "error")
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    if (error != null) {
      Counter.builder("ferry.library.errors").description("Library calls that failed")
          .tag("environment", environmentId).tag("endpoint", endpoint)
          .tag("status", error.httpStatus() > 0 ? Integer.toString(error.httpStatus()) : "none")
          .register(registry).increment();
    }
  }

  /** "PATCH /api/migrations/0A1B… importInfo.status=approved" → "PATCH /api/migrations/{id}". */
  static String endpoint(String what) {
    String[] parts = what == null ? new String[0] : what.trim().split("\\s+");
    if (parts.length < 2) {
      return "other";
    }
    String path = parts[1].split("\\?", 2)[0];
    return parts[0] + " " + Arrays.stream(path.split("/", -1))
        .map(segment -> isId(segment) ? "{id}" : segment).collect(Collectors.joining("/"));
  }

  private static boolean isId(String segment) {
    return segment.chars().anyMatch(Character::isDigit) || segment.length() > 24;
  }
}
