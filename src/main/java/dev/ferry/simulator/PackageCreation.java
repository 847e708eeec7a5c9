package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.keepOthers;
import static dev.ferry.simulator.JsonFields.object;
import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;

/**
 * {@code POST /api/migrations} on the source: checks the body and headers the way the Library
 * does and turns them into the record that {@code GET /api/migrations/{id}} returns, in the
 * documented field order, keeping every field the caller sent that the Library does not set.
 */
final class PackageCreation {

  private static final Set<String> PURPOSES = Set.of("object_migration", "project_merge");

  private PackageCreation() {
  }

  static ObjectNode record(JsonNode body, String projectId, Creator creator, Instant now) {
    if (body == null || !body.isObject()) {
      throw SimulatorError.invalidInput("Invalid JSON: the body must be a migration object");
    }
    ObjectNode request = object(body, "packageInfo");
    if (request == null) {
      throw SimulatorError.missingField("packageInfo");
    }
    if (text(request, "type") == null) {
      throw SimulatorError.missingField("packageInfo.type");
    }
    PackageType type = PackageType.of(text(request, "type"));
    String purpose = text(request, "purpose");
    if (purpose != null && !PURPOSES.contains(purpose)) {
      throw SimulatorError.invalidInput(
          "packageInfo.purpose '" + purpose + "' is not supported: use 'object_migration' or 'project_merge'");
    }
    if (text(request, "name") == null) {
      throw SimulatorError.missingField("packageInfo.name");
    }
    requireEnvironment(request, "packageInfo.environment");
    ObjectNode importRequest = object(body, "importInfo");
    requireEnvironment(importRequest, "importInfo.environment");
    if (object(request, "tocView") == null) {
      throw SimulatorError.missingField("packageInfo.tocView");
    }
    type.checkProjectHeader(projectId, "create");

    String packageId = RandomIds.objectId();
    String importId = RandomIds.objectId();
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    record.put("id", packageId + ":" + importId);
    record.set("packageInfo", packageInfo(request, packageId, type, projectId, creator, now));
    record.set("importInfo", importInfo(importRequest, importId, now));
    record.put("version", "project_merge".equals(purpose) ? "2" : "1");
    keepOthers(body, record);
    return record;
  }

  private static void requireEnvironment(ObjectNode info, String field) {
    if (info == null || object(info, "environment") == null || text(info.path("environment"), "id") == null) {
      throw SimulatorError.invalidInput(field + " is required: give the id (the environment URL) and name of the "
          + ("packageInfo.environment".equals(field) ? "source" : "target") + " environment");
    }
  }

  private static ObjectNode packageInfo(ObjectNode request, String packageId, PackageType type, String projectId,
      Creator creator, Instant now) {
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("id", packageId);
    info.put("replicated", false);
    info.put("type", type.json());
    if (text(request, "purpose") != null) {
      info.put("purpose", text(request, "purpose"));
    }
    info.put("name", text(request, "name"));
    info.set("creator", creator.json());
    info.put("creationDate", LibraryTime.timestamp(now));
    info.put("lastUpdatedDate", LibraryTime.timestamp(now));
    info.set("environment", request.get("environment").deepCopy());
    info.putObject("storage"); // filled in once the package is built
    if (type == PackageType.PROJECT) {
      ObjectNode project = info.putObject("project");
      project.put("id", projectId);
      ObjectNode given = object(request, "project");
      if (given != null && text(given, "name") != null) {
        project.put("name", text(given, "name"));
      }
      keepOthers(given, project);
    }
    return startState(request, info, "creating");
  }

  /** The rest of a new package's {@code packageInfo}: its first status, its content, and what else the caller sent. */
  static ObjectNode startState(ObjectNode request, ObjectNode info, String status) {
    info.put("status", status);
    info.put("message", "");
    info.put("progress", 0);
    info.put("deleted", false);
    info.put("existing", true);
    info.set("tocView", request.get("tocView").deepCopy());
    if (request.has("treeView")) {
      info.set("treeView", request.get("treeView").deepCopy());
    }
    keepOthers(request, info);
    return info;
  }

  private static ObjectNode importInfo(ObjectNode request, String importId, Instant now) {
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("id", importId);
    info.putObject("creator"); // nobody has imported it yet
    info.put("creationDate", LibraryTime.timestamp(now));
    info.put("lastUpdatedDate", LibraryTime.timestamp(now));
    info.set("environment", request.get("environment").deepCopy());
    info.put("status", "pending");
    info.put("importRequestStatus", "pending");
    info.put("undoRequestStatus", "pending");
    info.put("progress", 0);
    info.put("message", "");
    info.putObject("undoStorage");
    if (request.has("project")) {
      info.set("project", request.get("project").deepCopy());
    }
    info.put("deleted", false);
    keepOthers(request, info);
    return info;
  }
}
