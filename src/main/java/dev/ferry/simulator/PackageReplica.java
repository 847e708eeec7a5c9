package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.object;
import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * {@code PUT /api/migrations/{id}} on the target: the full definition the source returned for
 * {@code GET ?showContent=all}, with {@code packageInfo.replicated} flipped to true. The Library
 * imports only what its source approved, and only with the whole content, so both are checked.
 */
final class PackageReplica {

  private PackageReplica() {
  }

  static ObjectNode record(String migrationId, JsonNode body, String projectId, Creator importer, Instant now) {
    String[] ids = migrationId.split(":", -1);
    if (ids.length != 2 || ids[0].isBlank() || ids[1].isBlank()) {
      throw SimulatorError.invalidInput("Migration id '" + migrationId + "' must be <packageId>:<importId>");
    }
    if (body == null || !body.isObject()) {
      throw SimulatorError.invalidInput("Invalid JSON: the body must be the migration definition");
    }
    ObjectNode record = ((ObjectNode) body).deepCopy();
    ObjectNode packageInfo = object(record, "packageInfo");
    ObjectNode importInfo = object(record, "importInfo");
    if (packageInfo == null) {
      throw SimulatorError.missingField("packageInfo");
    }
    if (importInfo == null) {
      throw SimulatorError.missingField("importInfo");
    }
    requireSameId(text(record, "id"), migrationId, "id");
    requireSameId(text(packageInfo, "id"), ids[0], "packageInfo.id");
    requireSameId(text(importInfo, "id"), ids[1], "importInfo.id");
    if (!packageInfo.path("replicated").asBoolean(false)) {
      throw SimulatorError.invalidInput("packageInfo.replicated must be true: send the source's definition "
          + "(GET ?showContent=all) with replicated set to true");
    }
    String approval = text(importInfo, "importRequestStatus");
    if (!"approved".equals(approval)) {
      throw SimulatorError.invalidInput("The import of migration " + migrationId + " is not approved (importRequestStatus '"
          + approval + "'): approve it on the source before importing it");
    }
    if (object(packageInfo, "tocView") == null) {
      throw SimulatorError.invalidInput("packageInfo.tocView is missing: send the full definition from "
          + "GET /api/migrations/{id}?showContent=all");
    }
    PackageType type = PackageType.of(text(packageInfo, "type"));
    type.checkProjectHeader(projectId, "import");

    record.put("id", migrationId);
    packageInfo.put("id", ids[0]);
    importInfo.put("id", ids[1]);
    importInfo.set("creator", importer.json());
    importInfo.put("creationDate", LibraryTime.timestamp(now));
    importInfo.put("lastUpdatedDate", LibraryTime.timestamp(now));
    importInfo.put("status", "importing");
    importInfo.put("importRequestStatus", "approved");
    importInfo.put("undoRequestStatus", "pending");
    importInfo.put("progress", 0);
    importInfo.put("message", "");
    importInfo.putObject("undoStorage"); // written when the import finishes
    importInfo.put("deleted", false);
    return record;
  }

  private static void requireSameId(String given, String expected, String field) {
    if (given != null && !given.equals(expected)) {
      throw SimulatorError.invalidInput(field + " '" + given + "' does not match the migration id in the path ('"
          + expected + "')");
    }
  }
}
