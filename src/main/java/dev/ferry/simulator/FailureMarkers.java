package dev.ferry.simulator;

import dev.ferry.simulator.TimedPhase.Outcome;
import java.util.Locale;

/**
 * Failures provoked on purpose through the package name, so that every failure path of a
 * process can be walked from Tasklist: {@code fail-create}, {@code fail-import},
 * {@code fail-undo} make that phase fail; {@code stall-create}, {@code stall-import},
 * {@code stall-undo} make it never finish. Case does not matter.
 */
final class FailureMarkers {

  enum Phase {
    CREATE("create"), IMPORT("import"), UNDO("undo");

    private final String marker;

    Phase(String marker) {
      this.marker = marker;
    }
  }

  private FailureMarkers() {
  }

  static Outcome outcome(String packageName, Phase phase) {
    String name = packageName == null ? "" : packageName.toLowerCase(Locale.ROOT);
    if (name.contains("stall-" + phase.marker)) {
      return Outcome.STALL;
    }
    if (name.contains("fail-" + phase.marker)) {
      return Outcome.FAIL;
    }
    return Outcome.SUCCEED;
  }
}
