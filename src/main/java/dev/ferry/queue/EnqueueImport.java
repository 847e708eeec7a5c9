package dev.ferry.queue;

import static dev.ferry.migration.FerryVariables.IMPORT_AT;
import static dev.ferry.migration.FerryVariables.TARGET_ENVIRONMENT;

import dev.ferry.migration.FerryVariables.Typed;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Puts an approved migration in line for its target, in the approval's transaction: the time of
 * approval is its place in line. The approver's {@code importAt} is checked here, so a bad one
 * refuses the approval with a message saying what to send.
 */
@Component("enqueueImport")
public class EnqueueImport implements JavaDelegate {

  private final EnvironmentQueues queue;

  public EnqueueImport(EnvironmentQueues queue) {
    this.queue = queue;
  }

  @Override
  public void execute(DelegateExecution execution) {
    queue.enqueue(execution.getProcessInstanceId(), Typed.TARGET_ENVIRONMENT.getOrNull(execution),
        execution.getProcessBusinessKey(), ImportAt.parse(execution.getVariable(IMPORT_AT)));
  }
}
