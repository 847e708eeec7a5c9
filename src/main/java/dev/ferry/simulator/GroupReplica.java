package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.keepOthers;
import static dev.ferry.simulator.JsonFields.object;
import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PUT /api/migrationGroups/{id}} on the target: the full definition the source returned
 * for {@code GET ?showContent=all}, with {@code packageInfo.replicated} flipped to true in EVERY
 * package. The group must be approved on the source, and its packages must keep the group rules
 * ({@link GroupRules}). The records kept here are the ones sent, with a fresh import part.
 */
final class GroupReplica {

  private GroupReplica() {
  }

  static SimulatedGroup group(String groupId, JsonNode body, boolean generateUndo, Creator importer, int maxPackages,
      Timings timings, Instant now) {
    String[] groupIds = pair(groupId, "Migration group id '" + groupId + "' must be <packageGroupId>:<importGroupId>");
    if (body == null || !body.isObject()) {
      throw SimulatorError.invalidInput("Invalid JSON: the body must be the migration group definition");
    }
    String sentId = text(body, "id");
    if (sentId != null && !sentId.equals(groupId)) {
      throw SimulatorError.invalidInput("id '" + sentId + "' does not match the migration group id in the path ('"
          + groupId + "')");
    }
    String approval = text(body, "importRequestStatus");
    if (!"approved".equals(approval)) {
      throw SimulatorError.invalidInput("The import of migration group " + groupId + " is not approved "
          + "(importRequestStatus '" + approval + "'): approve it on the source before importing it");
    }
    JsonNode migrations = GroupRules.checkPackages(body.get("migrations"), maxPackages);
    for (int i = 0; i < migrations.size(); i++) {
      JsonNode migration = migrations.get(i);
      String at = "migrations[" + i + "]";
      if (text(migration, "id") == null) {
        throw SimulatorError.missingField(at + ".id", "the package's <packageId>:<importId>");
      }
      pair(text(migration, "id"), at + ".id '" + text(migration, "id") + "' must be <packageId>:<importId>");
      if (!migration.path("packageInfo").path("replicated").asBoolean(false)) {
        throw SimulatorError.invalidInput(at + " (" + SimulatedGroup.describe(migration) + ") is not replicated: "
            + "send the source's definition (GET ?showContent=all) with packageInfo.replicated set to true in "
            + "every package");
      }
    }

    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("id", groupId);
    header.put("name", body.path("name").asText(""));
    copy(body, header, "sourceEnvironment");
    copy(body, header, "targetEnvironment");
    header.put("treeView", GroupCreation.treeView(body.get("treeView")));
    header.put("importRequestStatus", "approved");
    header.put("undoRequestStatus", "pending");
    header.put("creationDate", body.path("creationDate").asText(LibraryTime.timestamp(now)));
    header.put("lastUpdatedDate", LibraryTime.timestamp(now));
    header.putArray("migrations");
    header.put("version", body.path("version").asText("1"));
    keepOthers(body, header);

    List<SimulatedMigration> packages = new ArrayList<>();
    for (JsonNode migration : migrations) {
      ObjectNode record = ((ObjectNode) migration).deepCopy();
      String[] ids = text(record, "id").split(":", 2);
      ObjectNode packageInfo = object(record, "packageInfo");
      packageInfo.put("id", ids[0]);
      packageInfo.put("groupId", groupIds[0]);
      ObjectNode importInfo = object(record, "importInfo");
      if (importInfo == null) {
        importInfo = record.putObject("importInfo");
      }
      importInfo.put("id", ids[1]);
      importInfo.put("groupId", groupIds[1]);
      importInfo.set("creator", importer.json());
      if (!importInfo.has("creationDate")) {
        importInfo.put("creationDate", LibraryTime.timestamp(now));
      }
      importInfo.put("lastUpdatedDate", LibraryTime.timestamp(now));
      importInfo.put("status", "pending"); // until the group reaches this package
      importInfo.put("progress", 0);
      importInfo.put("message", "");
      importInfo.putObject("undoStorage"); // written when the import finishes
      importInfo.put("deleted", false);
      // The caller's own package name did not travel: only the group and project names can carry markers here.
      SimulatedMigration child = SimulatedMigration.groupPackage(record, timings,
          SimulatedGroup.markers(header.path("name").asText(), null, record));
      if (!generateUndo) {
        child.withoutUndoPackage();
      }
      packages.add(child);
    }
    return SimulatedGroup.importing(header, packages, now);
  }

  private static String[] pair(String id, String message) {
    String[] parts = id == null ? new String[0] : id.split(":", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw SimulatorError.invalidInput(message);
    }
    return parts;
  }

  private static void copy(JsonNode from, ObjectNode into, String field) {
    if (from.has(field)) {
      into.set(field, from.get(field).deepCopy());
    }
  }
}
