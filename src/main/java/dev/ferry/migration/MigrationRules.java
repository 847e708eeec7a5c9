package dev.ferry.migration;

import dev.ferry.engine.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.Environments;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Checks a {@code POST /api/migrations} body before anything reaches a Library, and reports every
 * problem at once: the REST endpoint answers 400 with the list, and a process started with a bad
 * body ends with {@code outcome = invalid} and the same list.
 */
@Component
public class MigrationRules {

  private static final Set<String> PURPOSES = Set.of(MigrationRequest.OBJECT_MIGRATION, MigrationRequest.PROJECT_MERGE);
  private static final Set<String> TYPES = Set.of(MigrationRequest.PROJECT, MigrationRequest.CONFIGURATION);

  /** Names are shown in forms and kept in String variables; the Library's own are far shorter. */
  public static final int MAX_NAME = 250;

  private final Environments environments;

  public MigrationRules(Environments environments) {
    this.environments = environments;
  }

  public List<Violation> check(JsonNode body) {
    List<Violation> violations = new ArrayList<>();
    if (body == null || !body.isObject()) {
      violations.add(new Violation("request", "must be a JSON object with packageInfo and importInfo"));
      return violations;
    }
    MigrationRequest request = new MigrationRequest(body);
    if (!request.packageInfo().isObject()) {
      violations.add(new Violation("packageInfo", "is required: the package to build on the source"));
    }
    if (!request.importInfo().isObject()) {
      violations.add(new Violation("importInfo", "is required: where to import the package (environment, project)"));
    }
    if (!violations.isEmpty()) {
      return violations;
    }
    checkPackage(request, violations);
    checkEnvironment("packageInfo.environment.id", request.sourceEnvironmentId(), "source", violations);
    checkEnvironment("importInfo.environment.id", request.targetEnvironmentId(), "target", violations);
    checkProjects(request, violations);
    checkActions("packageInfo", request.packageInfo(), MigrationRequest.PROJECT_MERGE.equals(request.purpose()),
        violations);
    return violations;
  }

  private void checkPackage(MigrationRequest request, List<Violation> violations) {
    String type = request.type();
    if (type == null || !TYPES.contains(type)) {
      violations.add(new Violation("packageInfo.type",
          (type == null ? "is required" : Violation.quote(type) + " is not a package type") + "; use project or configuration"));
    }
    String purpose = request.purpose();
    if (!PURPOSES.contains(purpose)) {
      violations.add(new Violation("packageInfo.purpose", Violation.quote(purpose) + " is not supported here; use "
          + "object_migration or project_merge (packages from a shared file store go through package-transfer)"));
    }
    if (request.name() == null || request.name().isBlank()) {
      violations.add(new Violation("packageInfo.name", "is required: the package name shown on both Libraries"));
    } else if (request.name().length() > MAX_NAME) {
      violations.add(new Violation("packageInfo.name", "has " + request.name().length() + " characters; use at most "
          + MAX_NAME));
    }
    if (MigrationRequest.PROJECT_MERGE.equals(purpose) && MigrationRequest.CONFIGURATION.equals(type)) {
      violations.add(new Violation("packageInfo.type", "a project_merge merges a whole project; its type must be project"));
    }
    JsonNode content = request.packageInfo().path("tocView").path("content");
    if (MigrationRequest.OBJECT_MIGRATION.equals(purpose)) {
      if (!content.isArray() || content.isEmpty()) {
        violations.add(new Violation("packageInfo.tocView.content",
            "an object migration needs at least one object (id, type, action)"));
      } else {
        for (int i = 0; i < content.size(); i++) {
          if (!content.get(i).hasNonNull("id") || content.get(i).get("id").asText().isBlank()) {
            violations.add(new Violation("packageInfo.tocView.content[" + i + "].id", "is required: the object's id"));
          }
        }
      }
    }
  }

  /** Is the environment configured? Shared with the group rules. */
  public void checkEnvironment(String field, String id, String role, List<Violation> violations) {
    if (id == null || id.isBlank()) {
      violations.add(new Violation(field, "is required: the " + role + " environment (its id or URL)"));
    } else if (environments.find(id).isEmpty()) {
      violations.add(new Violation(field, Violation.quote(id) + " is not a configured environment; configure it under "
          + "ferry.environments or use one of: " + String.join(", ", environments.ids())));
    }
  }

  /** Library ids are GUIDs (32 hex digits, two of them for a migration); anything far longer is not one. */
  public static final int MAX_ID = 100;

  /** An id that is present must be one a Library could have issued. */
  public static void checkId(String field, String id, List<Violation> violations) {
    if (id != null && id.length() > MAX_ID) {
      violations.add(new Violation(field, "has " + id.length() + " characters; a Library id has at most " + MAX_ID));
    }
  }

  private void checkProjects(MigrationRequest request, List<Violation> violations) {
    checkId("packageInfo.project.id", request.sourceProjectId(), violations);
    checkId("importInfo.project.id", request.targetProjectId(), violations);
    boolean hasSource = request.packageInfo().has("project");
    boolean hasTarget = request.importInfo().has("project");
    if (request.isProjectPackage()) {
      if (blank(request.sourceProjectId())) {
        violations.add(new Violation("packageInfo.project.id",
            "is required for a project package: the source project (sent as X-MSTR-ProjectID)"));
      }
      if (blank(request.targetProjectId())) {
        violations.add(new Violation("importInfo.project.id", "is required for a project package: the target project"));
      }
    } else if (MigrationRequest.CONFIGURATION.equals(request.type())) {
      if (hasSource) {
        violations.add(new Violation("packageInfo.project",
            "must be left out: a configuration package belongs to no project"));
      }
      if (hasTarget) {
        violations.add(new Violation("importInfo.project",
            "must be left out: a configuration package is imported into no project"));
      }
    }
  }

  /**
   * Conflict actions and settings of one package's {@code packageInfo} at {@code path}: from the
   * documented lists (a project merge allows fewer actions). Shared with the group rules.
   */
  public void checkActions(String path, JsonNode packageInfo, boolean merge, List<Violation> violations) {
    Set<ConflictAction> allowed = merge ? ConflictAction.FOR_PROJECT_MERGE : Set.of(ConflictAction.values());
    PackageRules.forEachAction(path + ".tocView", packageInfo.path("tocView"), (field, action) -> {
      boolean known = ConflictAction.of(action).map(allowed::contains).orElse(false);
      if (!known) {
        violations.add(new Violation(field, Violation.quote(action) + " is not a conflict action"
            + (merge ? " for a project merge" : "") + "; use one of: " + ConflictAction.list(new TreeSet<>(allowed))));
      }
    });
    checkSettings(path + ".tocView.settings", packageInfo.path("tocView").path("settings"), violations);
  }

  private void checkSettings(String path, JsonNode settings, List<Violation> violations) {
    checkValues(path, settings, "updateSchema", PackageRules.UPDATE_SCHEMA, violations);
    checkValues(path, settings, "aclOnNewObjects", PackageRules.ACL_ON_NEW, violations);
    if (settings.has("aclOnReplacingObjects")
        && !PackageRules.ACL_ON_REPLACING.contains(settings.get("aclOnReplacingObjects").asText())) {
      violations.add(new Violation(path + ".aclOnReplacingObjects",
          Violation.quote(settings.get("aclOnReplacingObjects").asText()) + " is not allowed; use one of: "
              + String.join(", ", new TreeSet<>(PackageRules.ACL_ON_REPLACING))));
    }
  }

  private void checkValues(String path, JsonNode settings, String field, Set<String> allowed,
      List<Violation> violations) {
    JsonNode values = settings.path(field);
    if (values.isMissingNode()) {
      return;
    }
    if (!values.isArray()) {
      violations.add(new Violation(path + "." + field, "must be a list"));
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      if (!allowed.contains(values.get(i).asText())) {
        violations.add(new Violation(path + "." + field + "[" + i + "]",
            Violation.quote(values.get(i).asText()) + " is not allowed; use one of: " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
