package dev.ferry.group;

import static dev.ferry.migration.FerryVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.Environments;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroup;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.PackageEdit;
import dev.ferry.migration.PackageKind;
import dev.ferry.migration.PackageSummary;
import dev.ferry.migration.RequestVariable;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import dev.ferry.engine.Violation;
import dev.ferry.reliability.Attempts;
import dev.ferry.reliability.LibraryLookups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * A migration group ({@code kind = group}, set by {@code migration-group}): several packages
 * moved together through {@code /api/migrationGroups}. Its {@code PATCH} body is flat, its edit
 * rows name the package they belong to, and the status variables carry the {@code packages} rows.
 */
@Component
public class PackageGroup implements PackageKind {

  public static final String NAME = "group";

  private final MigrationGroupsClient groups;
  private final GroupRules rules;
  private final Environments environments;
  private final Attempts attempts;
  private final LibraryLookups lookups;

  public PackageGroup(MigrationGroupsClient groups, GroupRules rules, Environments environments, Attempts attempts,
      LibraryLookups lookups) {
    this.groups = groups;
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
    Map<String, Object> vars = new HashMap<>();
    vars.put(VALID, true);
    vars.put(PACKAGE_NAME, body.path("name").asText());
    vars.put(PACKAGE_TYPE, "group");
    vars.put(PURPOSE, "migration_group");
    vars.put(SOURCE_ENVIRONMENT, environments.get(body.path("sourceEnvironment").path("id").asText()).id());
    vars.put(TARGET_ENVIRONMENT, environments.get(body.path("targetEnvironment").path("id").asText()).id());
    vars.put(SOURCE_PROJECT_ID, null);
    vars.put(TARGET_PROJECT_ID, null);
    return vars;
  }

  @Override
  public Map<String, Object> create(DelegateExecution execution, Optional<Instant> earlier) {
    String source = Scopes.source(execution).environmentId();
    MigrationGroup created = earlier.flatMap(since -> lookups.groupCreatedSince(source,
        Typed.PACKAGE_NAME.getOrNull(execution), since))
        .orElseGet(() -> groups.create(source, RequestVariable.readChecked(execution)));
    return StatusVariables.of(
        MIGRATION_ID, created.id(),
        PACKAGE_ID, created.packageGroupId(),
        PACKAGE_STATUS, created.migrations().isEmpty() ? null : created.migrations().get(0).packageStatus(),
        IMPORT_STATUS, "pending",
        PROGRESS, 0,
        PackageList.VARIABLE, PackageList.of(created));
  }

  @Override
  public void patchImportInfo(DelegateExecution execution, LibraryScope scope, String field, String value,
      Optional<Instant> earlier) {
    boolean taken = earlier.flatMap(since -> lookups.group(scope.environmentId(), Scopes.migrationId(execution)))
        .map(g -> value.equals(g.body().path(field).asText(null))).orElse(false);
    if (!taken) {
      // a group's PATCH body is flat: {"importRequestStatus": "approved"}
      groups.patch(scope.environmentId(), Scopes.migrationId(execution), field, value);
    }
  }

  @Override
  public Map<String, Object> summarize(DelegateExecution execution, String from, String to) {
    MigrationGroup group = groups.get(Scopes.source(execution).environmentId(), Scopes.migrationId(execution), true);
    GroupSummary summary = GroupSummary.of(group, from, to);
    return StatusVariables.of(
        SUMMARY, summary.markdown(),
        OBJECT_COUNT, summary.objectCount(),
        ACTION_COUNTS, summary.actionCounts(),
        UNDO_POSSIBLE, summary.undoPossible(),
        UNDO_WARNING, summary.undoWarning(),
        PACKAGE_SUMMARIES, summary.rows());
  }

  @Override
  public Map<String, Object> replicate(DelegateExecution execution) {
    String id = Scopes.migrationId(execution);
    String target = Scopes.target(execution).environmentId();
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "replicate-package");
    MigrationGroup started = earlier.flatMap(since -> lookups.group(target, id)).orElseGet(() -> groups.put(target,
        id, groups.get(Scopes.source(execution).environmentId(), id, true).asReplica()));
    return StatusVariables.of(IMPORT_STATUS, "importing", PROGRESS, 0, PackageList.VARIABLE, PackageList.of(started));
  }

  @Override
  public void delete(DelegateExecution execution) {
    String packageGroupId = Typed.PACKAGE_ID.getOrNull(execution);
    String source = Scopes.source(execution).environmentId();
    String target = Scopes.target(execution).environmentId();
    PackageKind.deleteIgnoringMissing(() -> groups.delete(source, packageGroupId));
    PackageKind.deleteIgnoringMissing(() -> groups.delete(target, packageGroupId));
  }

  @Override
  public String noun() {
    return "group";
  }

  @Override
  public boolean objectsNamePackages() {
    return true;
  }

  /** A group's package labels ("Tutorial (B19D…)", "configuration"), read from the source. */
  @Override
  public Set<String> packageLabels(String sourceEnvironment, String migrationId) {
    return new LinkedHashSet<>(PackageEdit.packages(groups.get(sourceEnvironment, migrationId, false)));
  }

  @Override
  public EditContent readForEdit(LibraryScope source, String migrationId) {
    MigrationGroup group = groups.get(source.environmentId(), migrationId, true);
    List<String> settings = new ArrayList<>();
    for (Migration migration : group.migrations()) {
      settings.add("**" + PackageList.project(migration.body()) + "**: " + String.join("; ",
          PackageSummary.of(migration.body(), null, null).settings()));
    }
    return new EditContent(PackageEdit.of(group), PackageEdit.packages(group), settings);
  }

  @Override
  public Optional<Integer> applyEdit(LibraryScope source, String migrationId, PackageEdit edit, boolean retried) {
    MigrationGroup current = groups.get(source.environmentId(), migrationId, true);
    boolean taken = retried && (current.migrations().stream()
        .anyMatch(m -> "creating".equals(m.packageStatus())) || edit.matches(current));
    if (!taken) {
      groups.edit(source.environmentId(), migrationId, edit.groupBody(current));
    }
    return Optional.empty();
  }
}
