package dev.ferry.create;

import static dev.ferry.migration.MigrationVariables.*;

import dev.ferry.group.PackageList;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.reliability.Attempts;
import dev.ferry.reliability.LibraryLookups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
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
  private final Attempts attempts;
  private final LibraryLookups lookups;

  public CreatePackage(MigrationsClient migrations, MigrationGroupsClient groups, Attempts attempts,
      LibraryLookups lookups) {
    this.migrations = migrations;
    this.groups = groups;
    this.attempts = attempts;
    this.lookups = lookups;
  }

  private static JsonNode read(DelegateExecution execution) {
    try {
      return RequestVariable.read(execution);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    if (Kind.of(execution) == Kind.GROUP) {
      String source = Scopes.source(execution).environmentId();
      Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "create-package");
      MigrationGroup created = earlier.flatMap(since -> lookups.groupCreatedSince(source,
          (String) execution.getVariable(PACKAGE_NAME), since)).orElseGet(() -> groups.create(source, read(execution)));
      StatusVariables.publish(execution, StatusVariables.of(
          MIGRATION_ID, created.id(),
          PACKAGE_ID, created.packageGroupId(),
          PACKAGE_STATUS, created.migrations().isEmpty() ? null : created.migrations().get(0).packageStatus(),
          IMPORT_STATUS, "pending",
          PROGRESS, 0,
          PackageList.VARIABLE, PackageList.of(created)));
      return;
    }
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "create-package");
    LibraryScope source = Scopes.source(execution);
    // an earlier attempt may have created the package and died before it could say so
    String purpose = execution.getVariable(PURPOSE) instanceof String p ? p : "object_migration";
    Migration created = earlier.flatMap(since -> lookups.createdSince(source, purpose,
        (String) execution.getVariable(PACKAGE_NAME), since))
        .orElseGet(() -> migrations.create(source, read(execution)));
    StatusVariables.publish(execution, StatusVariables.of(
        MIGRATION_ID, created.id(),
        PACKAGE_ID, created.packageId(),
        PACKAGE_STATUS, created.packageStatus(),
        IMPORT_STATUS, created.importStatus(),
        PROGRESS, created.packageProgress()));
  }
}
