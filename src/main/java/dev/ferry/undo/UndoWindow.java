package dev.ferry.undo;

import static dev.ferry.migration.FerryVariables.*;

import dev.ferry.engine.DecisionRefused;
import dev.ferry.engine.FerryProperties;
import dev.ferry.engine.Violation;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The time after an import in which the requester may ask for undo ({@code ferry.undo-window}).
 * It opens once, when the import finishes; the review task's timer closes it at
 * {@code undoDeadline}, however often the review is reopened after a refused undo.
 */
@Component("undoWindow")
public class UndoWindow implements JavaDelegate {

  private final FerryProperties properties;

  public UndoWindow(FerryProperties properties) {
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date deadline = new Date(ClockUtil.getCurrentTime().getTime() + properties.getUndoWindow().toMillis());
    execution.setVariable(UNDO_DEADLINE, deadline);
  }

  /**
   * Complete listener of {@code review-import}: undo is refused where the Library kept no undo
   * package ({@code keep_both}); otherwise who asked for undo is remembered for four eyes.
   */
  public void review(DelegateTask task) {
    Object undo = task.getVariable(UNDO);
    if (undo == null || undo instanceof String text && ("true".equals(text) || "false".equals(text))) {
      // the gateway reads a Boolean: null (nothing chosen) keeps the import
      undo = undo != null && Boolean.parseBoolean((String) undo);
      task.getExecution().setVariable(UNDO, undo);
    }
    if (!(undo instanceof Boolean)) {
      throw new DecisionRefused(UNDO, "'" + task.getName() + "' needs a choice: complete it with undo = true (ask "
          + "an approver to undo the import) or undo = false (keep it); got " + Violation.quote(undo) + ".");
    }
    if (!Boolean.TRUE.equals(undo)) {
      return;
    }
    if (!Boolean.TRUE.equals(task.getVariable(UNDO_POSSIBLE))) {
      throw new DecisionRefused(UNDO, "This import cannot be undone: the Library generated no undo package "
          + "(the package uses keep_both). Complete the review with undo = false.");
    }
  }
}
