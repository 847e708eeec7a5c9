package dev.ferry.queue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Frees every queue slot the instance holds (and its place in every line) when the step that held
 * it ends — the import, the validation or the package creation: done, failed or timed out — and
 * when the instance ends any other way, also when an operator deletes it. The next in line is woken
 * once this transaction commits.
 */
@Component("releaseSlots")
public class ReleaseSlots implements ExecutionListener {

  private final EnvironmentQueues queues;

  public ReleaseSlots(EnvironmentQueues queues) {
    this.queues = queues;
  }

  @Override
  public void notify(DelegateExecution execution) {
    queues.release(execution.getProcessInstanceId());
  }
}
