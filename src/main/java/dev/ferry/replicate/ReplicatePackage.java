package dev.ferry.replicate;

import static dev.ferry.migration.MigrationVariables.*;

import dev.ferry.group.PackageList;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroup;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.migration.Kind;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends the approved package to the target: the full definition from the source
 * ({@code GET ?showContent=all}), unchanged but for {@code packageInfo.replicated = true}, as
 * {@code PUT /api/migrations/{id}} with {@code prefer: respond-async}. The Library then imports. A
 * group goes the same way through {@code /api/migrationGroups}, {@code replicated} set in every package.
 */
@Component("replicatePackage")
public class ReplicatePackage implements JavaDelegate {

  private final MigrationsClient migrations;
  private final MigrationGroupsClient groups;

  public ReplicatePackage(MigrationsClient migrations, MigrationGroupsClient groups) {
    this.migrations = migrations;
    this.groups = groups;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = Scopes.migrationId(execution);
    if (Kind.of(execution) == Kind.GROUP) {
      MigrationGroup definition = groups.get(Scopes.source(execution).environmentId(), id, true);
      MigrationGroup started = groups.put(Scopes.target(execution).environmentId(), id, definition.asReplica());
      StatusVariables.publish(execution, StatusVariables.of(IMPORT_STATUS, "importing", PROGRESS, 0,
          PackageList.VARIABLE, PackageList.of(started)));
      return;
    }
    Migration definition = migrations.get(Scopes.source(execution), id, true);
    Migration started = migrations.put(Scopes.target(execution), id, definition.asReplica());
    StatusVariables.publish(execution, StatusVariables.of(IMPORT_STATUS, started.importStatus(), PROGRESS, started.importProgress()));
  }
}
