package dev.ferry.group;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.FerryProperties;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationRules;
import dev.ferry.engine.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks a {@code POST /api/migrationGroups} body and reports every problem at once: the
 * documented group rules (configuration package first, one package per project, at most
 * {@code ferry.groups.max-packages}), the project rules of each package, and each package's
 * conflict actions and settings, with the same checks as a single migration.
 */
@Component
public class GroupRules {

  private final MigrationRules packageRules;
  private final FerryProperties properties;

  public GroupRules(MigrationRules packageRules, FerryProperties properties) {
    this.packageRules = packageRules;
    this.properties = properties;
  }

  public List<Violation> check(JsonNode body) {
    List<Violation> violations = new ArrayList<>();
    if (body == null || !body.isObject()) {
      violations.add(new Violation("request", "must be a JSON object: the POST /api/migrationGroups body"));
      return violations;
    }
    if (body.path("name").asText("").isBlank()) {
      violations.add(new Violation("name", "is required: the group's name"));
    } else if (body.path("name").asText().length() > MigrationRules.MAX_NAME) {
      violations.add(new Violation("name", "has " + body.path("name").asText().length() + " characters; use at most "
          + MigrationRules.MAX_NAME));
    }
    if (body.has("version") && !"2".equals(body.get("version").asText())) {
      violations.add(new Violation("version", Violation.quote(body.get("version").asText()) + " is not supported; use \"2\""));
    }
    packageRules.checkEnvironment("sourceEnvironment.id", body.path("sourceEnvironment").path("id").asText(null),
        "source", violations);
    packageRules.checkEnvironment("targetEnvironment.id", body.path("targetEnvironment").path("id").asText(null),
        "target", violations);
    JsonNode migrations = body.path("migrations");
    if (!migrations.isArray() || migrations.isEmpty()) {
      violations.add(new Violation("migrations", "must list at least one package"));
      return violations;
    }
    int max = properties.getGroups().getMaxPackages();
    if (migrations.size() > max) {
      violations.add(new Violation("migrations", "has " + migrations.size() + " packages; a group holds at most "
          + max + " (ferry.groups.max-packages, the Library's limit): split it into several groups"));
    }
    Map<String, Integer> projects = new HashMap<>();
    for (int i = 0; i < migrations.size(); i++) {
      checkPackage(i, migrations.get(i), projects, violations);
    }
    return violations;
  }

  private void checkPackage(int index, JsonNode migration, Map<String, Integer> projects, List<Violation> violations) {
    String at = "migrations[" + index + "]";
    JsonNode packageInfo = migration.path("packageInfo");
    if (!packageInfo.isObject()) {
      violations.add(new Violation(at + ".packageInfo", "is required"));
      return;
    }
    String type = packageInfo.path("type").asText(null);
    String sourceProject = packageInfo.path("project").path("id").asText(null);
    String targetProject = migration.path("importInfo").path("project").path("id").asText(null);
    MigrationRules.checkId(at + ".packageInfo.project.id", sourceProject, violations);
    MigrationRules.checkId(at + ".importInfo.project.id", targetProject, violations);
    if (MigrationRequest.CONFIGURATION.equals(type)) {
      if (index != 0) {
        violations.add(new Violation(at + ".packageInfo.type", "the configuration package must come first in "
            + "migrations: the Library warns that otherwise it may corrupt the metadata"));
      }
      if (sourceProject != null) {
        violations.add(new Violation(at + ".packageInfo.project", "must be left out: a configuration package "
            + "belongs to no project"));
      }
      if (targetProject != null) {
        violations.add(new Violation(at + ".importInfo.project", "must be left out: a configuration package is "
            + "imported into no project"));
      }
    } else if (MigrationRequest.PROJECT.equals(type)) {
      if (sourceProject == null || sourceProject.isBlank()) {
        violations.add(new Violation(at + ".packageInfo.project.id", "is required for a project package: its "
            + "source project"));
      } else {
        Integer first = projects.putIfAbsent(sourceProject, index);
        if (first != null) {
          violations.add(new Violation(at + ".packageInfo.project.id", "project " + sourceProject + " already has "
              + "a package at migrations[" + first + "]; a group holds at most one package per project"));
        }
      }
      if (targetProject == null || targetProject.isBlank()) {
        violations.add(new Violation(at + ".importInfo.project.id", "is required for a project package: its "
            + "target project"));
      }
    } else {
      violations.add(new Violation(at + ".packageInfo.type", (type == null ? "is required" : Violation.quote(type) + " is not a package type") + "; use project or configuration"));
    }
    JsonNode content = packageInfo.path("tocView").path("content");
    if (!content.isArray() || content.isEmpty()) {
      violations.add(new Violation(at + ".packageInfo.tocView.content", "needs at least one object (id, type, action)"));
    }
    packageRules.checkActions(at + ".packageInfo", packageInfo, false, violations);
  }
}
