package dev.ferry.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The validations the target Libraries of one {@link Simulator} have started, by migration id.
 * A real Library validates on the target but keeps the status on the source, and the two learn
 * of each other through files in their shared storage location; this board stands for those
 * files. The target writes to it ({@code PUT /api/migrations/{id}/validation}); the source reads
 * it while its migration is {@code validating} and takes the entry off once it has shown the
 * outcome, so the next validation of the same migration needs a new start on the target. Thread-safe:
 * every Library of the simulator uses it under its own lock.
 */
final class ValidationBoard {

  private final Map<String, Instant> started = new ConcurrentHashMap<>();

  /** The target started validating {@code migrationId} at {@code at}; a new start replaces an older one. */
  void started(String migrationId, Instant at) {
    started.put(migrationId, at);
  }

  /** When the target started validating {@code migrationId}; empty until it has. */
  Optional<Instant> startedAt(String migrationId) {
    return Optional.ofNullable(started.get(migrationId));
  }

  /** The source has taken the outcome, or the package was edited: this start counts no more. */
  void clear(String migrationId) {
    started.remove(migrationId);
  }

  void clear() {
    started.clear();
  }
}
