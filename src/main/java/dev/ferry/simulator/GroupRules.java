package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.object;
import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The documented rules for the packages of a migration group, checked on {@code POST} (the
 * request) and on {@code PUT} (the replicated definition) alike:
 * <ul>
 *   <li>at least one and at most {@code ferry.simulator.max-group-packages} (default 100) packages;</li>
 *   <li>the configuration package, if any, comes FIRST, and there is at most one;</li>
 *   <li>a project package names its source ({@code packageInfo.project.id}) and target
 *       ({@code importInfo.project.id}) project; a configuration package names none
 *       ({@code "project": {}} counts as none);</li>
 *   <li>one project (source project id) has at most one package in the group.</li>
 * </ul>
 * A missing field is {@code ERR007}, a broken rule {@code ERR006}; the message says which package.
 */
final class GroupRules {

  private GroupRules() {
  }

  /** Checks {@code migrations} and answers it as the array it is. */
  static JsonNode checkPackages(JsonNode migrations, int maxPackages) {
    if (migrations == null || migrations.isMissingNode() || migrations.isNull()) {
      throw SimulatorError.missingField("migrations", "the packages of the group");
    }
    if (!migrations.isArray()) {
      throw SimulatorError.invalidInput("migrations must be an array of packages");
    }
    if (migrations.isEmpty()) {
      throw SimulatorError.invalidInput("A migration group needs at least one package in migrations");
    }
    if (migrations.size() > maxPackages) {
      throw SimulatorError.invalidInput("A migration group holds at most " + maxPackages + " packages; this one has "
          + migrations.size());
    }
    Map<String, Integer> packageOfProject = new HashMap<>();
    for (int i = 0; i < migrations.size(); i++) {
      checkPackage(migrations.get(i), i, migrations, packageOfProject);
    }
    return migrations;
  }

  static PackageType type(JsonNode migration) {
    return PackageType.of(text(migration.path("packageInfo"), "type"));
  }

  private static void checkPackage(JsonNode migration, int index, JsonNode migrations,
      Map<String, Integer> packageOfProject) {
    String at = "migrations[" + index + "]";
    ObjectNode packageInfo = object(migration, "packageInfo");
    if (packageInfo == null) {
      throw SimulatorError.missingField(at + ".packageInfo");
    }
    String typeName = text(packageInfo, "type");
    if (typeName == null) {
      throw SimulatorError.missingField(at + ".packageInfo.type", "'project' or 'configuration'");
    }
    if (!"project".equals(typeName) && !"configuration".equals(typeName)) {
      throw SimulatorError.invalidInput(at + ".packageInfo.type '" + typeName
          + "' is not supported: use 'project' or 'configuration'");
    }
    if (object(packageInfo, "tocView") == null) {
      throw SimulatorError.missingField(at + ".packageInfo.tocView", "the settings and content of the package");
    }
    JsonNode importInfo = migration.path("importInfo");
    if ("configuration".equals(typeName)) {
      if (index > 0 && "configuration".equals(text(migrations.get(0).path("packageInfo"), "type"))) {
        throw SimulatorError.invalidInput("A migration group holds at most one configuration package, but "
            + "migrations[0] and " + at + " both are configuration packages");
      }
      if (index > 0) {
        throw SimulatorError.invalidInput("The configuration package must come first in migrations, but it is " + at
            + ": the Library creates and imports the packages in this order, and a configuration package placed "
            + "after project packages may corrupt the metadata");
      }
      if (namesProject(packageInfo.path("project")) || namesProject(importInfo.path("project"))) {
        throw SimulatorError.invalidInput(at + " is a configuration package and must not name a project "
            + "(packageInfo.project / importInfo.project): configuration packages belong to no project");
      }
      return;
    }
    String projectId = text(packageInfo.path("project"), "id");
    if (projectId == null) {
      throw SimulatorError.missingField(at + ".packageInfo.project.id", "a project package names its source project");
    }
    if (text(importInfo.path("project"), "id") == null) {
      throw SimulatorError.missingField(at + ".importInfo.project.id", "a project package names its target project");
    }
    Integer earlier = packageOfProject.putIfAbsent(projectId, index);
    if (earlier != null) {
      String name = text(packageInfo.path("project"), "name");
      throw SimulatorError.invalidInput("Project " + projectId + (name == null ? "" : " ('" + name + "')")
          + " has two packages in the group, migrations[" + earlier + "] and " + at
          + ": a project holds at most one package of a migration group");
    }
  }

  /** {@code "project": {}} (as the Library itself writes for a configuration package) names none. */
  private static boolean namesProject(JsonNode project) {
    if (project.isMissingNode() || project.isNull()) {
      return false;
    }
    return !project.isObject() || !project.isEmpty();
  }
}
