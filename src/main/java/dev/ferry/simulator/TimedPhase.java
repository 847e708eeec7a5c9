package dev.ferry.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * One asynchronous piece of Library work (building a package, importing it, undoing it). Its
 * state is derived from the clock on every read, so the simulator needs no background threads
 * and a test moves it forward by moving its clock.
 */
record TimedPhase(Instant start, Duration duration, Outcome outcome, ProgressCurve curve) {

  TimedPhase(Instant start, Duration duration, Outcome outcome) {
    this(start, duration, outcome, ProgressCurve.LINEAR);
  }

  /** How the work ends; chosen by a marker in the package name (see {@link FailureMarkers}). */
  enum Outcome { SUCCEED, FAIL, STALL }

  /** Where a failing or stalling phase stops rising, so Tasklist shows it "stuck half-way". */
  static final int STUCK_PROGRESS = 50;

  /** True once the outcome is known; a stalled phase never finishes. */
  boolean finished(Instant now) {
    return outcome != Outcome.STALL && !now.isBefore(end());
  }

  boolean failed(Instant now) {
    return outcome == Outcome.FAIL && finished(now);
  }

  /** 0 → 100 along the curve for a phase that succeeds; a failing or stalling one rises linearly and stops at 50. */
  int progress(Instant now) {
    if (outcome == Outcome.SUCCEED && finished(now)) {
      return 100;
    }
    long elapsed = Math.max(0, Duration.between(start, now).toMillis());
    if (outcome == Outcome.SUCCEED && curve != ProgressCurve.LINEAR) {
      return duration.isZero() ? 100 : curve.percent((double) elapsed / duration.toMillis());
    }
    long percent = duration.isZero() ? 100 : elapsed * 100 / duration.toMillis();
    int ceiling = outcome == Outcome.SUCCEED ? 99 : STUCK_PROGRESS;
    return (int) Math.min(percent, ceiling);
  }

  Instant end() {
    return start.plus(duration);
  }
}
