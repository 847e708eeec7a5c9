package dev.ferry.polling;

import dev.ferry.engine.FerryProperties;
import dev.ferry.migration.FerryVariables;
import dev.ferry.polling.PollPlanner.Plan;
import dev.ferry.polling.PollPlanner.Settings;
import dev.ferry.polling.PollPlanner.Track;
import java.time.Duration;
import java.util.Date;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Starts a polling loop: the first wait and the deadline. Each later wait is aimed at the moment
 * the step should finish, forecast from the Library's progress ({@link PollPlanner}); the first
 * one at the time the same step took recently ({@link StepDurations}), or
 * {@code initial-interval}. The loop ends as timed out once {@code timeout} has passed without
 * the awaited status.
 */
@Component("startPolling")
public class PollingPolicy implements JavaDelegate {

  static final String INTERVAL = FerryVariables.POLL_INTERVAL;
  static final String DEADLINE = FerryVariables.POLL_DEADLINE;
  static final String COUNT = FerryVariables.POLL_COUNT;
  /** What the loop has seen so far ({@link Track#encode}). */
  static final String TRACK = FerryVariables.POLL_TRACK;
  /**
   * How long after the forecast finish a look lands: the job executor picks a due timer up within
   * its acquisition wait, and the Library's clock may run a little behind.
   */
  static final long MARGIN_MILLIS = 150;

  private final FerryProperties.Polling polling;
  private final StepDurations durations;
  private final PaceSetter paceSetter;
  private final PollPlanner planner;

  public PollingPolicy(FerryProperties properties, StepDurations durations, PaceSetter paceSetter) {
    this.polling = properties.getPolling();
    this.durations = durations;
    this.paceSetter = paceSetter;
    this.planner = new PollPlanner(new Settings(polling.getInitialInterval().toMillis(),
        polling.getMinInterval().toMillis(), polling.getMaxInterval().toMillis(), polling.getMultiplier(),
        polling.getAimTolerance().toMillis(), MARGIN_MILLIS));
  }

  @Override
  public void execute(DelegateExecution execution) {
    long now = ClockUtil.getCurrentTime().getTime();
    Plan plan = planner.first(now, durations.expected(step(execution), polling.getAimTolerance().toMillis()));
    execution.setVariable(INTERVAL, Duration.ofMillis(plan.delay()).toString());
    execution.setVariable(DEADLINE, new Date(now + polling.getTimeout().toMillis()));
    execution.setVariable(TRACK, plan.track().encode());
  }

  PollPlanner planner() {
    return planner;
  }

  /**
   * The loop's track; a loop started before Ferry kept tracks starts one now. A blind loop (no
   * progress seen, nothing expected) takes the time the same step is expected to take by now, if
   * one of its kind has ended meanwhile.
   */
  Track track(DelegateExecution execution) {
    Object text = execution.getVariable(TRACK);
    Track track = text instanceof String encoded ? Track.decode(encoded)
        : planner.first(ClockUtil.getCurrentTime().getTime(), null).track();
    return PollPlanner.expecting(track, durations.expected(step(execution), polling.getAimTolerance().toMillis()));
  }

  /** The loop will look next as planned; a step of its kind that ends meanwhile may move that look ({@link PaceSetter}). */
  void planned(DelegateExecution execution, Track track) {
    if (planner.retargetable(track)) {
      paceSetter.waiting(step(execution));
    }
  }

  /** Which step this loop waits for, where: durations are learnt and expected per step. */
  static String step(DelegateExecution execution) {
    return step(execution::getVariable);
  }

  /** The step, from the loop's variables by name. */
  static String step(Function<String, Object> variables) {
    return variables.apply(FerryVariables.KIND) + ":" + variables.apply(CheckStatus.CHECK) + ":"
        + variables.apply(FerryVariables.SOURCE_ENVIRONMENT) + ">" + variables.apply(FerryVariables.TARGET_ENVIRONMENT);
  }

  /**
   * Remembers how long the finished step took: by the Library's timestamps when they fit what
   * the loop saw (not finished at the last look, finished at this one; give or take two seconds
   * of clock), else by the loop's own looks when they were close together.
   */
  void learn(DelegateExecution execution, Track track, long now, Duration libraryTook) {
    long elapsed = now - track.startedAt();
    long lastLook = track.lastElapsed();
    Long took = null;
    if (libraryTook != null && libraryTook.toMillis() >= lastLook - 2000 && libraryTook.toMillis() <= elapsed + 2000) {
      took = libraryTook.toMillis();
    } else if (track.polls() > 0 && elapsed - lastLook <= 2 * polling.getAimTolerance().toMillis()) {
      took = (elapsed + lastLook) / 2;
    }
    if (took != null) {
      String step = step(execution);
      durations.record(step, took);
      paceSetter.stepEnded(step, durations.expected(step, polling.getAimTolerance().toMillis()), planner);
    }
  }

  /** The wait until the next look: as planned, but not past the deadline, so a time-out is noticed on time. */
  String interval(long delay, Date deadline, long now) {
    long untilDeadline = deadline.getTime() - now + MARGIN_MILLIS;
    return Duration.ofMillis(Math.max(polling.getMinInterval().toMillis(), Math.min(delay, untilDeadline))).toString();
  }

  boolean isPast(Date deadline) {
    return !ClockUtil.getCurrentTime().before(deadline);
  }

  Duration timeout() {
    return polling.getTimeout();
  }
}
