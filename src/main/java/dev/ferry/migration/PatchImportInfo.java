package dev.ferry.migration;

import dev.ferry.library.LibraryScope;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.reliability.Attempts;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records a decision at a Library: {@code PATCH /api/migrations/{id}} with
 * {@code {"importInfo": {field: value}}}, or {@code PATCH /api/migrationGroups/{id}} with {@code {field: value}}. The activity's inputs say which: {@code field}
 * ({@code importRequestStatus} or {@code undoRequestStatus}), {@code value} ({@code requested},
 * {@code approved}, {@code rejected}) and {@code on} ({@code source} for the import request,
 * {@code target} for undo, where project packages send the target project). The Library takes
 * {@code approved} only after {@code requested}; the models keep that order.
 */
@Component("patchImportInfo")
public class PatchImportInfo implements JavaDelegate {

  private final PackageKinds kinds;
  private final Attempts attempts;

  public PatchImportInfo(PackageKinds kinds, Attempts attempts) {
    this.kinds = kinds;
    this.attempts = attempts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String field = Typed.PATCH_FIELD.getLocalOrNull(execution);
    String value = Typed.PATCH_VALUE.getLocalOrNull(execution);
    LibraryScope scope = "target".equals(execution.getVariableLocal(FerryVariables.PATCH_ON)) ? Scopes.target(execution)
        : Scopes.source(execution);
    execution.setVariable(field, value);
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), execution.getCurrentActivityId());
    kinds.of(execution).patchImportInfo(execution, scope, field, value, earlier);
  }
}
