package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.object;
import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PUT /api/migrationGroups/{id}} on the SOURCE: edits a group this Library created. The
 * same path imports a replicated group on a target ({@link GroupReplica}); it is an edit when the
 * group here is one this Library created by POST and no package of the body is marked
 * {@code packageInfo.replicated: true}.
 *
 * <p>The body is the documented one: {@code name}, {@code treeView} and {@code migrations}, each
 * with {@code packageInfo} ({@code type}, optional {@code purpose}, {@code project},
 * {@code tocView}) and {@code importInfo} ({@code project}). It keeps the rules of a create
 * ({@link GroupRules}), its content those of {@link PackageContent}; a {@code purpose}, when
 * sent, is {@code migration_group} or {@code migration_group_child} (the Library sets it by type).
 *
 * <p><b>Ids.</b> The group keeps its id. A package keeps its {@code packageId:importId} (and its
 * creation date and creator) when the edited group still has a package for the same project (or
 * still has a configuration package); a package for a project that is new to the group gets new
 * ids, and a package whose project is no longer sent is dropped. All packages are built again,
 * one after another with fail fast, as after a create.
 */
final class GroupEdit {

  private static final Set<String> PURPOSES = Set.of("migration_group", "migration_group_child");

  private GroupEdit() {
  }

  /** Whether a PUT of {@code body} on {@code group} (null when this Library has none) is an edit. */
  static boolean asks(SimulatedGroup group, JsonNode body) {
    if (group == null || !group.isSource()) {
      return false;
    }
    for (JsonNode migration : body == null ? JsonNodeFactory.instance.arrayNode() : body.path("migrations")) {
      if (migration.path("packageInfo").path("replicated").asBoolean(false)) {
        return false;
      }
    }
    return true;
  }

  static void edit(SimulatedGroup group, JsonNode body, Creator editor, int maxPackages, Timings timings,
      Instant now) {
    group.checkEditable();
    if (body == null || !body.isObject()) {
      throw SimulatorError.invalidInput("Invalid JSON: the body must be the edited migration group, with name, "
          + "treeView and migrations");
    }
    String name = text(body, "name");
    if (name == null) {
      throw SimulatorError.missingField("name", "the name of the migration group");
    }
    JsonNode requested = GroupRules.checkPackages(body.get("migrations"), maxPackages);
    for (int i = 0; i < requested.size(); i++) {
      JsonNode packageInfo = requested.get(i).path("packageInfo");
      String at = "migrations[" + i + "]";
      String purpose = text(packageInfo, "purpose");
      if (purpose != null && !PURPOSES.contains(purpose)) {
        throw SimulatorError.invalidInput(at + ".packageInfo.purpose '" + purpose + "' (" + describe(packageInfo)
            + ") is not a purpose of a migration group's package: use 'migration_group' or 'migration_group_child', "
            + "or leave it out");
      }
      PackageContent.check(packageInfo.get("tocView"), at + ".packageInfo.tocView");
    }

    String[] groupIds = group.id().split(":", 2);
    Map<String, ObjectNode> before = new HashMap<>();
    for (ObjectNode record : group.packageRecords()) {
      before.put(key(record.path("packageInfo")), record);
    }
    List<SimulatedMigration> packages = new ArrayList<>();
    for (JsonNode request : requested) {
      ObjectNode sentInfo = ((ObjectNode) request.get("packageInfo")).deepCopy();
      String type = text(sentInfo, "type");
      ObjectNode old = before.get(key(sentInfo));
      JsonNode oldInfo = old == null ? JsonNodeFactory.instance.objectNode() : old.path("packageInfo");
      sentInfo.set("tocView", PackageContent.completed(sentInfo.get("tocView"), oldInfo.path("tocView"), type, now));
      String[] ids = old == null
          ? new String[] {RandomIds.objectId(), RandomIds.objectId()}
          : old.path("id").asText().split(":", 2);
      ObjectNode record = JsonNodeFactory.instance.objectNode();
      record.put("id", ids[0] + ":" + ids[1]);
      ObjectNode packageInfo = GroupCreation.packageInfo(sentInfo, ids[0], groupIds[0], name, editor, now);
      ObjectNode importInfo = GroupCreation.importInfo(object(request, "importInfo"), ids[1], groupIds[1], now);
      if (old != null) {
        packageInfo.set("creator", oldInfo.path("creator").deepCopy());
        packageInfo.put("creationDate", oldInfo.path("creationDate").asText());
        importInfo.put("creationDate", old.path("importInfo").path("creationDate").asText());
      }
      record.set("packageInfo", packageInfo);
      record.set("importInfo", importInfo);
      JsonFields.keepOthers(request, record);
      String markers = SimulatedGroup.markers(name, text(request.path("packageInfo"), "name"), record);
      packages.add(SimulatedMigration.groupPackage(record, timings, markers));
    }
    group.rebuild(name, GroupCreation.treeView(body.get("treeView")), packages, now);
  }

  /** Packages are matched by project: the configuration package, or the source project's id. */
  private static String key(JsonNode packageInfo) {
    return "configuration".equals(text(packageInfo, "type"))
        ? "configuration"
        : "project:" + packageInfo.path("project").path("id").asText();
  }

  private static String describe(JsonNode packageInfo) {
    if ("configuration".equals(text(packageInfo, "type"))) {
      return "the configuration package";
    }
    JsonNode project = packageInfo.path("project");
    return "the package of project '" + project.path("name").asText(project.path("id").asText("?")) + "'";
  }
}
