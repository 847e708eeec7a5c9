package dev.ferry.polling;

import dev.ferry.migration.Kind;
import dev.ferry.migration.MigrationVariables;
import dev.ferry.migration.StatusVariables;
import dev.ferry.queue.ImportQueue;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * One turn of the {@code library-poll} loop: runs the check named by {@code check}, publishes the
 * status it found, and sets {@code pollOutcome} to {@code done}, {@code failed}, {@code timed_out}
 * or {@code waiting} for the model's gateway.
 */
@Component("checkStatus")
public class CheckStatus implements JavaDelegate {

  static final String CHECK = "check";
  static final String OUTCOME = "pollOutcome";

  private final Map<String, StatusCheck> checks;
  private final PollingPolicy policy;
  private final ImportQueue importQueue;

  public CheckStatus(List<StatusCheck> checks, PollingPolicy policy, ImportQueue importQueue) {
    this.importQueue = importQueue;
    this.checks = checks.stream().collect(Collectors.toMap(c -> c.kind() + ":" + c.name(), Function.identity()));
    this.policy = policy;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String name = Kind.of(execution).value() + ":" + execution.getVariable(CHECK);
    // a transfer's import is one migration on the target: the migration checks serve it
    StatusCheck check = checks.getOrDefault(name, checks.get("migration:" + execution.getVariable(CHECK)));
    if (check == null) {
      throw new IllegalStateException("No status check named '" + name + "'; known: " + checks.keySet());
    }
    PollResult result = check.check(execution);
    if ("import-finished".equals(execution.getVariable(CHECK))) {
      importQueue.renewFor(execution); // news from the import: its slot on the target stays taken
    }
    Map<String, Object> published = new HashMap<>(result.variables());
    String outcome;
    switch (result.state()) {
      case DONE -> outcome = "done";
      case FAILED -> {
        outcome = "failed";
        published.put(MigrationVariables.FAILURE_MESSAGE, result.message());
      }
      default -> {
        if (policy.isPast((Date) execution.getVariable(PollingPolicy.DEADLINE))) {
          outcome = "timed_out";
          published.put(MigrationVariables.FAILURE_MESSAGE, "Timed out after " + policy.timeout()
              + " waiting for " + check.awaited() + "; the last status was '" + result.status() + "'"
              + progress(result) + ". Raise ferry.polling.timeout if the Library is just slow.");
        } else {
          outcome = "waiting";
          execution.setVariable(PollingPolicy.INTERVAL, policy.next((String) execution.getVariable(PollingPolicy.INTERVAL)));
        }
      }
    }
    StatusVariables.publish(execution, published);
    execution.setVariable(OUTCOME, outcome);
    execution.setVariable(PollingPolicy.COUNT, ((Number) execution.getVariable(PollingPolicy.COUNT)).intValue() + 1);
  }

  private static String progress(PollResult result) {
    Object progress = result.variables().get(MigrationVariables.PROGRESS);
    return progress == null ? "" : " at " + progress + "%";
  }
}
