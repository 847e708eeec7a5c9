package dev.ferry.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.polling.PollPlanner.Model;
import dev.ferry.polling.PollPlanner.Plan;
import dev.ferry.polling.PollPlanner.Settings;
import dev.ferry.polling.PollPlanner.Track;
import dev.ferry.polling.PollPlanner.Window;
import dev.ferry.simulator.ProgressCurve;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The polling plan against steps of many lengths whose progress follows each of the simulator's
 * curves, reported as the simulator reports it (whole percent, rounded down, at most 99 until
 * done). Lateness here is the plan's own: from the finish to the look that sees it, without the
 * job executor's pick-up time.
 */
@Tag("fast")
class PollPlannerTest {

  /** The defaults of application.yml. */
  static final Settings DEFAULTS = new Settings(2000, 500, 60_000, 1.5, 600, 150);
  static final long START = 1_700_000_000_000L;
  static final long[] SECONDS = {3, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 3600};

  record Outcome(long duration, int calls, long late) {
  }

  /** Follows one step of {@code duration} ms to the look that finds it finished. */
  static Outcome follow(ProgressCurve curve, long duration, Window expected) {
    PollPlanner planner = new PollPlanner(DEFAULTS);
    Plan plan = planner.first(START, expected);
    long now = START;
    for (int calls = 1; calls < 10_000; calls++) {
      now += plan.delay();
      long elapsed = now - START;
      if (elapsed >= duration) {
        return new Outcome(duration, calls, elapsed - duration);
      }
      plan = planner.next(plan.track(), now, (double) curve.percent((double) elapsed / duration));
    }
    throw new AssertionError("never saw the step finish");
  }

  static List<Outcome> followAll(ProgressCurve curve, boolean expected) {
    List<Outcome> outcomes = new ArrayList<>();
    for (long s : SECONDS) {
      long duration = s * 1000;
      outcomes.add(follow(curve, duration, expected ? new Window(duration - 50, duration) : null));
    }
    return outcomes;
  }

  @Test
  void aLinearStepIsSeenWithinTheToleranceWithAboutOneCallPerMinute() {
    for (Outcome o : followAll(ProgressCurve.LINEAR, false)) {
      assertThat(o.late()).as("late after %d ms", o.duration()).isLessThanOrEqualTo(750);
      assertThat(o.calls()).as("calls for %d ms", o.duration()).isLessThanOrEqualTo(4 + (int) (o.duration() / 60_000));
    }
    assertThat(follow(ProgressCurve.LINEAR, 10_000, null).calls()).isEqualTo(2);
  }

  @Test
  void aStepThatTakesAsLongAsItUsedToIsSeenWithOneCallJustAfterItEnds() {
    for (ProgressCurve curve : ProgressCurve.values()) {
      for (Outcome o : followAll(curve, true)) {
        if (o.duration() <= 60_000) {
          assertThat(o.calls()).as("%s %d ms", curve, o.duration()).isEqualTo(1);
          assertThat(o.late()).as("%s %d ms", curve, o.duration()).isLessThanOrEqualTo(150);
        } else if (curve == ProgressCurve.LINEAR || curve == ProgressCurve.NONE) {
          // a look per minute at most checks a long step against its forecast on the way
          assertThat(o.calls()).as("%s %d ms", curve, o.duration()).isLessThanOrEqualTo(1 + (int) (o.duration() / 60_000));
        }
      }
    }
    for (Outcome o : followAll(ProgressCurve.LINEAR, true)) {
      assertThat(o.late()).as("linear %d ms", o.duration()).isLessThanOrEqualTo(750);
    }
  }

  @Test
  void frontLoadedAndStalledThenFastStepsAreSeenWithinASecondOrTwoPercent() {
    for (ProgressCurve curve : List.of(ProgressCurve.FRONT_LOADED, ProgressCurve.STALLED_THEN_FAST)) {
      for (Outcome o : followAll(curve, false)) {
        if (o.duration() >= 5000) {
          assertThat(o.late()).as("%s late after %d ms", curve, o.duration())
              .isLessThanOrEqualTo(Math.max(1000, o.duration() / 50));
        }
      }
    }
  }

  @Test
  void aStepThatRunsLongerThanExpectedIsSeenWithinASecondOrTwoPercentWhateverItsProgressCurve() {
    // the expected finish passes; then the progress decides, also when it crept until then and speeds up now
    for (ProgressCurve curve : List.of(ProgressCurve.LINEAR, ProgressCurve.FRONT_LOADED, ProgressCurve.STALLED_THEN_FAST)) {
      for (long s : SECONDS) {
        long duration = s * 1000;
        for (double sooner : new double[] {0.3, 0.5, 0.8}) {
          long expected = Math.round(duration * sooner);
          Outcome o = follow(curve, duration, new Window(expected - 50, expected));
          assertThat(o.late()).as("%s %d ms, expected at %d ms", curve, duration, expected)
              .isLessThanOrEqualTo(Math.max(1000, duration / 50));
        }
      }
    }
  }

  @Test
  void aStepSeenCreepingAtLessThanTenPercentIsNotLeftForMinutesOnTheCreepsForecast() {
    // 30 s, 5% at half time, then fast; the looks came late (a busy job executor) and saw only the creep
    PollPlanner planner = new PollPlanner(DEFAULTS);
    Plan plan = planner.next(planner.first(START, null).track(), START + 2_808, 0.0);
    plan = planner.next(plan.track(), START + 7_287, 2.0);
    plan = planner.next(plan.track(), START + 14_940, 5.0);
    assertThat(plan.track().model()).isEqualTo(Model.LINEAR);
    assertThat(plan.delay()).as("the creep forecasts 300 s; the step ends at 30 s").isLessThanOrEqualTo(14_940);
  }

  @Test
  void withoutProgressItBacksOffAsBeforeUpToTheLongestInterval() {
    for (Outcome o : followAll(ProgressCurve.NONE, false)) {
      assertThat(o.late()).as("late after %d ms", o.duration()).isLessThanOrEqualTo(Math.min(60_000, o.duration()));
    }
    PollPlanner planner = new PollPlanner(DEFAULTS);
    Plan plan = planner.first(START, null);
    List<Long> delays = new ArrayList<>(List.of(plan.delay()));
    long now = START;
    for (int i = 0; i < 12; i++) {
      now += plan.delay();
      plan = planner.next(plan.track(), now, 0.0);
      delays.add(plan.delay());
    }
    long third = Math.round(4500 * PollPlanner.phase(START));
    assertThat(delays).as("the second back-off in the loop's phase, then ×1.5")
        .startsWith(2000L, 3000L, third, Math.round(third * 1.5))
        .endsWith(60_000L, 60_000L);
  }

  @Test
  void blindLoopsStartedTogetherDoNotLookInLockStepSoTheFirstSeesTheEndSoon() {
    PollPlanner planner = new PollPlanner(DEFAULTS);
    long duration = 20_000;
    long earliest = Long.MAX_VALUE;
    long latest = 0;
    double calls = 0;
    int loops = 100;
    for (int i = 0; i < loops; i++) {
      long started = START + 37L * i; // a burst: 100 migrations started within 4 s
      Plan plan = planner.first(started, null);
      long now = started;
      int looks = 1;
      while (now + plan.delay() - started < duration) {
        now += plan.delay();
        plan = planner.next(plan.track(), now, 0.0);
        looks++;
      }
      long seen = now + plan.delay() - started;
      earliest = Math.min(earliest, seen - duration);
      latest = Math.max(latest, seen - duration);
      calls += looks;
    }
    // in lock-step (looks at 2, 5, 9.5, 16.25 and 26.4 s) every loop saw it 6.4 s late, with 5 calls;
    // now the first sees it 8 ms late and the last 13.2 s (PaceSetter brings those forward), 5.08 calls
    assertThat(earliest).as("the first loop to see the step ended, ms late").isLessThanOrEqualTo(500);
    assertThat(latest).as("the last").isGreaterThan(3000);
    assertThat(calls / loops).as("calls per loop").isBetween(5.0, 5.5);
    double spread = java.util.stream.LongStream.range(0, 1000).mapToDouble(ms -> PollPlanner.phase(START + ms))
        .summaryStatistics().getAverage();
    assertThat(spread).as("phases average one").isBetween(0.95, 1.05);
  }

  /**
   * 100 loops started 37 ms apart (a burst) wait for a 20 s step with linear whole-percent
   * progress, each step timed by the Library. Paced: once two have seen it end, every other loop's
   * next look moves where {@link PollPlanner#retarget} says, as {@link PaceSetter} does. Returns
   * the calls per loop and the latest a loop saw the end (ms).
   */
  static double[] burst(boolean paced) {
    PollPlanner planner = new PollPlanner(DEFAULTS);
    int loops = 100;
    long duration = 20_000;
    long[] started = new long[loops];
    long[] due = new long[loops];
    Track[] tracks = new Track[loops];
    int calls = 0;
    long latest = 0;
    List<Long> ended = new ArrayList<>();
    java.util.PriorityQueue<Integer> next = new java.util.PriorityQueue<>(
        java.util.Comparator.comparingLong((Integer i) -> due[i]).thenComparing(i -> i));
    for (int i = 0; i < loops; i++) {
      started[i] = START + 37L * i;
      Plan plan = planner.first(started[i], null);
      tracks[i] = plan.track();
      due[i] = started[i] + plan.delay();
      next.add(i);
    }
    while (!next.isEmpty()) {
      int i = next.poll();
      long now = due[i];
      long elapsed = now - started[i];
      calls++;
      Window expected = ended.size() >= 2 ? new Window(ended.stream().mapToLong(Long::longValue).min().orElseThrow(),
          ended.stream().mapToLong(Long::longValue).max().orElseThrow()) : null;
      if (elapsed < duration) {
        Track track = paced ? PollPlanner.expecting(tracks[i], expected) : tracks[i]; // as PollingPolicy.track does
        Plan plan = planner.next(track, now, (double) ProgressCurve.LINEAR.percent((double) elapsed / duration));
        tracks[i] = plan.track();
        due[i] = now + plan.delay();
        next.add(i);
        continue;
      }
      latest = Math.max(latest, elapsed - duration);
      ended.add(duration);
      if (paced && ended.size() >= 2) {
        Window agreed = new Window(duration, duration);
        for (int j : new ArrayList<>(next)) {
          long at = planner.retarget(tracks[j], due[j] - started[j], agreed);
          if (at >= 0 && due[j] > now + DEFAULTS.margin()) {
            next.remove(j);
            due[j] = Math.max(now, started[j] + at);
            next.add(j);
          }
        }
      }
    }
    return new double[] {(double) calls / loops, latest};
  }

  @Test
  void inABurstTheFirstLoopsToSeeAStepEndSaveTheOthersTheLookThatOnlyNarrowsTheirWindow() {
    double[] alone = burst(false);
    double[] paced = burst(true);
    // alone, each looks at 2 s (10%: it ends between 18.2 and 20 s), at 18.95 s to narrow that, at 20.15 s;
    // paced, the loops started more than about 1.2 s after the first skip the look at 18.95 s
    assertThat(alone[0]).as("calls per loop, each on its own").isEqualTo(3.0);
    assertThat(paced[0]).as("calls per loop, paced").isLessThan(2.5);
    assertThat(paced[1]).as("the latest a loop saw the end, paced (ms)").isLessThanOrEqualTo(alone[1])
        .isLessThanOrEqualTo(DEFAULTS.tolerance() + DEFAULTS.margin());
  }

  @Test
  void aLoopWhoseWindowIsStillWideLooksJustAfterTheEndTheLastStepsAgreeOn() {
    PollPlanner planner = new PollPlanner(DEFAULTS);
    Plan plan = planner.next(planner.first(START, null).track(), START + 2000, 10.0); // ends in 18.2-20 s
    assertThat(plan.delay()).as("to narrow it: tolerance after its start").isEqualTo(18_182 + 600 + 150 - 2000);
    long planned = 2000 + plan.delay();
    assertThat(planner.retargetable(plan.track())).isTrue();
    assertThat(planner.retarget(plan.track(), planned, new Window(20_000, 20_040))).as("20 s, as the last took")
        .isEqualTo(20_000 + 150);
    assertThat(planner.retarget(plan.track(), planned, new Window(18_300, 18_400))).as("sooner, in the window")
        .isEqualTo(18_400 + 150);
    assertThat(planner.retarget(plan.track(), planned, new Window(25_000, 25_100)))
        .as("the last ones took longer than this one can: its own plan").isEqualTo(-1);
    assertThat(planner.retarget(plan.track(), planned, new Window(18_700, 18_800)))
        .as("where it would look anyway: left alone").isEqualTo(-1);

    Plan narrow = planner.next(plan.track(), START + planned, 94.0); // 94% at 18.9 s: it ends in 19.93-20 s, narrow enough
    assertThat(planner.retargetable(narrow.track())).isFalse();
    assertThat(planner.retarget(narrow.track(), 20_300, new Window(20_000, 20_040))).isEqualTo(-1);
  }

  @Test
  void whenTheProgressStallsItBacksOff() {
    PollPlanner planner = new PollPlanner(DEFAULTS);
    Plan plan = planner.first(START, null);
    long now = START + plan.delay();
    plan = planner.next(plan.track(), now, 25.0); // 25% after 2 s: forecast 8 s
    assertThat(plan.track().model()).isEqualTo(Model.LINEAR);
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      now += plan.delay();
      plan = planner.next(plan.track(), now, 50.0); // stuck at 50%
      delays.add(plan.delay());
    }
    assertThat(plan.track().model()).isEqualTo(Model.STALLED);
    assertThat(delays.subList(2, delays.size())).isSorted();
    assertThat(delays).last().isEqualTo(60_000L);
  }

  @Test
  void aStepAtOneHundredPercentWithoutItsFinalStatusIsAskedAgainSoon() {
    PollPlanner planner = new PollPlanner(DEFAULTS);
    Plan plan = planner.next(planner.first(START, null).track(), START + 2000, 100.0);
    assertThat(plan.delay()).isEqualTo(500);
  }

  @Test
  void anExpectedWindowWiderThanTheToleranceIsFirstAskedToleranceAfterItsStart() {
    PollPlanner planner = new PollPlanner(DEFAULTS);
    assertThat(planner.first(START, new Window(18_000, 22_000)).delay()).isEqualTo(18_000 + 600 + 150);
    assertThat(planner.first(START, new Window(19_800, 20_000)).delay()).isEqualTo(20_000 + 150);
  }

  @Test
  void theTrackSurvivesAsText() {
    Track track = new Track(START, 3, 12_345, 37.5, new Window(20_000, Double.POSITIVE_INFINITY), Model.SEGMENT, 4500,
        0.0031);
    Track back = Track.decode(track.encode());
    assertThat(back.startedAt()).isEqualTo(START);
    assertThat(back.polls()).isEqualTo(3);
    assertThat(back.lastProgress()).isEqualTo(37.5);
    assertThat(back.window().hi()).isInfinite();
    assertThat(back.model()).isEqualTo(Model.SEGMENT);
    assertThat(back.rate()).isEqualTo(0.0031);
    assertThat(track.encode()).hasSizeLessThan(120);
  }
}
