package dev.ferry.approval;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.Scopes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records a decision of the approval gate at the source Library: {@code PATCH importInfo.importRequestStatus}
 * to the value of the activity's input {@code importRequestStatus} ({@code requested}, {@code approved}
 * or {@code rejected}). The Library accepts {@code approved} only after {@code requested}; the model keeps that order.
 */
@Component("markImportRequest")
public class MarkImportRequest implements JavaDelegate {

  static final String STATUS_INPUT = "importRequestStatus";

  private final MigrationsClient migrations;

  public MarkImportRequest(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String status = (String) execution.getVariableLocal(STATUS_INPUT);
    Migration answer = migrations.patchImportInfo(Scopes.source(execution), Scopes.migrationId(execution),
        STATUS_INPUT, status);
    execution.setVariable("importRequestStatus", answer.importRequestStatus() != null ? answer.importRequestStatus() : status);
  }
}
