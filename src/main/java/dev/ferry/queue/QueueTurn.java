package dev.ferry.queue;

import static dev.ferry.migration.FerryVariables.QUEUE_MESSAGE;
import static dev.ferry.migration.FerryVariables.QUEUE_NEXT_TRY;
import static dev.ferry.migration.FerryVariables.QUEUE_POSITION;
import static dev.ferry.migration.FerryVariables.QUEUE_STATE;

import dev.ferry.migration.StatusVariables;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What one try for a slot found: {@code granted} (go on), {@code scheduled} (wait for a maintenance
 * window or the chosen import time until {@code nextTry}) or {@code busy} (the target runs as many
 * as it may; try again at {@code nextTry} or when a slot is freed). {@code position} is the place in
 * line (1 = next), null once granted.
 */
public record QueueTurn(String state, Instant nextTry, Integer position, String message) {

  public static final String GRANTED = "granted";
  public static final String SCHEDULED = "scheduled";
  public static final String BUSY = "busy";

  static QueueTurn granted() {
    return new QueueTurn(GRANTED, null, null, null);
  }

  /**
   * Tells the waiting model what this try found: {@code queueState} for its gateway, {@code queueNextTry}
   * for its timer, and {@code queuePosition}/{@code queueMessage} for the migration and its callers while
   * it waits (removed once granted).
   */
  void showOn(DelegateExecution execution) {
    execution.setVariable(QUEUE_STATE, state);
    if (GRANTED.equals(state)) {
      if (execution.getVariable(QUEUE_NEXT_TRY) != null) { // it waited: its status no longer applies
        StatusVariables.remove(execution, QUEUE_POSITION, QUEUE_MESSAGE);
        execution.removeVariable(QUEUE_NEXT_TRY);
      }
      return;
    }
    execution.setVariable(QUEUE_NEXT_TRY, Date.from(nextTry));
    // history keeps every update: write the status only when it changed, not at every try
    if (!Objects.equals(execution.getVariable(QUEUE_POSITION), position)
        || !Objects.equals(execution.getVariable(QUEUE_MESSAGE), message)) {
      StatusVariables.publish(execution, StatusVariables.of(QUEUE_POSITION, position, QUEUE_MESSAGE, message));
    }
  }
}
