package dev.ferry.simulator;

/**
 * How a simulated step reports its progress over its duration ({@code ferry.simulator.progress-curve}),
 * so that polling can be tried against Libraries that do not report progress evenly. Whole
 * percent, rounded down, at most 99 until the step has finished.
 */
public enum ProgressCurve {

  /** Evenly: 50% at half time (the default). */
  LINEAR {
    @Override
    double exact(double fraction) {
      return 100 * fraction;
    }
  },
  /** Fast at first, then slower: 50% at a quarter of the time. */
  FRONT_LOADED {
    @Override
    double exact(double fraction) {
      return 100 * Math.sqrt(fraction);
    }
  },
  /** Creeps to 5% in the first half of the time, then rises fast. */
  STALLED_THEN_FAST {
    @Override
    double exact(double fraction) {
      return fraction < 0.5 ? 10 * fraction : 5 + 190 * (fraction - 0.5);
    }
  },
  /** Reports 0 until the step has finished. */
  NONE {
    @Override
    double exact(double fraction) {
      return 0;
    }
  };

  abstract double exact(double fraction);

  /** The progress reported at {@code fraction} (0 to 1) of a step that has not finished yet. */
  public int percent(double fraction) {
    double clamped = Math.max(0, Math.min(1, fraction));
    return (int) Math.min(99, Math.floor(exact(clamped)));
  }

  /** {@code linear}, {@code front-loaded}, {@code stalled-then-fast} or {@code none}, as configured. */
  public static ProgressCurve of(String name) {
    for (ProgressCurve curve : values()) {
      if (curve.name().replace('_', '-').equalsIgnoreCase(name.trim())) {
        return curve;
      }
    }
    throw new IllegalArgumentException("ferry.simulator.progress-curve '" + name + "' is not a curve; use linear, "
        + "front-loaded, stalled-then-fast or none");
  }
}
