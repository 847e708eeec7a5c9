package dev.ferry.polling;

import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.PackageKinds;
import dev.ferry.migration.SinglePackage;
import dev.ferry.migration.FerryVariables;
import dev.ferry.migration.StatusVariables;
import dev.ferry.queue.EnvironmentQueues;
import dev.ferry.polling.PollPlanner.Plan;
import dev.ferry.polling.PollPlanner.Track;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * One turn of the {@code library-poll} loop: runs the check named by {@code check}, publishes the
 * status it found, and sets {@code pollOutcome} to {@code done}, {@code failed}, {@code timed_out}
 * or {@code waiting} for the model's gateway; while waiting, aims the next look
 * ({@code pollInterval}) at the forecast finish.
 *
 * <p>Every variable written is a history row: a turn writes only what changed (the status
 * usually once, the progress, the interval and the track), and the count of looks only at the end.
 */
@Component("checkStatus")
public class CheckStatus implements JavaDelegate {

  static final String CHECK = FerryVariables.CHECK;
  static final String OUTCOME = FerryVariables.POLL_OUTCOME;

  private final Map<String, StatusCheck> checks;
  private final PollingPolicy policy;
  /** The polled steps that hold a queue slot (when their queue has a limit): news from them renews its lease. */
  private static final java.util.Set<String> SLOT_HOLDING =
      java.util.Set.of("import-finished", "validation-finished", "package-created");

  private final EnvironmentQueues queues;
  private final PackageKinds kinds;

  public CheckStatus(List<StatusCheck> checks, PollingPolicy policy, EnvironmentQueues queues, PackageKinds kinds) {
    this.queues = queues;
    this.kinds = kinds;
    this.checks = checks.stream().collect(Collectors.toMap(c -> c.kind() + ":" + c.name(), Function.identity()));
    this.policy = policy;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String name = kinds.of(execution).name() + ":" + execution.getVariable(CHECK);
    // a transfer's import is one migration on the target: the migration checks serve it
    StatusCheck check = checks.getOrDefault(name, checks.get(SinglePackage.NAME + ":" + execution.getVariable(CHECK)));
    if (check == null) {
      throw new IllegalStateException("No status check named '" + name + "'; known: " + checks.keySet());
    }
    Track track = policy.track(execution);
    PollResult result = check.check(execution);
    if (SLOT_HOLDING.contains(String.valueOf(execution.getVariable(CHECK)))) {
      queues.renewFor(execution); // news from the step: its slot on the environment stays taken
    }
    long now = ClockUtil.getCurrentTime().getTime();
    Map<String, Object> published = new HashMap<>(result.variables());
    String outcome;
    switch (result.state()) {
      case DONE -> {
        outcome = "done";
        policy.learn(execution, track, now, result.took());
      }
      case FAILED -> {
        outcome = "failed";
        published.put(FerryVariables.FAILURE_MESSAGE, result.message());
      }
      default -> {
        Date deadline = Typed.POLL_DEADLINE.getOrNull(execution);
        if (policy.isPast(deadline)) {
          outcome = "timed_out";
          published.put(FerryVariables.FAILURE_MESSAGE, "Timed out after " + policy.timeout()
              + " waiting for " + check.awaited() + "; the last status was '" + result.status() + "'"
              + progress(result) + ". Raise ferry.polling.timeout if the Library is just slow.");
        } else {
          outcome = "waiting";
          Plan plan = policy.planner().next(track, now, result.progress());
          execution.setVariable(PollingPolicy.INTERVAL, policy.interval(plan.delay(), deadline, now));
          execution.setVariable(PollingPolicy.TRACK, plan.track().encode());
          policy.planned(execution, plan.track());
        }
      }
    }
    published.entrySet().removeIf(variable -> execution.hasVariable(variable.getKey())
        && Objects.equals(execution.getVariable(variable.getKey()), variable.getValue()));
    if (!published.isEmpty()) {
      StatusVariables.publish(execution, published);
    }
    if (!outcome.equals(execution.getVariable(OUTCOME))) {
      execution.setVariable(OUTCOME, outcome);
    }
    if (!"waiting".equals(outcome)) {
      execution.setVariable(PollingPolicy.COUNT, track.polls() + 1);
    }
  }

  private static String progress(PollResult result) {
    Object progress = result.variables().get(FerryVariables.PROGRESS);
    return progress == null ? "" : " at " + progress + "%";
  }
}
