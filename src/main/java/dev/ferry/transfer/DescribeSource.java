package dev.ferry.transfer;

import static dev.ferry.migration.FerryVariables.*;
import static dev.ferry.migration.FerryVariables.*;

import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.FerryVariables.Typed;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/migrations/{id}} on the source: what the package is (name, type, purpose) where
 * the request did not say, and whether it is built, so that nothing half-made is downloaded.
 */
@Component("describeSource")
public class DescribeSource implements JavaDelegate {

  private static final Set<String> BUILT = Set.of("created", "locked");
  private final MigrationsClient migrations;

  public DescribeSource(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String migrationId = Typed.SOURCE_MIGRATION_ID.getOrNull(execution);
    String source = Typed.SOURCE_ENVIRONMENT.getOrNull(execution);
    Migration migration = migrations.get(LibraryScope.of(source, null), migrationId, false);
    if (!BUILT.contains(migration.packageStatus())) {
      throw TransferFailure.of("The package of migration " + migrationId + " on '" + source + "' is "
          + migration.packageStatus() + ", not created: only a built package can be downloaded");
    }
    keepOrSet(execution, PACKAGE_NAME, migration.body().path("packageInfo").path("name").asText(null));
    keepOrSet(execution, PACKAGE_TYPE, migration.body().path("packageInfo").path("type").asText(null));
    keepOrSet(execution, PURPOSE, migration.body().path("packageInfo").path("purpose").asText("object_migration"));
    execution.setVariable(SOURCE_PACKAGE_ID, migration.packageId());
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(Typed.PACKAGE_NAME.getOrNull(execution));
    }
  }

  private static void keepOrSet(DelegateExecution execution, String name, String value) {
    if (execution.getVariable(name) == null) {
      execution.setVariable(name, value);
    }
  }
}
