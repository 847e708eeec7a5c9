package dev.ferry.queue;

import dev.ferry.engine.DecisionRefused;
import dev.ferry.migration.FerryVariables;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The complete listener of {@code approve-import} (in {@code import-approval.bpmn}): checks the
 * approver's {@code importAt}, so a value that is no date refuses the completion (Tasklist and REST
 * show why: HTTP 400 with the message) instead of failing later in a job.
 */
@Component("importAtCheck")
public class ImportAtCheck implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    try {
      ImportAt.parse(task.getVariable(FerryVariables.IMPORT_AT));
    } catch (ProcessEngineException notADate) {
      throw new DecisionRefused(FerryVariables.IMPORT_AT, notADate.getMessage()); // REST: 400 naming importAt
    }
  }
}
