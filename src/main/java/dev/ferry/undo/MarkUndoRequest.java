package dev.ferry.undo;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.Scopes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code PATCH importInfo.undoRequestStatus} on the target to the activity's input
 * {@code undoRequestStatus}: {@code requested}, then {@code approved}, which starts the undo.
 * The target project goes in {@code X-MSTR-ProjectID} for project packages.
 */
@Component("markUndoRequest")
public class MarkUndoRequest implements JavaDelegate {

  static final String STATUS_INPUT = "undoRequestStatus";

  private final MigrationsClient migrations;

  public MarkUndoRequest(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String status = (String) execution.getVariableLocal(STATUS_INPUT);
    Migration answer = migrations.patchImportInfo(Scopes.target(execution), Scopes.migrationId(execution),
        STATUS_INPUT, status);
    if (answer.importStatus() != null) {
      execution.setVariable("importStatus", answer.importStatus());
    }
  }
}
