package dev.ferry.queue;

import dev.ferry.migration.FerryVariables.Typed;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * One try for an import slot on the target. Sets {@code queueState} for the model's gateway and
 * {@code queueNextTry} for its timer, and publishes {@code queuePosition} and {@code queueMessage}
 * to the migration and its callers while it waits (removed once it may import).
 */
@Component("tryImportSlot")
public class TryImportSlot implements JavaDelegate {

  private final EnvironmentQueues queue;

  public TryImportSlot(EnvironmentQueues queue) {
    this.queue = queue;
  }

  @Override
  public void execute(DelegateExecution execution) {
    QueueTurn turn = queue.tryStart(EnvironmentQueues.IMPORTS, execution.getProcessInstanceId(),
        Typed.TARGET_ENVIRONMENT.getOrNull(execution), execution.getProcessBusinessKey());
    turn.showOn(execution);
  }
}
