package dev.ferry.simulator;

import java.time.Duration;

/**
 * How long the Library takes to build, import and undo a package, and to validate it on a target
 * (counted from the target's {@code PUT /api/migrations/{id}/validation}). Zero means done at the
 * first GET.
 */
record Timings(Duration create, Duration importing, Duration undo, Duration validation, ProgressCurve curve) {

  Timings(Duration create, Duration importing, Duration undo, Duration validation) {
    this(create, importing, undo, validation, ProgressCurve.LINEAR);
  }

  Timings {
    requireNotNegative(create, "create-duration");
    requireNotNegative(importing, "import-duration");
    requireNotNegative(undo, "undo-duration");
    requireNotNegative(validation, "validation-duration");
  }

  private static void requireNotNegative(Duration duration, String property) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("ferry.simulator." + property + " must be zero or positive, was " + duration);
    }
  }
}
