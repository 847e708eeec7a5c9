package dev.ferry.create;

import static dev.ferry.migration.MigrationVariables.*;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.RequestVariable;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code POST /api/migrations} on the source: the Library starts building the package. */
@Component("createPackage")
public class CreatePackage implements JavaDelegate {

  private final MigrationsClient migrations;

  public CreatePackage(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    Migration created = migrations.create(Scopes.source(execution), RequestVariable.read(execution));
    execution.setVariables(StatusVariables.of(
        MIGRATION_ID, created.id(),
        PACKAGE_ID, created.packageId(),
        PACKAGE_STATUS, created.packageStatus(),
        IMPORT_STATUS, created.importStatus(),
        PROGRESS, created.packageProgress()));
  }
}
