package dev.ferry.transfer;

import static dev.ferry.migration.FerryVariables.*;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.FerryVariables;
import dev.ferry.library.Environments;
import dev.ferry.library.LibraryEnvironment;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.library.SharedFileStoreClient;
import dev.ferry.migration.MigrationRules;
import dev.ferry.migration.PackageKind;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.SinglePackage;
import dev.ferry.migration.StatusVariables;
import dev.ferry.engine.Violation;
import dev.ferry.reliability.Attempts;
import dev.ferry.reliability.LibraryLookups;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * A package uploaded to the target's shared file store ({@code kind = transfer}, set by
 * {@code package-transfer}): on the target it is one migration, so the single package's
 * {@code importInfo} decisions serve it; what differs is that {@code package-transfer} checked the
 * request, the approver sees the file rather than its content, the import is a
 * {@code POST /api/migrations} of the file, clean-up deletes the file too, and the Library cannot
 * edit it.
 */
@Component
public class UploadedPackage extends SinglePackage {

  public static final String NAME = "transfer";

  private final SharedFileStoreClient files;

  public UploadedPackage(MigrationsClient migrations, MigrationRules rules, Environments environments,
      Attempts attempts, LibraryLookups lookups, SharedFileStoreClient files) {
    super(migrations, rules, environments, attempts, lookups);
    this.files = files;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** {@code package-transfer} checked its request before it uploaded the package, and passed on what it read. */
  @Override
  public boolean checksRequest() {
    return false;
  }

  /** An uploaded package is opaque: what the approver can know is what it is, where from, where to. */
  @Override
  public Map<String, Object> summarize(DelegateExecution execution, String from, String to) {
    return StatusVariables.of(
        SUMMARY, TransferSummary.markdown(execution, from, to),
        UNDO_POSSIBLE, true,
        UNDO_WARNING, null);
  }

  /**
   * An uploaded package is imported with {@code POST /api/migrations} on the target, purpose
   * {@code migration_from_shared_file_store}; the Library treats it as approved already, which is
   * why Ferry's own approval gate ran before.
   */
  @Override
  public Map<String, Object> replicate(DelegateExecution execution) {
    LibraryScope target = Scopes.target(execution);
    LibraryEnvironment environment = environments.get(target.environmentId());
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode packageInfo = body.putObject("packageInfo");
    packageInfo.putObject("storage").putObject("sharedFileStore").putObject("files")
        .put("id", Typed.FILE_ID.getOrNull(execution));
    packageInfo.put("purpose", "migration_from_shared_file_store");
    ObjectNode importInfo = body.putObject("importInfo");
    importInfo.putObject("environment").put("id", environment.url()).put("name", environment.name());
    if (target.projectId() != null) {
      importInfo.putObject("project").put("id", target.projectId());
    }
    String uploadedPackage = Typed.PACKAGE_ID.getOrNull(execution);
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "import-uploaded-package");
    String fileId = Typed.FILE_ID.getOrNull(execution);
    // the file's path pairs it with its import, as mstrio-py pairs them
    Migration started = earlier.flatMap(since -> lookups.importOfFile(target,
            lookups.file(target.environmentId(), fileId).map(file -> file.path("path").asText(null)).orElse(null),
            uploadedPackage))
        .orElseGet(() -> migrations.create(target, body));
    return StatusVariables.of(MIGRATION_ID, started.id(), PACKAGE_ID, started.packageId(),
        IMPORT_STATUS, started.importStatus(), PROGRESS, started.importProgress());
  }

  /** Documented order: the uploaded file first, then the migration record; the source keeps its own package. */
  @Override
  public void delete(DelegateExecution execution) {
    String packageId = Typed.PACKAGE_ID.getOrNull(execution);
    LibraryScope target = Scopes.target(execution);
    PackageKind.deleteIgnoringMissing(() -> files.delete(target.environmentId(),
        Typed.FILE_ID.getOrNull(execution)));
    if (execution.getVariable(MIGRATION_ID) != null) {
      PackageKind.deleteIgnoringMissing(() -> migrations.delete(target, packageId));
    }
  }

  @Override
  public Optional<String> sendBackRefusal() {
    return Optional.of("An uploaded package cannot be edited, so it cannot be sent back for changes: approve it, or "
        + "reject it and transfer a corrected package.");
  }

  @Override
  public Optional<Violation> editRefusal() {
    return Optional.of(new Violation("migration", "was uploaded to the target's shared file store, and the Library "
        + "cannot edit uploaded migrations. Reject it and transfer a corrected package instead."));
  }
}
