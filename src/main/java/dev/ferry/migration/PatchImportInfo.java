package dev.ferry.migration;

import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.reliability.Attempts;
import dev.ferry.reliability.LibraryLookups;
import java.time.Instant;
import java.util.Optional;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.library.MigrationsClient;
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

  private final MigrationsClient migrations;
  private final MigrationGroupsClient groups;
  private final Attempts attempts;
  private final LibraryLookups lookups;

  public PatchImportInfo(MigrationsClient migrations, MigrationGroupsClient groups, Attempts attempts,
      LibraryLookups lookups) {
    this.migrations = migrations;
    this.groups = groups;
    this.attempts = attempts;
    this.lookups = lookups;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String field = (String) execution.getVariableLocal("field");
    String value = (String) execution.getVariableLocal("value");
    LibraryScope scope = "target".equals(execution.getVariableLocal("on")) ? Scopes.target(execution)
        : Scopes.source(execution);
    execution.setVariable(field, value);
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), execution.getCurrentActivityId());
    if (Kind.of(execution) == Kind.GROUP) {
      boolean taken = earlier.flatMap(since -> lookups.group(scope.environmentId(), Scopes.migrationId(execution)))
          .map(g -> value.equals(g.body().path(field).asText(null))).orElse(false);
      if (!taken) {
        // a group's PATCH body is flat: {"importRequestStatus": "approved"}
        groups.patch(scope.environmentId(), Scopes.migrationId(execution), field, value);
      }
      return;
    }
    // an earlier attempt may have been taken by the Library: PATCHing approved twice is refused there
    boolean taken = earlier.flatMap(since -> lookups.migration(scope, Scopes.migrationId(execution)))
        .map(m -> value.equals(m.body().path("importInfo").path(field).asText(null))).orElse(false);
    if (taken) {
      return;
    }
    Migration answer = migrations.patchImportInfo(scope, Scopes.migrationId(execution), field, value);
    if (answer.importStatus() != null) {
      execution.setVariable(MigrationVariables.IMPORT_STATUS, answer.importStatus());
    }
  }
}
