package dev.ferry.queue;

import static dev.ferry.migration.FerryVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * One try for a slot in the called model {@code queue-slot}: a validation on a target or a package
 * creation on a source ({@code queue}, {@code environment}). The slot is held in the name of the
 * calling instance ({@code queueHolder}), so it stays taken after this instance ends and is freed
 * when the caller's step ends. Sets {@code queueState}/{@code queueNextTry} for the model and
 * publishes {@code queuePosition}/{@code queueMessage} to every caller while it waits.
 */
@Component("trySlot")
public class TrySlot implements JavaDelegate {

  private final EnvironmentQueues queues;

  public TrySlot(EnvironmentQueues queues) {
    this.queues = queues;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String holder = Typed.QUEUE_HOLDER.getOrNull(execution);
    if (holder == null) {
      DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
      if (caller == null) {
        throw new IllegalStateException("queue-slot is called by a migration or an approval, not started by itself");
      }
      holder = caller.getProcessInstanceId();
    }
    QueueTurn turn = queues.tryStart(Typed.QUEUE.get(execution), holder, Typed.QUEUE_ENVIRONMENT.get(execution),
        execution.getProcessBusinessKey());
    if (!QueueTurn.GRANTED.equals(turn.state())) {
      execution.setVariable(QUEUE_HOLDER, holder); // the wake-up message finds this instance by it
    }
    turn.showOn(execution);
  }
}
