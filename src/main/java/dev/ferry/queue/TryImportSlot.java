package dev.ferry.queue;

import static dev.ferry.migration.FerryVariables.TARGET_ENVIRONMENT;
import static dev.ferry.migration.FerryVariables.*;

import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.StatusVariables;
import java.util.Date;
import java.util.Objects;
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
    QueueTurn turn = queue.tryStart(EnvironmentQueues.IMPORTS, execution.getProcessInstanceId(), Typed.TARGET_ENVIRONMENT.getOrNull(execution),
        execution.getProcessBusinessKey());
    execution.setVariable(QUEUE_STATE, turn.state());
    if (QueueTurn.GRANTED.equals(turn.state())) {
      StatusVariables.remove(execution, QUEUE_POSITION, QUEUE_MESSAGE);
      execution.removeVariable(QUEUE_NEXT_TRY);
    } else {
      execution.setVariable(QUEUE_NEXT_TRY, Date.from(turn.nextTry()));
      // history keeps every update: write the status only when it changed, not at every try
      if (!Objects.equals(execution.getVariable(QUEUE_POSITION), turn.position())
          || !Objects.equals(execution.getVariable(QUEUE_MESSAGE), turn.message())) {
        StatusVariables.publish(execution, StatusVariables.of(QUEUE_POSITION, turn.position(), QUEUE_MESSAGE,
            turn.message()));
      }
    }
  }
}
