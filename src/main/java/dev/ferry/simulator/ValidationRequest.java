package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /api/migrations/{id}/validation} on the target: the migration as the
 * source shows it, with the target named in {@code importInfo.environment}. Every field is
 * required except {@code packageInfo.project} and {@code importInfo.project}; a missing one is
 * refused with {@code ERR007} naming it, an id that does not match the path with {@code ERR006}.
 */
final class ValidationRequest {

  private ValidationRequest() {
  }

  static void check(String migrationId, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw SimulatorError.invalidInput("Invalid JSON: the body must be the migration to validate, as the source's "
          + "GET /api/migrations/{id} shows it");
    }
    String id = text(body, "id");
    if (id == null) {
      throw SimulatorError.missingField("id", "the migration id <packageId>:<importId>, the same as in the path");
    }
    if (!id.equals(migrationId)) {
      throw SimulatorError.invalidInput("id '" + id + "' does not match the migration id in the path ('" + migrationId
          + "')");
    }
    String[] ids = migrationId.split(":", -1);
    if (ids.length != 2 || ids[0].isBlank() || ids[1].isBlank()) {
      throw SimulatorError.invalidInput("Migration id '" + migrationId + "' must be <packageId>:<importId>");
    }
    JsonNode packageInfo = body.path("packageInfo");
    require(packageInfo, "id", "packageInfo.id", "the id of the package, " + ids[0]);
    sameId(text(packageInfo, "id"), ids[0], "packageInfo.id");
    require(packageInfo, "type", "packageInfo.type", "'project' or 'configuration'");
    String type = text(packageInfo, "type");
    if (!"project".equals(type) && !"configuration".equals(type) && !"project_security".equals(type)) {
      throw SimulatorError.invalidInput("packageInfo.type '" + type
          + "' is not supported: use 'project', 'project_security' or 'configuration'");
    }
    require(packageInfo.path("environment"), "id", "packageInfo.environment.id",
        "the URL of the source environment, with its name");
    require(packageInfo.path("storage"), "path", "packageInfo.storage.path",
        "where the built package lies in the shared storage; the source shows it once the package is 'created'");
    JsonNode importInfo = body.path("importInfo");
    require(importInfo, "id", "importInfo.id", "the id of the import, " + ids[1]);
    sameId(text(importInfo, "id"), ids[1], "importInfo.id");
    require(importInfo.path("environment"), "id", "importInfo.environment.id",
        "the URL of the target environment (this one), with its name");
  }

  private static void require(JsonNode node, String field, String path, String explanation) {
    if (text(node, field) == null) {
      throw SimulatorError.missingField(path, explanation);
    }
  }

  private static void sameId(String given, String expected, String field) {
    if (!given.equals(expected)) {
      throw SimulatorError.invalidInput(field + " '" + given + "' does not match the migration id in the path ('"
          + expected + "')");
    }
  }
}
