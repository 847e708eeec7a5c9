package dev.ferry.simulator;

import static dev.ferry.simulator.GroupSandbox.configuration;
import static dev.ferry.simulator.GroupSandbox.project;
import static dev.ferry.simulator.GroupSandbox.projectId;
import static dev.ferry.simulator.GroupSandbox.statuses;
import static dev.ferry.simulator.Sandbox.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code PUT /api/migrationGroups/{id}} on the source that created the group: the rules and the rebuild. */
class GroupEditTest {

  private final GroupSandbox groups = new GroupSandbox();
  private final SimulatedLibrary dev = groups.dev;

  /** The documented edit body: name, tree view and the packages, without ids. */
  static ObjectNode edit(String name, ObjectNode... packages) {
    ObjectNode body = Sandbox.json("""
        {"name": "%s", "treeView": {"edited": true}, "migrations": []}""".formatted(name));
    ArrayNode migrations = (ArrayNode) body.get("migrations");
    for (ObjectNode migration : packages) {
      migrations.add(migration);
    }
    return body;
  }

  /** Config, Alpha, Beta, Gamma, built. */
  private String built() {
    String id = groups.create(GroupSandbox.threeProjects("Quarterly"));
    groups.advance(Sandbox.CREATE, 4);
    assertThat(statuses(groups.onDev(id), "packageInfo")).containsOnly("created");
    return id;
  }

  private ObjectNode putEdit(String groupId, ObjectNode body) {
    return dev.putGroup(groups.sandbox.devSession, groupId, body, null);
  }

  @Test
  void anEditRenamesTheGroupAndBuildsItsPackagesAgainOneAfterAnother() {
    String id = built();
    JsonNode before = dev.group(id).orElseThrow();
    ObjectNode alpha = project(projectId('A'), "Alpha");
    ((ObjectNode) alpha.path("packageInfo").path("tocView").path("content").path(0)).put("action", "use_existing");

    ObjectNode answer = putEdit(id, edit("Quarterly edited", configuration(), alpha, project(projectId('D'), "Delta")));

    assertThat(answer.path("id").asText()).isEqualTo(id);
    assertThat(answer.path("name").asText()).isEqualTo("Quarterly edited");
    assertThat(answer.path("importRequestStatus").asText()).isEqualTo("pending");
    assertThat(statuses(answer, "packageInfo")).containsExactly("creating", "empty", "empty");
    assertThat(answer.path("migrations").path(0).path("id").asText())
        .as("the configuration package keeps its ids").isEqualTo(idOf(before, "configuration"));
    assertThat(answer.path("migrations").path(1).path("id").asText())
        .as("Alpha's package keeps its ids").isEqualTo(idOf(before, "Alpha"));
    assertThat(answer.path("migrations").path(2).path("id").asText())
        .as("Delta is new to the group").matches("[0-9A-F]{32}:[0-9A-F]{32}").isNotIn(ids(before));
    assertThat(dev.accepted(Endpoint.PUT_GROUP_EDIT)).isEqualTo(1);
    assertThat(dev.received(Endpoint.PUT_MIGRATION_GROUP)).isZero();

    groups.advance(Sandbox.CREATE, 1);
    assertThat(statuses(groups.onDev(id), "packageInfo")).containsExactly("created", "creating", "empty");
    groups.advance(Sandbox.CREATE, 2);
    JsonNode after = dev.group(id).orElseThrow();
    assertThat(statuses(after, "packageInfo")).containsOnly("created");
    assertThat(after.path("migrations")).hasSize(3);
    assertThat(ids(after)).doesNotContain(idOf(before, "Beta"), idOf(before, "Gamma"));
    assertThat(after.path("name").asText()).isEqualTo("Quarterly edited");
    assertThat(after.path("treeView").asText()).isEqualTo("{\"edited\":true}");
    assertThat(after.path("version").asText()).isEqualTo("2");
    assertThat(after.path("importRequestStatus").asText()).isEqualTo("pending");
    JsonNode alphaAfter = packageOf(after, "Alpha").path("packageInfo");
    assertThat(alphaAfter.path("name").asText()).isEqualTo("Quarterly edited");
    assertThat(alphaAfter.path("purpose").asText()).isEqualTo("migration_group_child");
    assertThat(alphaAfter.path("creationDate")).isEqualTo(packageOf(before, "Alpha").path("packageInfo")
        .path("creationDate"));
    assertThat(alphaAfter.path("storage").path("path").asText()).isNotEmpty()
        .isNotEqualTo(packageOf(before, "Alpha").path("packageInfo").path("storage").path("path").asText());
    JsonNode year = alphaAfter.path("tocView").path("content").path(0);
    assertThat(year.path("action").asText()).isEqualTo("use_existing");
    assertThat(year.path("version").asText()).matches("[0-9A-F]{32}");
    assertThat(year.path("explicitIncluded").asBoolean()).isTrue();
    assertThat(packageOf(after, "Delta").path("importInfo").path("project").path("name").asText()).isEqualTo("Delta");
  }

  @Test
  void aFailingRebuildFailsFastAndTheGroupCanBeEditedAgain() {
    String id = built();

    putEdit(id, edit("Quarterly fail-create", configuration(), project(projectId('A'), "Alpha"),
        project(projectId('B'), "Beta")));
    groups.advance(Sandbox.CREATE, 5);
    assertThat(statuses(dev.group(id).orElseThrow(), "packageInfo"))
        .containsExactly("create_failed", "empty", "empty");

    putEdit(id, edit("Quarterly", configuration(), project(projectId('A'), "Alpha"), project(projectId('B'), "Beta")));
    groups.advance(Sandbox.CREATE, 3);
    JsonNode fixed = dev.group(id).orElseThrow();
    assertThat(statuses(fixed, "packageInfo")).containsOnly("created");
    assertThat(fixed.path("version").asText()).isEqualTo("3");
    assertThat(groups.patchDev(id, "importRequestStatus", "requested").path("importRequestStatus").asText())
        .isEqualTo("requested");
  }

  @Test
  void aRejectedGroupCanBeEditedAndStaysRejected() {
    String id = built();
    groups.patchDev(id, "importRequestStatus", "requested");
    groups.patchDev(id, "importRequestStatus", "rejected");

    ObjectNode answer = putEdit(id, edit("Quarterly", project(projectId('A'), "Alpha")));

    assertThat(answer.path("importRequestStatus").asText()).isEqualTo("rejected");
    groups.advance(Sandbox.CREATE, 1);
    assertThat(statuses(groups.onDev(id), "packageInfo")).containsExactly("created");
  }

  // --- refusals: the state of the group ------------------------------------------------------------------

  @Test
  void aGroupStillBeingBuiltCannotBeEdited() {
    String id = groups.create(GroupSandbox.threeProjects("Quarterly"));
    groups.advance(Sandbox.CREATE, 1);
    JsonNode building = dev.group(id).orElseThrow();

    SimulatorError error = refusal(() -> putEdit(id, edit("Quarterly", configuration())));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).isEqualTo("Cannot edit migration group " + id + ": it has package status "
        + "'creating' (package " + packageIdOf(building, "Alpha") + " (project 'Alpha')), 'empty' (package "
        + packageIdOf(building, "Beta") + " (project 'Beta')), 'empty' (package " + packageIdOf(building, "Gamma")
        + " (project 'Gamma')); this needs package status 'created' or 'create_failed' for every package (wait until "
        + "the group's packages are built)");
    assertThat(dev.received(Endpoint.PUT_GROUP_EDIT)).isEqualTo(1);
    assertThat(dev.accepted(Endpoint.PUT_GROUP_EDIT)).isZero();
  }

  @Test
  void aRequestedOrApprovedGroupCannotBeEdited() {
    String id = built();
    groups.patchDev(id, "importRequestStatus", "requested");

    assertThat(refusal(() -> putEdit(id, edit("Quarterly", configuration()))).getMessage())
        .isEqualTo("Cannot edit migration group " + id + ": it has import request 'requested'; this needs import "
            + "request 'pending' or 'rejected' (reject the import request first)");
    groups.patchDev(id, "importRequestStatus", "approved");
    assertThat(refusal(() -> putEdit(id, edit("Quarterly", configuration()))).getMessage())
        .isEqualTo("Cannot edit migration group " + id + ": it has import request 'approved'; this needs import "
            + "request 'pending' or 'rejected' (an approved migration group can no longer be edited)");
    assertThat(statuses(groups.onDev(id), "packageInfo")).containsOnly("locked");
  }

  // --- refusals: the body ------------------------------------------------------------------------------

  @Test
  void thePackagesMustKeepTheRulesOfACreate() {
    assertRefused(body -> body.remove("name"), "ERR007", "Missing required field: name (the name of the migration "
        + "group)");
    assertRefused(body -> body.putArray("migrations"), "ERR006",
        "A migration group needs at least one package in migrations");
    assertRefused(body -> info(body, 1).put("type", "dossier"), "ERR006",
        "migrations[1].packageInfo.type 'dossier' is not supported: use 'project' or 'configuration'");
    assertRefused(body -> info(body, 1).remove("project"), "ERR007",
        "Missing required field: migrations[1].packageInfo.project.id (a project package names its source project)");
    assertRefused(body -> info(body, 1).put("purpose", "object_migration"), "ERR006",
        "migrations[1].packageInfo.purpose 'object_migration' (the package of project 'Alpha') is not a purpose of a "
            + "migration group's package: use 'migration_group' or 'migration_group_child', or leave it out");
    assertRefused(body -> ((ObjectNode) info(body, 1).path("tocView").path("content").path(0))
        .put("action", "overwrite"), "ERR006", "migrations[1].packageInfo.tocView.content[0].action 'overwrite' is "
        + "not a conflict action: use one of delete, force_replace, keep_both, replace, use_existing, use_newer, "
        + "use_older");
    assertRefused(body -> ((ObjectNode) info(body, 0).path("tocView")).putArray("content"), "ERR006",
        "migrations[0].packageInfo.tocView.content is empty");
  }

  @Test
  void bothPurposesOfAGroupPackageAreAccepted() {
    String id = built();
    ObjectNode alpha = project(projectId('A'), "Alpha");
    ((ObjectNode) alpha.get("packageInfo")).put("purpose", "migration_group"); // as the documented sample sends it

    putEdit(id, edit("Quarterly", alpha));
    groups.advance(Sandbox.CREATE, 1);

    assertThat(dev.group(id).orElseThrow().path("migrations").path(0).path("packageInfo").path("purpose").asText())
        .isEqualTo("migration_group_child");
  }

  @Test
  void aGroupHoldsAtMostTheMaximumNumberOfPackages() {
    GroupSandbox small = new GroupSandbox(new Sandbox(properties -> properties.setMaxGroupPackages(2)));
    String id = small.create(GroupSandbox.group("Two", project(projectId('A'), "Alpha"),
        project(projectId('B'), "Beta")));
    small.advance(Sandbox.CREATE, 2);

    SimulatorError error = refusal(() -> small.dev.putGroup(small.sandbox.devSession, id, edit("Three",
        project(projectId('A'), "Alpha"), project(projectId('B'), "Beta"), project(projectId('C'), "Gamma")), null));

    assertThat(error.getMessage()).isEqualTo("A migration group holds at most 2 packages; this one has 3");
  }

  // --- the import path ------------------------------------------------------------------------------------

  @Test
  void aReplicatedGroupIsStillImportedOnTheTarget() {
    String id = groups.approved(GroupSandbox.threeProjects("Quarterly"));

    ObjectNode answer = groups.prod.putGroup(groups.sandbox.prodSession, id, groups.replicaOf(id), null);

    assertThat(statuses(answer, "importInfo")).containsExactly("importing", "pending", "pending", "pending");
    assertThat(groups.prod.accepted(Endpoint.PUT_MIGRATION_GROUP)).isEqualTo(1);
    groups.advance(Sandbox.IMPORT, 4);
    assertThat(statuses(groups.onProd(id), "importInfo")).containsOnly("imported");
    assertThat(groups.prod.received(Endpoint.PUT_GROUP_EDIT)).isZero();
  }

  @Test
  void aReplicatedBodyOnTheSourceIsAnImportNotAnEdit() {
    String id = groups.approved(GroupSandbox.threeProjects("Quarterly"));

    SimulatorError error = refusal(() -> putEdit(id, groups.replicaOf(id)));

    assertThat(error.getMessage()).contains("is already imported here");
    assertThat(dev.received(Endpoint.PUT_MIGRATION_GROUP)).isEqualTo(1);
    assertThat(dev.received(Endpoint.PUT_GROUP_EDIT)).isZero();
    assertThat(groups.onDev(id).path("name").asText()).isEqualTo("Quarterly");
  }

  @Test
  void aGroupImportedOnTheTargetIsNotEditedThere() {
    String id = groups.imported(GroupSandbox.threeProjects("Quarterly"));

    SimulatorError asPut = refusal(() -> groups.prod.putGroup(groups.sandbox.prodSession, id,
        edit("Quarterly", configuration()), null));
    SimulatorError asEdit = refusal(() -> groups.prod.editGroup(groups.sandbox.prodSession, id,
        edit("Quarterly", configuration())));

    assertThat(asPut.getMessage()).as("the import path refuses it").contains("is already imported here");
    assertThat(asEdit.getMessage()).isEqualTo("Migration group " + id + " was imported here from its source "
        + "environment: edit it in the source environment");
    assertThat(statuses(groups.onProd(id), "importInfo")).containsOnly("imported");
  }

  @Test
  void anUnknownGroupIsNotFound() {
    SimulatorError error = refusal(() -> dev.editGroup(groups.sandbox.devSession, "A:B", edit("G", configuration())));

    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(error.getMessage()).isEqualTo("Migration group 'A:B' not found");
  }

  // ---------------------------------------------------------------------------------------------

  private void assertRefused(Consumer<ObjectNode> breakBody, String code, String message) {
    String id = built();
    ObjectNode body = edit("Quarterly edited", configuration(), project(projectId('A'), "Alpha"));
    breakBody.accept(body);

    SimulatorError error = refusal(() -> putEdit(id, body));

    assertThat(error.code()).as(message).isEqualTo(code);
    assertThat(error.getMessage()).startsWith(message);
    JsonNode untouched = groups.onDev(id);
    assertThat(untouched.path("name").asText()).isEqualTo("Quarterly");
    assertThat(untouched.path("migrations")).hasSize(4);
    assertThat(statuses(untouched, "packageInfo")).containsOnly("created");
  }

  private static ObjectNode info(ObjectNode body, int index) {
    return (ObjectNode) body.path("migrations").path(index).path("packageInfo");
  }

  /** The package of the project with that name, or the configuration package for "configuration". */
  private static JsonNode packageOf(JsonNode group, String projectName) {
    for (JsonNode migration : group.path("migrations")) {
      JsonNode packageInfo = migration.path("packageInfo");
      boolean configuration = "configuration".equals(packageInfo.path("type").asText());
      if ("configuration".equals(projectName) ? configuration
          : projectName.equals(packageInfo.path("project").path("name").asText())) {
        return migration;
      }
    }
    throw new AssertionError("no package for " + projectName + " in " + group);
  }

  private static String idOf(JsonNode group, String projectName) {
    return packageOf(group, projectName).path("id").asText();
  }

  private static String packageIdOf(JsonNode group, String projectName) {
    return packageOf(group, projectName).path("packageInfo").path("id").asText();
  }

  private static List<String> ids(JsonNode group) {
    List<String> ids = new ArrayList<>();
    group.path("migrations").forEach(m -> ids.add(m.path("id").asText()));
    return ids;
  }
}
