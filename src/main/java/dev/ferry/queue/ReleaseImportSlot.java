package dev.ferry.queue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Frees the migration's import slot (and its place in line) when its import ends — imported,
 * failed or timed out — and when the migration ends any other way, also when an operator deletes
 * it. The next in line is woken once this transaction commits.
 */
@Component("releaseImportSlot")
public class ReleaseImportSlot implements ExecutionListener {

  private final ImportQueue queue;

  public ReleaseImportSlot(ImportQueue queue) {
    this.queue = queue;
  }

  @Override
  public void notify(DelegateExecution execution) {
    queue.release(execution.getProcessInstanceId());
  }
}
