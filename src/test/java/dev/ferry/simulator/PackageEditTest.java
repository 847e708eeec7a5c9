package dev.ferry.simulator;

import static dev.ferry.simulator.Sandbox.json;
import static dev.ferry.simulator.Sandbox.projectPackage;
import static dev.ferry.simulator.Sandbox.refusal;
import static dev.ferry.simulator.Sandbox.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code PUT /api/migrations/{id}/packageInfo} on the source: the rules, and the package built again. */
class PackageEditTest {

  private static final String YEAR = "8D679D5111D3E4981000E787EC6DE8A4";
  private static final String MONTH = "8D679D4611D3E4981000E787EC6DE8A4";
  private static final String QUARTER = "8D679D4B11D3E4981000E787EC6DE8A4";

  private final Sandbox sandbox = new Sandbox();
  private final SimulatedLibrary dev = sandbox.dev;

  /** Year, Month and Quarter, all {@code replace}. */
  private static ObjectNode threeObjects(String name) {
    ObjectNode body = projectPackage(name);
    ArrayNode content = (ArrayNode) body.path("packageInfo").path("tocView").path("content");
    content.add(json("""
        {"id": "%s", "name": "Month", "type": 12, "action": "replace", "includeDependents": false}""".formatted(MONTH)));
    content.add(json("""
        {"id": "%s", "name": "Quarter", "type": 12, "action": "replace", "includeDependents": false}"""
        .formatted(QUARTER)));
    return body;
  }

  /** The documented edit body: Quarter dropped, Year now {@code use_existing}, a new name and tree view. */
  private static ObjectNode edit(String name) {
    return json("""
        {
          "type": "project",
          "name": "%s",
          "tocView": {
            "settings": {"updateSchema": [], "aclOnReplacingObjects": "use_existing",
                         "aclOnNewObjects": ["keep_acl_as_source_object"], "defaultAction": "use_existing"},
            "content": [
              {"id": "%s", "name": "Year", "type": 12, "action": "use_existing", "includeDependents": true},
              {"id": "%s", "type": 12, "action": "replace", "includeDependents": false}
            ]
          },
          "treeView": {"treeViewType": "project", "treeViewContent": [{"id": "%s", "type": 12}]}
        }
        """.formatted(name, YEAR, MONTH, YEAR));
  }

  @Test
  void anEditAnswersTheDocumentedShortFormAndBuildsThePackageAgain() {
    String id = sandbox.created(threeObjects("Sales"));
    JsonNode before = dev.get(sandbox.devSession, id, true);
    sandbox.clock.advance(Duration.ofMinutes(1));

    ObjectNode answer = sandbox.edit(id, edit("Sales edited"));

    assertThat(answer).isEqualTo(json("""
        {"id": "%s", "status": "creating", "progress": 0.0}""".formatted(id.split(":")[0])));
    assertThat(answer.path("progress").isDouble()).isTrue();
    JsonNode rebuilding = dev.get(sandbox.devSession, id, false);
    JsonNode packageInfo = rebuilding.path("packageInfo");
    assertThat(rebuilding.path("id").asText()).isEqualTo(id);
    assertThat(packageInfo.path("id").asText()).isEqualTo(before.path("packageInfo").path("id").asText());
    assertThat(packageInfo.path("name").asText()).isEqualTo("Sales edited");
    assertThat(packageInfo.path("status").asText()).isEqualTo("creating");
    assertThat(packageInfo.path("progress").asInt()).isZero();
    assertThat(packageInfo.path("storage").isEmpty()).isTrue();
    assertThat(packageInfo.path("lastUpdatedDate").asText()).isEqualTo("2022-03-16T07:39:50.125+0000");
    assertThat(packageInfo.path("creationDate")).isEqualTo(before.path("packageInfo").path("creationDate"));
    assertThat(rebuilding.path("importInfo")).isEqualTo(before.path("importInfo"));
    assertThat(rebuilding.path("version").asText()).isEqualTo("2");

    sandbox.clock.advance(Sandbox.CREATE.dividedBy(2));
    assertThat(sandbox.onDev(id).path("packageInfo").path("progress").asInt()).isEqualTo(50);
    sandbox.clock.advance(Sandbox.CREATE.dividedBy(2));
    JsonNode rebuilt = sandbox.onDev(id).path("packageInfo");
    assertThat(rebuilt.path("status").asText()).isEqualTo("created");
    assertThat(rebuilt.path("progress").asInt()).isEqualTo(100);
    assertThat(rebuilt.path("storage").path("path").asText())
        .matches("mstr/shared/migrations/packages/2022-03-16/[0-9A-F]{32}\\.mmp")
        .isNotEqualTo(before.path("packageInfo").path("storage").path("path").asText());
    assertThat(rebuilt.path("storage").path("size").asLong()).isPositive();
    assertThat(dev.accepted(Endpoint.PUT_PACKAGE_INFO)).isEqualTo(1);
  }

  @Test
  void theRebuiltContentShowsTheRemovedObjectAndTheChangedAction() {
    String id = sandbox.created(threeObjects("Sales"));

    sandbox.edit(id, edit("Sales edited"));
    sandbox.clock.advance(Sandbox.CREATE);

    JsonNode packageInfo = dev.get(sandbox.devSession, id, true).path("packageInfo");
    JsonNode content = packageInfo.path("tocView").path("content");
    assertThat(content).hasSize(2);
    assertThat(content.path(0).path("id").asText()).isEqualTo(YEAR);
    assertThat(content.path(1).path("id").asText()).isEqualTo(MONTH);
    assertThat(content.path(0).path("action").asText()).isEqualTo("use_existing");
    assertThat(content.path(0).path("includeDependents").asBoolean()).isTrue();
    assertThat(content.path(1).path("name").asText()).as("taken from the package's content before").isEqualTo("Month");
    for (JsonNode object : content) {
      assertThat(object.path("version").asText()).matches("[0-9A-F]{32}");
      assertThat(object.path("owner").path("id").asText()).matches("[0-9A-F]{32}");
      assertThat(object.path("dateCreated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000\\+0000");
      assertThat(object.path("dateModified").asText()).isGreaterThanOrEqualTo(object.path("dateCreated").asText());
      assertThat(object.path("explicitIncluded").asBoolean()).isTrue();
      assertThat(object.path("level").asText()).isEqualTo("project_object");
    }
    assertThat(content.path(0).fieldNames()).toIterable().containsExactly("id", "name", "version", "type", "owner",
        "dateCreated", "dateModified", "action", "includeDependents", "explicitIncluded", "level");
    assertThat(packageInfo.path("tocView").path("settings").path("defaultAction").asText()).isEqualTo("use_existing");
    assertThat(packageInfo.path("treeView")).isEqualTo(edit("x").path("treeView"));
  }

  @Test
  void theWholePackageInfoOfAGetCanBeSentBackAndAnObjectKeepsItsVersion() {
    String id = sandbox.created(threeObjects("Sales"));
    sandbox.edit(id, edit("Sales edited"));
    sandbox.clock.advance(Sandbox.CREATE);
    ObjectNode packageInfo = (ObjectNode) dev.get(sandbox.devSession, id, true).get("packageInfo");
    String yearVersion = packageInfo.path("tocView").path("content").path(0).path("version").asText();
    ((ObjectNode) packageInfo.path("tocView").path("content").path(0)).put("action", "force_replace");
    packageInfo.put("name", "Sales edited twice");

    sandbox.edit(id, packageInfo);
    sandbox.clock.advance(Sandbox.CREATE);

    JsonNode again = dev.get(sandbox.devSession, id, true);
    JsonNode year = again.path("packageInfo").path("tocView").path("content").path(0);
    assertThat(year.path("version").asText()).isEqualTo(yearVersion);
    assertThat(year.path("action").asText()).isEqualTo("force_replace");
    assertThat(status(again, "packageInfo")).isEqualTo("created");
    assertThat(again.path("packageInfo").path("name").asText()).isEqualTo("Sales edited twice");
    assertThat(again.path("version").asText()).isEqualTo("3");
  }

  @Test
  void aFailCreateNameMakesTheRebuildFailAndASecondEditSucceeds() {
    String id = sandbox.created(threeObjects("Sales"));

    sandbox.edit(id, edit("Sales fail-create"));
    sandbox.clock.advance(Sandbox.CREATE);
    JsonNode failed = sandbox.onDev(id);
    assertThat(status(failed, "packageInfo")).isEqualTo("create_failed");
    assertThat(failed.path("packageInfo").path("message").asText())
        .isEqualTo("Package creation failed: object 'Year' could not be serialized (simulated)");
    assertThat(failed.path("packageInfo").path("storage").isEmpty()).isTrue();

    sandbox.edit(id, edit("Sales fixed"));
    sandbox.clock.advance(Sandbox.CREATE);
    JsonNode fixed = sandbox.onDev(id);
    assertThat(status(fixed, "packageInfo")).isEqualTo("created");
    assertThat(fixed.path("packageInfo").path("message").asText()).isEmpty();
    assertThat(fixed.path("packageInfo").path("storage").path("path").asText()).isNotEmpty();
    assertThat(fixed.path("version").asText()).isEqualTo("3");
    assertThat(status(sandbox.patchDev(id, "importRequestStatus", "requested"), "packageInfo")).isEqualTo("created");
  }

  @Test
  void theMarkersOfTheNewNameCount() {
    String id = sandbox.create(projectPackage("Sales stall-create"));
    sandbox.clock.advance(Duration.ofMinutes(20));
    assertThat(refusal(() -> sandbox.edit(id, edit("Sales"))).getMessage()).contains("'creating'");

    String other = sandbox.created(projectPackage("Sales"));
    sandbox.edit(other, edit("Sales size-2k stall-create"));
    sandbox.clock.advance(Duration.ofMinutes(20));
    assertThat(status(sandbox.onDev(other), "packageInfo")).isEqualTo("creating");

    String sized = sandbox.created(projectPackage("Sales"));
    sandbox.edit(sized, edit("Sales size-2k"));
    sandbox.clock.advance(Sandbox.CREATE);
    assertThat(sandbox.onDev(sized).path("packageInfo").path("storage").path("size").asLong()).isEqualTo(2048);
  }

  @Test
  void aRejectedImportCanBeEditedAndStaysRejected() {
    String id = sandbox.created(projectPackage("Sales"));
    sandbox.patchDev(id, "importRequestStatus", "requested");
    sandbox.patchDev(id, "importRequestStatus", "rejected");

    sandbox.edit(id, edit("Sales edited"));
    sandbox.clock.advance(Sandbox.CREATE);

    JsonNode record = sandbox.onDev(id);
    assertThat(status(record, "packageInfo")).isEqualTo("created");
    assertThat(record.path("importInfo").path("importRequestStatus").asText()).isEqualTo("rejected");
  }

  @Test
  void aTreeViewMaySendAsTextAndALeftOutOneIsDropped() {
    String id = sandbox.created(projectPackage("Sales"));
    ObjectNode body = edit("Sales");
    body.put("treeView", "{\"treeViewType\":\"project\"}");

    sandbox.edit(id, body);
    assertThat(dev.get(sandbox.devSession, id, true).path("packageInfo").path("treeView").asText())
        .isEqualTo("{\"treeViewType\":\"project\"}");

    sandbox.clock.advance(Sandbox.CREATE);
    body.remove("treeView");
    sandbox.edit(id, body);
    assertThat(dev.get(sandbox.devSession, id, true).path("packageInfo").has("treeView")).isFalse();
  }

  @Test
  void anEditToKeepBothLeavesNoUndoPackage() {
    String id = sandbox.created(projectPackage("Sales"));
    ObjectNode body = edit("Sales");
    ((ObjectNode) body.path("tocView").path("content").path(1)).put("action", "keep_both");
    sandbox.edit(id, body);
    sandbox.clock.advance(Sandbox.CREATE);
    sandbox.patchDev(id, "importRequestStatus", "requested");
    sandbox.patchDev(id, "importRequestStatus", "approved");

    sandbox.startImport(id);
    sandbox.clock.advance(Sandbox.IMPORT);

    assertThat(status(sandbox.onProd(id), "importInfo")).isEqualTo("imported");
    assertThat(sandbox.onProd(id).path("importInfo").path("undoStorage").isEmpty()).isTrue();
  }

  // --- refusals: the state of the migration --------------------------------------------------------------

  @Test
  void anUnknownMigrationIsNotFound() {
    SimulatorError error = refusal(() -> sandbox.edit("0123:4567", edit("Sales")));

    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(error.code()).isEqualTo("ERR004");
    assertThat(error.getMessage()).isEqualTo("Migration '0123:4567' not found");
  }

  @Test
  void aPackageBeingBuiltCannotBeEdited() {
    String id = sandbox.create(projectPackage("Sales"));

    SimulatorError error = refusal(() -> sandbox.edit(id, edit("Sales")));

    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).isEqualTo("Cannot edit the package of migration " + id + ": it has package "
        + "status 'creating' and import request 'pending'; this needs package status 'created' or 'create_failed' "
        + "and import request 'pending' or 'rejected' (wait until the package is built)");
    assertThat(dev.received(Endpoint.PUT_PACKAGE_INFO)).isEqualTo(1);
    assertThat(dev.accepted(Endpoint.PUT_PACKAGE_INFO)).isZero();
  }

  @Test
  void aRequestedOrApprovedImportCannotBeEdited() {
    String id = sandbox.created(projectPackage("Sales"));
    sandbox.patchDev(id, "importRequestStatus", "requested");

    assertThat(refusal(() -> sandbox.edit(id, edit("Sales"))).getMessage()).isEqualTo("Cannot edit the package of "
        + "migration " + id + ": it has package status 'created' and import request 'requested'; this needs package "
        + "status 'created' or 'create_failed' and import request 'pending' or 'rejected' (reject the import "
        + "request first)");

    sandbox.patchDev(id, "importRequestStatus", "approved");
    assertThat(refusal(() -> sandbox.edit(id, edit("Sales"))).getMessage()).isEqualTo("Cannot edit the package of "
        + "migration " + id + ": it has package status 'locked' and import request 'approved'; this needs package "
        + "status 'created' or 'create_failed' and import request 'pending' or 'rejected' (an approved migration "
        + "can no longer be edited)");
    assertThat(status(sandbox.onDev(id), "packageInfo")).isEqualTo("locked");
  }

  @Test
  void anUploadedMigrationCannotBeEdited() {
    byte[] content = FileSandbox.bytes("an uploaded package");
    String fileId = sandbox.dev.createFile(sandbox.devSession, FileSandbox.fileMeta("Uploaded", content, "project"))
        .path("id").asText();
    sandbox.dev.uploadFile(sandbox.devSession, fileId, new ByteArrayInputStream(content));
    String id = dev.create(sandbox.devSession, Sandbox.TARGET_PROJECT, FileSandbox.importBody(fileId))
        .path("id").asText();
    try {
      SimulatorError error = refusal(() -> sandbox.edit(id, edit("Sales")));

      assertThat(error.code()).isEqualTo("ERR006");
      assertThat(error.getMessage()).isEqualTo("Cannot edit migration " + id + ": it was uploaded to the shared file "
          + "store (purpose 'migration_from_shared_file_store'), and uploaded migrations cannot be edited; edit the "
          + "migration in the environment it was created in and upload it again");
    } finally {
      sandbox.simulator.close();
    }
  }

  @Test
  void aReplicaOnTheTargetCannotBeEdited() {
    String id = sandbox.imported(projectPackage("Sales"));

    SimulatorError error = refusal(() -> sandbox.prod.editPackage(sandbox.prodSession, id, edit("Sales")));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).isEqualTo("Cannot edit migration " + id + ": it is a replica imported here from "
        + "its source environment; edit it in the source environment");
  }

  // --- refusals: the body ------------------------------------------------------------------------------

  @Test
  void typeIsRequiredAndCannotChange() {
    assertRefused(body -> body.remove("type"), "ERR007",
        "Missing required field: type (the package's type, 'project'; it cannot change)");
    assertRefused(body -> body.put("type", "configuration"), "ERR006", "type 'configuration' differs from the "
        + "package's type 'project': the type of a migration cannot be edited; create a new migration for a "
        + "configuration package");
  }

  @Test
  void purposeMayBeLeftOutButCannotChange() {
    assertRefused(body -> body.put("purpose", "project_merge"), "ERR006", "purpose 'project_merge' differs from "
        + "the package's purpose 'object_migration': the purpose of a migration cannot be edited; leave it out or "
        + "send 'object_migration'");

    String id = sandbox.created(projectPackage("Sales"));
    ObjectNode body = edit("Sales");
    body.put("purpose", "object_migration");
    assertThat(sandbox.edit(id, body).path("status").asText()).isEqualTo("creating");
  }

  @Test
  void theContentMustBeAListOfObjectsWithIdTypeAndAKnownAction() {
    assertRefused(body -> body.remove("tocView"), "ERR007",
        "Missing required field: tocView (the settings and content of the package)");
    assertRefused(body -> ((ObjectNode) body.get("tocView")).remove("content"), "ERR007",
        "Missing required field: tocView.content (the objects of the package, each with id, type and action)");
    assertRefused(body -> ((ObjectNode) body.get("tocView")).putArray("content"), "ERR006",
        "tocView.content is empty: a package needs at least one object (id, type, action); to drop every object, "
            + "delete the migration instead");
    assertRefused(body -> object(body, 1).remove("id"), "ERR007",
        "Missing required field: tocView.content[1].id (the id of the metadata object to migrate)");
    assertRefused(body -> object(body, 1).remove("type"), "ERR007",
        "Missing required field: tocView.content[1].type (the object's type number, such as 55 for a dossier)");
    assertRefused(body -> object(body, 1).put("type", "report"), "ERR006",
        "tocView.content[1].type must be the object's type number (such as 55 for a dossier), but it is \"report\"");
    assertRefused(body -> object(body, 0).put("action", "overwrite"), "ERR006",
        "tocView.content[0].action 'overwrite' is not a conflict action: use one of delete, force_replace, "
            + "keep_both, replace, use_existing, use_newer, use_older");
  }

  @Test
  void theSettingsMustHaveDocumentedValues() {
    assertRefused(body -> settings(body).put("defaultAction", "merge"), "ERR006",
        "tocView.settings.defaultAction 'merge' is not a conflict action: use one of delete, force_replace, "
            + "keep_both, replace, use_existing, use_newer, use_older");
    assertRefused(body -> settings(body).put("aclOnReplacingObjects", "keep"), "ERR006",
        "tocView.settings.aclOnReplacingObjects 'keep' is not supported: use one of replace, use_existing");
    assertRefused(body -> settings(body).putArray("aclOnNewObjects").add("inherit"), "ERR006",
        "tocView.settings.aclOnNewObjects[0] 'inherit' is not supported: use one of inherit_acl_as_dest_folder, "
            + "keep_acl_as_source_object");
    assertRefused(body -> settings(body).putArray("updateSchema").add("recal_table_logical_size").add("all"),
        "ERR006", "tocView.settings.updateSchema[1] 'all' is not supported: use one of "
            + "recal_table_keys_fact_entry_level, recal_table_logical_size, update_schema_logical_info");
  }

  @Test
  void theNameAndIdMustFit() {
    assertRefused(body -> body.put("name", " "), "ERR006",
        "name must be the new name of the package, but it is \" \": leave it out to keep 'Sales'");
    assertRefused(body -> body.put("id", "0123"), "ERR006", "id '0123' is not the id of this migration's package");
  }

  private void assertRefused(Consumer<ObjectNode> breakBody, String code, String message) {
    String id = sandbox.created(projectPackage("Sales"));
    ObjectNode body = edit("Sales");
    breakBody.accept(body);

    SimulatorError error = refusal(() -> sandbox.edit(id, body));

    assertThat(error.code()).as(message).isEqualTo(code);
    assertThat(error.getMessage()).startsWith(message);
    JsonNode untouched = sandbox.onDev(id);
    assertThat(status(untouched, "packageInfo")).isEqualTo("created");
    assertThat(untouched.path("version").asText()).isEqualTo("1");
  }

  private static ObjectNode object(ObjectNode body, int index) {
    return (ObjectNode) body.path("tocView").path("content").path(index);
  }

  private static ObjectNode settings(ObjectNode body) {
    return (ObjectNode) body.path("tocView").path("settings");
  }
}
