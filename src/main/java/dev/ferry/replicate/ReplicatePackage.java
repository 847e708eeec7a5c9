package dev.ferry.replicate;

import static dev.ferry.migration.MigrationVariables.*;

import dev.ferry.group.PackageList;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.library.Environments;
import dev.ferry.library.LibraryEnvironment;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.reliability.Attempts;
import dev.ferry.reliability.LibraryLookups;
import java.time.Instant;
import java.util.Optional;
import dev.ferry.library.MigrationGroup;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.migration.Kind;
import dev.ferry.transfer.TransferVariables;
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
  private final Environments environments;
  private final Attempts attempts;
  private final LibraryLookups lookups;

  public ReplicatePackage(MigrationsClient migrations, MigrationGroupsClient groups, Environments environments,
      Attempts attempts, LibraryLookups lookups) {
    this.migrations = migrations;
    this.groups = groups;
    this.environments = environments;
    this.attempts = attempts;
    this.lookups = lookups;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (Kind.of(execution) == Kind.TRANSFER) {
      importUploaded(execution);
      return;
    }
    String id = Scopes.migrationId(execution);
    if (Kind.of(execution) == Kind.GROUP) {
      String target = Scopes.target(execution).environmentId();
      Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "replicate-package");
      MigrationGroup started = earlier.flatMap(since -> lookups.group(target, id)).orElseGet(() -> groups.put(target,
          id, groups.get(Scopes.source(execution).environmentId(), id, true).asReplica()));
      StatusVariables.publish(execution, StatusVariables.of(IMPORT_STATUS, "importing", PROGRESS, 0,
          PackageList.VARIABLE, PackageList.of(started)));
      return;
    }
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "replicate-package");
    // the target knows the migration once it began importing it; a validation there leaves no import
    Optional<Migration> already = earlier.flatMap(since -> lookups.migration(Scopes.target(execution), id))
        .filter(m -> m.importStatus() != null && !"pending".equals(m.importStatus()));
    Migration started = already.orElseGet(() -> migrations.put(Scopes.target(execution), id,
        migrations.get(Scopes.source(execution), id, true).asReplica()));
    StatusVariables.publish(execution, StatusVariables.of(IMPORT_STATUS, started.importStatus(), PROGRESS, started.importProgress()));
  }

  /**
   * An uploaded package is imported with {@code POST /api/migrations} on the target, purpose
   * {@code migration_from_shared_file_store}; the Library treats it as approved already, which is
   * why Ferry's own approval gate ran before.
   */
  private void importUploaded(DelegateExecution execution) {
    LibraryScope target = Scopes.target(execution);
    LibraryEnvironment environment = environments.get(target.environmentId());
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode packageInfo = body.putObject("packageInfo");
    packageInfo.putObject("storage").putObject("sharedFileStore").putObject("files")
        .put("id", (String) execution.getVariable(TransferVariables.FILE_ID));
    packageInfo.put("purpose", "migration_from_shared_file_store");
    ObjectNode importInfo = body.putObject("importInfo");
    importInfo.putObject("environment").put("id", environment.url()).put("name", environment.name());
    if (target.projectId() != null) {
      importInfo.putObject("project").put("id", target.projectId());
    }
    String uploadedPackage = (String) execution.getVariable(PACKAGE_ID);
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "import-uploaded-package");
    String fileId = (String) execution.getVariable(TransferVariables.FILE_ID);
    // the file's path pairs it with its import, as mstrio-py pairs them
    Migration started = earlier.flatMap(since -> lookups.importOfFile(target,
            lookups.file(target.environmentId(), fileId).map(file -> file.path("path").asText(null)).orElse(null),
            uploadedPackage))
        .orElseGet(() -> migrations.create(target, body));
    StatusVariables.publish(execution, StatusVariables.of(MIGRATION_ID, started.id(), PACKAGE_ID, started.packageId(),
        IMPORT_STATUS, started.importStatus(), PROGRESS, started.importProgress()));
  }
}
