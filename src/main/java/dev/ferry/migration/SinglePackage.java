package dev.ferry.migration;

import dev.ferry.engine.Violation;
import static dev.ferry.migration.FerryVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.Environments;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.reliability.Attempts;
import dev.ferry.reliability.LibraryLookups;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * One package ({@code kind = migration}, the default): built on the source with
 * {@code POST /api/migrations}, replicated to the target with {@code PUT /api/migrations/{id}},
 * decisions recorded in its {@code importInfo}, edited through {@code PUT .../packageInfo}.
 */
@Component
public class SinglePackage implements PackageKind {

  public static final String NAME = "migration";

  protected final MigrationsClient migrations;
  protected final Environments environments;
  protected final Attempts attempts;
  protected final LibraryLookups lookups;
  private final MigrationRules rules;

  public SinglePackage(MigrationsClient migrations, MigrationRules rules, Environments environments,
      Attempts attempts, LibraryLookups lookups) {
    this.migrations = migrations;
    this.rules = rules;
    this.environments = environments;
    this.attempts = attempts;
    this.lookups = lookups;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Violation> checkRequest(JsonNode body) {
    return rules.check(body);
  }

  @Override
  public Map<String, Object> requestVariables(JsonNode body) {
    MigrationRequest request = new MigrationRequest(body);
    Map<String, Object> vars = new HashMap<>();
    vars.put(VALID, true);
    vars.put(PACKAGE_NAME, request.name());
    vars.put(PACKAGE_TYPE, request.type());
    vars.put(PURPOSE, request.purpose());
    vars.put(SOURCE_ENVIRONMENT, environments.get(request.sourceEnvironmentId()).id());
    vars.put(TARGET_ENVIRONMENT, environments.get(request.targetEnvironmentId()).id());
    vars.put(SOURCE_PROJECT_ID, request.isProjectPackage() ? request.sourceProjectId() : null);
    vars.put(TARGET_PROJECT_ID, request.isProjectPackage() ? request.targetProjectId() : null);
    return vars;
  }

  @Override
  public Map<String, Object> create(DelegateExecution execution, Optional<Instant> earlier) {
    LibraryScope source = Scopes.source(execution);
    // an earlier attempt may have created the package and died before it could say so
    String purpose = execution.getVariable(PURPOSE) instanceof String p ? p : "object_migration";
    Migration created = earlier.flatMap(since -> lookups.createdSince(source, purpose,
        Typed.PACKAGE_NAME.getOrNull(execution), since))
        .orElseGet(() -> migrations.create(source, RequestVariable.readChecked(execution)));
    return StatusVariables.of(
        MIGRATION_ID, created.id(),
        PACKAGE_ID, created.packageId(),
        PACKAGE_STATUS, created.packageStatus(),
        IMPORT_STATUS, created.importStatus(),
        PROGRESS, created.packageProgress());
  }

  @Override
  public void patchImportInfo(DelegateExecution execution, LibraryScope scope, String field, String value,
      Optional<Instant> earlier) {
    // an earlier attempt may have been taken by the Library: PATCHing approved twice is refused there
    boolean taken = earlier.flatMap(since -> lookups.migration(scope, Scopes.migrationId(execution)))
        .map(m -> value.equals(m.body().path("importInfo").path(field).asText(null))).orElse(false);
    if (taken) {
      return;
    }
    Migration answer = migrations.patchImportInfo(scope, Scopes.migrationId(execution), field, value);
    if (answer.importStatus() != null) {
      execution.setVariable(IMPORT_STATUS, answer.importStatus());
    }
  }

  @Override
  public Map<String, Object> summarize(DelegateExecution execution, String from, String to) {
    Migration migration = migrations.get(Scopes.source(execution), Scopes.migrationId(execution), true);
    PackageSummary summary = PackageSummary.of(migration.body(), from, to);
    return StatusVariables.of(
        SUMMARY, summary.markdown(),
        OBJECT_COUNT, summary.objectCount(),
        ACTION_COUNTS, summary.actionCounts(),
        UNDO_POSSIBLE, summary.undoPossible(),
        UNDO_WARNING, summary.undoWarning());
  }

  @Override
  public Map<String, Object> replicate(DelegateExecution execution) {
    String id = Scopes.migrationId(execution);
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "replicate-package");
    // the target knows the migration once it began importing it; a validation there leaves no import
    Optional<Migration> already = earlier.flatMap(since -> lookups.migration(Scopes.target(execution), id))
        .filter(m -> m.importStatus() != null && !"pending".equals(m.importStatus()));
    Migration started = already.orElseGet(() -> migrations.put(Scopes.target(execution), id,
        migrations.get(Scopes.source(execution), id, true).asReplica()));
    return StatusVariables.of(IMPORT_STATUS, started.importStatus(), PROGRESS, started.importProgress());
  }

  @Override
  public void delete(DelegateExecution execution) {
    String packageId = Typed.PACKAGE_ID.getOrNull(execution);
    LibraryScope source = Scopes.source(execution);
    LibraryScope target = Scopes.target(execution);
    PackageKind.deleteIgnoringMissing(() -> migrations.delete(source, packageId));
    PackageKind.deleteIgnoringMissing(() -> migrations.delete(target, packageId));
  }

  @Override
  public Set<String> packageLabels(String sourceEnvironment, String migrationId) {
    return Set.of();
  }

  @Override
  public EditContent readForEdit(LibraryScope source, String migrationId) {
    Migration migration = migrations.get(source, migrationId, true);
    return new EditContent(PackageEdit.of(migration), List.of(),
        List.of(String.join("; ", PackageSummary.of(migration.body(), null, null).settings())));
  }

  @Override
  public Optional<Integer> applyEdit(LibraryScope source, String migrationId, PackageEdit edit, boolean retried) {
    Migration current = migrations.get(source, migrationId, true);
    boolean taken = retried && ("creating".equals(current.packageStatus()) || edit.matches(current));
    if (taken) {
      return Optional.empty();
    }
    JsonNode answer = migrations.editPackageInfo(source, migrationId, edit.packageInfoBody(current));
    return Optional.of(answer.path("progress").asInt(0));
  }
}
