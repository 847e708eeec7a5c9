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
    // now the first sees it 8 ms late and the last 13.2 s (BlindLoops brings those forward), 5.08 calls
    assertThat(earliest).as("the first loop to see the step ended, ms late").isLessThanOrEqualTo(500);
    assertThat(latest).as("the last").isGreaterThan(3000);
    assertThat(calls / loops).as("calls per loop").isBetween(5.0, 5.5);
    double spread = java.util.stream.LongStream.range(0, 1000).mapToDouble(ms -> PollPlanner.phase(START + ms))
        .summaryStatistics().getAverage();
    assertThat(spread).as("phases average one").isBetween(0.95, 1.05);
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
