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
 * {@code POST /api/migrationGroups} on the source: checks the request (see {@link GroupRules})
 * and turns it into the group and package records that {@code GET /api/migrationGroups/{id}}
 * returns, in the documented field order. Every package is named after the group and gets the
 * purpose {@code migration_group} (the configuration package) or {@code migration_group_child}.
 */
final class GroupCreation {

  private GroupCreation() {
  }

  static SimulatedGroup group(JsonNode body, Creator creator, int maxPackages, Timings timings, Instant now) {
    if (body == null || !body.isObject()) {
      throw SimulatorError.invalidInput("Invalid JSON: the body must be a migration group object");
    }
    String name = text(body, "name");
    if (name == null) {
      throw SimulatorError.missingField("name", "the name of the migration group");
    }
    requireEnvironment(body, "sourceEnvironment");
    requireEnvironment(body, "targetEnvironment");
    JsonNode requested = GroupRules.checkPackages(body.get("migrations"), maxPackages);

    String packageGroupId = RandomIds.objectId();
    String importGroupId = RandomIds.objectId();
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("id", packageGroupId + ":" + importGroupId);
    header.put("name", name);
    header.set("sourceEnvironment", body.get("sourceEnvironment").deepCopy());
    header.set("targetEnvironment", body.get("targetEnvironment").deepCopy());
    header.put("treeView", treeView(body.get("treeView")));
    header.put("importRequestStatus", "pending");
    header.put("undoRequestStatus", "pending");
    header.put("creationDate", LibraryTime.timestamp(now));
    header.put("lastUpdatedDate", LibraryTime.timestamp(now));
    header.putArray("migrations"); // the packages are kept apart, filled in by every view
    header.put("version", "1"); // what the documented GET answers, whatever version the request named
    keepOthers(body, header);

    List<SimulatedMigration> packages = new ArrayList<>();
    for (JsonNode request : requested) {
      ObjectNode record = JsonNodeFactory.instance.objectNode();
      String packageId = RandomIds.objectId();
      String importId = RandomIds.objectId();
      record.put("id", packageId + ":" + importId);
      ObjectNode packageInfo = packageInfo((ObjectNode) request.get("packageInfo"), packageId, packageGroupId, name,
          creator, now);
      record.set("packageInfo", packageInfo);
      record.set("importInfo", importInfo(object(request, "importInfo"), importId, importGroupId, now));
      keepOthers(request, record);
      String markers = SimulatedGroup.markers(name, text(request.path("packageInfo"), "name"), record);
      packages.add(SimulatedMigration.groupPackage(record, timings, markers));
    }
    return SimulatedGroup.creating(header, packages, now);
  }

  /** The documented GET answers the tree view as a JSON string ({@code "treeView": "{}"}). */
  static String treeView(JsonNode sent) {
    if (sent == null || sent.isNull() || sent.isMissingNode()) {
      return "{}";
    }
    return sent.isTextual() ? sent.asText() : sent.toString();
  }

  private static void requireEnvironment(JsonNode body, String field) {
    if (text(body.path(field), "id") == null) {
      throw SimulatorError.missingField(field + ".id", "the URL of the " + field.replace("Environment", "")
          + " environment, with its name");
    }
  }

  static ObjectNode packageInfo(ObjectNode request, String packageId, String packageGroupId, String groupName,
      Creator creator, Instant now) {
    PackageType type = PackageType.of(text(request, "type"));
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("id", packageId);
    info.put("groupId", packageGroupId);
    info.put("name", groupName);
    info.put("replicated", false);
    info.put("purpose", type == PackageType.CONFIGURATION ? "migration_group" : "migration_group_child");
    info.put("type", type.json());
    info.set("creator", creator.json());
    info.put("creationDate", LibraryTime.timestamp(now));
    info.put("lastUpdatedDate", LibraryTime.timestamp(now));
    info.putObject("storage"); // filled in once the package is built
    ObjectNode project = info.putObject("project");
    if (type == PackageType.PROJECT) {
      project.setAll((ObjectNode) request.get("project").deepCopy());
    }
    return PackageCreation.startState(request, info, "empty"); // empty until the group reaches this package
  }

  static ObjectNode importInfo(ObjectNode request, String importId, String importGroupId, Instant now) {
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("id", importId);
    info.put("groupId", importGroupId);
    info.putObject("creator"); // nobody has imported it yet
    info.put("creationDate", LibraryTime.timestamp(now));
    info.put("lastUpdatedDate", LibraryTime.timestamp(now));
    info.put("status", "pending");
    info.put("progress", 0);
    info.put("message", "");
    info.putObject("undoStorage");
    ObjectNode project = info.putObject("project");
    if (request != null && object(request, "project") != null) {
      project.setAll((ObjectNode) request.get("project").deepCopy());
    }
    info.put("deleted", false);
    keepOthers(request, info);
    return info;
  }
}
