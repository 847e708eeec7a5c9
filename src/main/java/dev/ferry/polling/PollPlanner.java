package dev.ferry.polling;

import java.util.Locale;

/**
 * When to ask the Library next, so that Ferry learns of a finished step just after it finished
 * and asks little in between. Pure arithmetic on what the loop has seen; no engine, no clock.
 *
 * <p>Everything is a <em>window</em>: the earliest and latest elapsed time (since the step began)
 * at which the step can finish, given what was seen.
 * <ul>
 *   <li><b>Linear</b>: a progress {@code p} (whole percent, as the Library reports it) seen
 *       {@code e} ms after the start means the step ends between {@code 100e/(p+1)} and
 *       {@code 100e/p}. Every look narrows the window further (the windows are intersected), as
 *       long as they agree.</li>
 *   <li><b>Segment</b>: once they disagree (the progress is not linear in time: front-loaded,
 *       stalled then fast), only the speed between the last two looks counts.</li>
 *   <li><b>Expected</b>: before any progress, how long the same step took recently at the same
 *       Library (see {@link StepDurations}), when those durations agree.</li>
 *   <li><b>Unsure</b>: the first progress disagreed with the expected finish. The next look comes
 *       soon and tests the linear window of this look alone; if they agree, the look after that
 *       is not later than the time elapsed (a step that crept may be about to speed up).</li>
 *   <li><b>Stalled</b> (the progress did not move) and <b>none</b> (no progress reported, nothing
 *       expected): no forecast; the interval backs off by {@code multiplier} up to
 *       {@code max}; without progress, each loop in a phase of its own ({@link #phase}).</li>
 * </ul>
 * With a window: once it is narrower than {@code tolerance}, the next look lands just after its
 * end ({@code margin}); otherwise {@code tolerance} after its start, so a finish there is seen at
 * most {@code tolerance} late and a look that finds it still running narrows the window. A look
 * further away than {@code max} is brought forward to {@value #REFINE} of the way to the window,
 * so a long step is checked against the forecast at least once before the end.
 */
final class PollPlanner {

  /** How far towards a distant window the next look goes when it is further than {@code max}. */
  static final double REFINE = 0.8;

  /**
   * Below this progress a forecast rests on little (a step that creeps before it runs looks
   * endless): the next look comes after at most {@value #LEAP} times the time elapsed; below
   * {@link #FAR_PROGRESS}% a look beyond {@code max} too.
   */
  static final double WEAK_PROGRESS = 5;
  static final double LEAP = 1;
  static final double FAR_PROGRESS = 10;

  /** How far a blind loop's phase may lie from 1 ({@link #phase}). */
  static final double PHASES = 0.5;

  /**
   * @param first      the first look when nothing is known
   * @param min        the shortest wait between two looks
   * @param max        the longest wait while the progress stalls or is not reported, and the
   *                   distance beyond which a look is brought forward
   * @param multiplier the back-off while nothing can be forecast
   * @param tolerance  how late a finish may be seen: the window width at which Ferry aims
   * @param margin     how long after the forecast end the look lands (clock and job pick-up)
   */
  record Settings(long first, long min, long max, double multiplier, long tolerance, long margin) {

    Settings {
      if (first <= 0 || min <= 0 || max < min || multiplier < 1 || tolerance <= 0 || margin < 0) {
        throw new IllegalArgumentException("ferry.polling: initial-interval, min-interval and aim-tolerance must be "
            + "positive, max-interval at least min-interval and multiplier at least 1; was " + this);
      }
    }
  }

  enum Model { NONE, EXPECTED, LINEAR, UNSURE, SEGMENT, STALLED }

  /** Elapsed milliseconds since the step began at which it may finish; {@code hi} may be infinite. */
  record Window(double lo, double hi) {

    static final Window OPEN = new Window(0, Double.POSITIVE_INFINITY);

    boolean bounded() {
      return !Double.isInfinite(hi);
    }

    Window intersect(Window other) {
      return new Window(Math.max(lo, other.lo), Math.min(hi, other.hi));
    }

    boolean empty() {
      return lo > hi;
    }
  }

  /**
   * What one polling loop has learnt; kept between looks as one short text variable
   * ({@link #encode}). {@code startedAt} is epoch milliseconds; the other times are elapsed
   * milliseconds since then.
   */
  record Track(long startedAt, int polls, long lastElapsed, double lastProgress, Window window, Model model,
      long lastDelay, double rate) {

    String encode() {
      return String.format(Locale.ROOT, "%d;%d;%d;%s;%s;%s;%s;%d;%s", startedAt, polls, lastElapsed,
          number(lastProgress), number(window.lo()), number(window.hi()), model, lastDelay, Double.toString(rate));
    }

    static Track decode(String text) {
      String[] f = text.split(";");
      if (f.length != 9) {
        throw new IllegalArgumentException("Not a polling track: '" + text + "'");
      }
      return new Track(Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
          new Window(Double.parseDouble(f[4]), Double.parseDouble(f[5])), Model.valueOf(f[6]), Long.parseLong(f[7]),
          Double.parseDouble(f[8]));
    }

    private static String number(double value) {
      return Double.isInfinite(value) ? "Infinity" : String.format(Locale.ROOT, "%.1f", value);
    }
  }

  /** The wait before the next look and what to remember until then. */
  record Plan(long delay, Track track) {
  }

  private final Settings settings;

  PollPlanner(Settings settings) {
    this.settings = settings;
  }

  Settings settings() {
    return settings;
  }

  /** The first look of a loop that starts now; {@code expected} is a window from earlier steps, or null. */
  Plan first(long now, Window expected) {
    if (expected != null && expected.bounded()) {
      Track track = new Track(now, 0, 0, 0, expected, Model.EXPECTED, settings.first(), 0);
      return new Plan(aim(track.window(), 0), track);
    }
    return new Plan(settings.first(), new Track(now, 0, 0, 0, Window.OPEN, Model.NONE, settings.first(), 0));
  }

  /** The step is still running at {@code now} with {@code progress} percent (null: none reported). */
  Plan next(Track track, long now, Double progress) {
    long e = Math.max(1, now - track.startedAt());
    double p = progress == null || progress.isNaN() ? 0 : Math.max(0, Math.min(100, progress));
    Window notYet = new Window(e, Double.POSITIVE_INFINITY);
    if (p >= 100) {
      // the Library says all done but has not set the status yet: look again soon
      return plan(track, e, p, notYet, Model.STALLED, settings.min(), track.rate());
    }
    if (p == 0) {
      if (track.model() == Model.EXPECTED && e < track.window().hi()) {
        return plan(track, e, p, track.window().intersect(notYet), Model.EXPECTED, aim(track.window(), e), 0);
      }
      // nothing to forecast with: back off (after the second blind look in the loop's own phase,
      // see phase); after an expected finish that did not come, start small
      long delay = track.model() == Model.EXPECTED
          ? Math.max(settings.min(), Math.min(settings.max(), e / 10))
          : track.polls() == 1 ? clamp(Math.round(backOff(track) * phase(track.startedAt()))) : backOff(track);
      return plan(track, e, p, notYet, Model.NONE, delay, 0);
    }
    double resolution = p == Math.rint(p) ? 1 : 0.1;
    Window linear = new Window(100 * e / Math.min(100, p + resolution), 100 * e / p).intersect(notYet);
    double linearRate = (p + resolution) / e;
    switch (track.model()) {
      case EXPECTED -> {
        Window expected = track.window();
        if (!linear.intersect(expected).empty()) {
          return aimed(track, e, p, linear.intersect(expected), Model.LINEAR, linearRate);
        }
        // they disagree: slower or faster than it used to be, or not linear. The next look comes
        // early enough to catch either; only this look's linear window is kept, so that the next
        // one tests whether the progress is linear (the span of the two would agree with anything).
        Window either = new Window(Math.min(linear.lo(), expected.hi()), Math.max(linear.hi(), expected.hi()))
            .intersect(notYet);
        return plan(track, e, p, linear, Model.UNSURE, weak(p, e, aim(either, e)), linearRate);
      }
      case NONE, LINEAR, UNSURE -> {
        Window seen = track.window();
        if (track.lastProgress() == 0 && track.lastElapsed() > 0) {
          // a step still at 0% after t ms takes more than 100t ms if it is linear
          seen = seen.intersect(new Window(100.0 * track.lastElapsed(), Double.POSITIVE_INFINITY));
        }
        Window both = linear.intersect(seen);
        if (!both.empty()) {
          Plan plan = aimed(track, e, p, both, Model.LINEAR, linearRate);
          // two looks a point or two of progress apart agree with almost any line: after a missed
          // forecast, a step that crept may be about to speed up, so no look beyond the time elapsed
          return track.model() == Model.UNSURE && plan.delay() > Math.max(settings.max(), e)
              ? plan(track, e, p, both, Model.LINEAR, Math.max(settings.max(), e), linearRate) : plan;
        }
      }
      default -> {
      }
    }
    if (p <= track.lastProgress()) {
      return plan(track, e, p, notYet, Model.STALLED, backOff(track), track.rate());
    }
    // not linear in time: only the speed since the last look counts
    double dt = e - track.lastElapsed();
    double dp = p - track.lastProgress();
    double fastest = (dp + resolution) / dt;
    double slowest = Math.max(dp - resolution, resolution / 2) / dt;
    // speeding up (or rising from 0 at a moment unknown): it may be faster still, so it may end any time
    boolean accelerating = track.lastProgress() == 0 || slowest > track.rate();
    Window window = new Window(accelerating ? e : e + Math.max(0, 100 - p - resolution) / fastest,
        e + (100 - p) / slowest).intersect(notYet);
    return aimed(track, e, p, window, Model.SEGMENT, fastest);
  }

  private Plan aimed(Track track, long e, double p, Window window, Model model, double rate) {
    return plan(track, e, p, window, model, weak(p, e, aim(window, e)), rate);
  }

  /**
   * A forecast from little progress is not trusted far: below {@value #WEAK_PROGRESS}% the next
   * look comes after at most {@value #LEAP} times the time elapsed, and below
   * {@value #FAR_PROGRESS}% a look beyond {@code max} too. A step that creeps and then speeds up
   * (5% in 15 s, done at 30 s) is otherwise looked at again when the creep says (in 3.5 minutes);
   * so it is seen at most {@code max} or the time it crept late, as a step that reports nothing.
   */
  private long weak(double p, long e, long delay) {
    if (p < WEAK_PROGRESS || (p < FAR_PROGRESS && delay > settings.max())) {
      return Math.max(settings.min(), Math.min(delay, Math.round(LEAP * e)));
    }
    return delay;
  }

  private long backOff(Track track) {
    return clamp(Math.round(track.lastDelay() * settings.multiplier()));
  }

  private long clamp(long delay) {
    return Math.min(settings.max(), Math.max(settings.min(), delay));
  }

  /**
   * A loop's own phase, within {@value #PHASES} of 1, from the moment it started. Blind loops (no
   * progress, nothing expected) started together, as a burst of migrations starts them, would back
   * off in lock-step: all look at the same moments, so a step that ends is seen equally late by all of
   * them. The back-off after the second blind look is scaled by it (after the first, a long step
   * that shows 1% only a few seconds later would lose its way) and the later ones keep the scale:
   * their looks spread out, the first to look after the end sees it soon, and {@link PaceSetter}
   * brings the others forward. A loop keeps its phase, so on average it asks as often as without.
   */
  static double phase(long startedAt) {
    long z = startedAt + 0x9E3779B97F4A7C15L; // SplitMix64: neighbouring milliseconds, unrelated phases
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return 1 - PHASES + 2 * PHASES * ((z >>> 11) * 0x1.0p-53);
  }

  /**
   * A step of this loop's kind has just ended, and the same step is now {@code expected} to take so
   * long: the elapsed time at which the loop should look instead of at {@code planned} (the
   * elapsed time its timer is due at), or -1 to keep its plan.
   * <ul>
   *   <li>A <b>blind</b> loop looks just after the expected end, if that is sooner. A sooner look
   *       it planned stands: it costs one call, and the step may be quicker this time.</li>
   *   <li>A <b>linear</b> loop whose window is still wider than {@code tolerance} (it would look
   *       once more only to narrow it) aims at the part of its window the expected end agrees
   *       with, as if it had expected it from its start: in a burst of migrations, the first to
   *       finish save the rest a look. A window that misses the expected end keeps its plan (this
   *       package is not like the last ones).</li>
   * </ul>
   */
  long retarget(Track track, long planned, Window expected) {
    if (expected == null || !expected.bounded()) {
      return -1;
    }
    if (blind(track)) {
      long due = Math.round(expected.hi()) + settings.margin();
      return due < planned - settings.margin() ? due : -1;
    }
    if (wide(track)) {
      Window both = track.window().intersect(expected);
      if (both.empty()) {
        return -1;
      }
      long due = Math.round(target(both)) + settings.margin();
      return Math.abs(due - planned) > settings.margin() ? due : -1;
    }
    return -1;
  }

  /** Whether {@link #retarget} may move this loop's next look once a step of its kind ends. */
  boolean retargetable(Track track) {
    return blind(track) || wide(track);
  }

  /** A blind loop takes the {@code expected} duration (if bounded) as the window of its next look; others keep their track. */
  static Track expecting(Track track, Window expected) {
    if (blind(track) && expected != null && expected.bounded()) {
      return new Track(track.startedAt(), track.polls(), track.lastElapsed(), 0, expected, Model.EXPECTED,
          track.lastDelay(), 0);
    }
    return track;
  }

  /** No progress seen, nothing expected: the loop is backing off. */
  static boolean blind(Track track) {
    return track.model() == Model.NONE && track.lastProgress() == 0;
  }

  /** Linear progress, but whole percents leave a window wider than {@code tolerance}. */
  private boolean wide(Track track) {
    return track.model() == Model.LINEAR && track.window().bounded()
        && track.window().hi() - track.window().lo() > settings.tolerance();
  }

  /** Where in the window to look: its end once it is narrower than {@code tolerance}, else {@code tolerance} after its start. */
  private double target(Window window) {
    return window.hi() - window.lo() <= settings.tolerance() ? window.hi() : window.lo() + settings.tolerance();
  }

  /** The wait from {@code e} to the aimed look for this window. */
  private long aim(Window window, long e) {
    long delay = Math.round(target(window) + settings.margin() - e);
    if (delay > settings.max()) {
      delay = Math.max(settings.max(), Math.round(REFINE * (window.lo() - e)));
    }
    return Math.max(settings.min(), delay);
  }

  private static Plan plan(Track track, long e, double p, Window window, Model model, long delay, double rate) {
    return new Plan(delay, new Track(track.startedAt(), track.polls() + 1, e, p, window, model, delay, rate));
  }
}
