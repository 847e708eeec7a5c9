package dev.ferry.create;

import static dev.ferry.migration.MigrationVariables.*;

import dev.ferry.group.PackageList;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroup;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.migration.Kind;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.RequestVariable;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code POST /api/migrations} (or {@code /api/migrationGroups}) on the source: the Library starts building. */
@Component("createPackage")
public class CreatePackage implements JavaDelegate {

  private final MigrationsClient migrations;
  private final MigrationGroupsClient groups;

  public CreatePackage(MigrationsClient migrations, MigrationGroupsClient groups) {
    this.migrations = migrations;
    this.groups = groups;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    if (Kind.of(execution) == Kind.GROUP) {
      MigrationGroup created = groups.create(Scopes.source(execution).environmentId(), RequestVariable.read(execution));
      StatusVariables.publish(execution, StatusVariables.of(
          MIGRATION_ID, created.id(),
          PACKAGE_ID, created.packageGroupId(),
          PACKAGE_STATUS, created.migrations().isEmpty() ? null : created.migrations().get(0).packageStatus(),
          IMPORT_STATUS, "pending",
          PROGRESS, 0,
          PackageList.VARIABLE, PackageList.of(created)));
      return;
    }
    Migration created = migrations.create(Scopes.source(execution), RequestVariable.read(execution));
    StatusVariables.publish(execution, StatusVariables.of(
        MIGRATION_ID, created.id(),
        PACKAGE_ID, created.packageId(),
        PACKAGE_STATUS, created.packageStatus(),
        IMPORT_STATUS, created.importStatus(),
        PROGRESS, created.packageProgress()));
  }
}
