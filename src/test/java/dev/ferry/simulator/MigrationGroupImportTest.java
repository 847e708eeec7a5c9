package dev.ferry.simulator;

import static dev.ferry.simulator.GroupSandbox.configuration;
import static dev.ferry.simulator.GroupSandbox.group;
import static dev.ferry.simulator.GroupSandbox.project;
import static dev.ferry.simulator.GroupSandbox.projectId;
import static dev.ferry.simulator.GroupSandbox.statuses;
import static dev.ferry.simulator.GroupSandbox.threeProjects;
import static dev.ferry.simulator.Sandbox.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PATCH (import request) on the source, PUT on the target, and DELETE of migration groups. */
class MigrationGroupImportTest {

  private final GroupSandbox groups = new GroupSandbox();
  private final Sandbox sandbox = groups.sandbox;

  @Test
  void theImportIsRequestedOnlyOnceEveryPackageIsBuilt() {
    String id = groups.create(threeProjects("Quarterly"));
    sandbox.clock.advance(Duration.ofSeconds(15));

    SimulatorError error = refusal(() -> groups.patchDev(id, "importRequestStatus", "requested"));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("package status 'creating'", "'empty'", "project 'Alpha'",
        "project 'Gamma'", "needs package status 'created' for every package");
    assertThat(groups.dev.received(Endpoint.PATCH_GROUP_IMPORT_REQUESTED)).isEqualTo(1);
    assertThat(groups.dev.accepted(Endpoint.PATCH_GROUP_IMPORT_REQUESTED)).isZero();
  }

  @Test
  void requestedThenApprovedLocksEveryPackage() {
    String id = groups.create(threeProjects("Quarterly"));
    groups.advance(Sandbox.CREATE, 4);

    assertThat(refusal(() -> groups.patchDev(id, "importRequestStatus", "approved")).getMessage())
        .contains("import request 'pending'", "needs import request 'requested'");
    JsonNode requested = groups.patchDev(id, "importRequestStatus", "requested");
    assertThat(requested.path("importRequestStatus").asText()).isEqualTo("requested");
    assertThat(requested.path("undoRequestStatus").asText()).isEqualTo("pending");
    assertThat(statuses(requested, "packageInfo")).containsOnly("created");
    assertThat(requested.path("migrations").path(0).path("packageInfo").path("progress").asDouble()).isEqualTo(100.0);
    assertThat(refusal(() -> groups.patchDev(id, "importRequestStatus", "requested")).getMessage())
        .contains("import request 'requested'");

    JsonNode approved = groups.patchDev(id, "importRequestStatus", "approved");

    assertThat(approved.path("importRequestStatus").asText()).isEqualTo("approved");
    assertThat(statuses(approved, "packageInfo")).containsExactly("locked", "locked", "locked", "locked");
    assertThat(statuses(approved, "importInfo")).containsOnly("pending");
    assertThat(statuses(groups.onDev(id), "packageInfo")).containsOnly("locked");
    assertThat(refusal(() -> groups.patchDev(id, "importRequestStatus", "rejected")).getMessage())
        .contains("import request 'approved'");
  }

  @Test
  void aRejectedImportCanBeRequestedAgain() {
    String id = groups.create(threeProjects("Quarterly"));
    groups.advance(Sandbox.CREATE, 4);

    assertThat(refusal(() -> groups.patchDev(id, "importRequestStatus", "rejected")).getMessage())
        .contains("import request 'pending'");
    groups.patchDev(id, "importRequestStatus", "requested");
    assertThat(groups.patchDev(id, "importRequestStatus", "rejected").path("importRequestStatus").asText())
        .isEqualTo("rejected");
    assertThat(statuses(groups.onDev(id), "packageInfo")).containsOnly("created");
    assertThat(groups.patchDev(id, "importRequestStatus", "requested").path("importRequestStatus").asText())
        .isEqualTo("requested");
  }

  @Test
  void aPatchMustAskForOneKnownChange() {
    String id = groups.create(threeProjects("Quarterly"));
    ObjectNode nested = Sandbox.JSON.createObjectNode();
    nested.putObject("importInfo").put("importRequestStatus", "requested");

    SimulatorError wrapped = refusal(() -> groups.dev.patchGroup(sandbox.devSession, id, nested));
    SimulatorError unknown = refusal(() -> groups.patchDev(id, "importRequestStatus", "done"));

    assertThat(wrapped.code()).isEqualTo("ERR006");
    assertThat(wrapped.getMessage()).contains("exactly one of importRequestStatus");
    assertThat(unknown.code()).isEqualTo("ERR006");
    assertThat(groups.dev.received(Endpoint.PATCH_GROUP_OTHER)).isEqualTo(2);
  }

  @Test
  void thePackagesAreImportedOneAfterAnother() {
    String id = groups.approved(threeProjects("Quarterly"));

    JsonNode answer = groups.startImport(id);

    assertThat(answer.path("id").asText()).isEqualTo(id);
    assertThat(answer.path("importRequestStatus").asText()).isEqualTo("approved");
    assertThat(answer.path("undoRequestStatus").asText()).isEqualTo("pending");
    assertThat(statuses(answer, "packageInfo")).containsOnly("locked");
    assertThat(statuses(answer, "importInfo")).containsExactly("importing", "pending", "pending", "pending");
    assertThat(answer.path("migrations").path(0).path("importInfo").path("groupId").asText())
        .isEqualTo(id.split(":")[1]);
    assertThat(answer.path("migrations").path(0).path("importInfo").path("progress").isDouble()).isTrue();

    sandbox.clock.advance(Duration.ofSeconds(20));
    JsonNode importing = groups.onProd(id);
    assertThat(statuses(importing, "importInfo")).containsExactly("imported", "importing", "pending", "pending");
    assertThat(importing.path("migrations").path(1).path("importInfo").path("progress").asDouble()).isEqualTo(33.0);

    groups.advance(Sandbox.IMPORT, 3);
    JsonNode imported = groups.onProd(id);
    assertThat(statuses(imported, "importInfo")).containsOnly("imported");
    assertThat(imported.path("migrations")).allSatisfy(m -> {
      assertThat(m.path("packageInfo").path("replicated").asBoolean()).isTrue();
      assertThat(m.path("importInfo").path("creator").path("name").asText()).isEqualTo("ferry");
      assertThat(m.path("importInfo").path("undoStorage").path("path").asText())
          .isEqualTo("mstr/shared/migrations/undo/" + m.path("id").asText().replace(':', '/') + ".mmp");
    });
    assertThat(statuses(groups.onDev(id), "importInfo")).as("the source keeps its own records")
        .containsOnly("pending");
    assertThat(groups.prod.group(id.split(":")[0])).hasValueSatisfying(g ->
        assertThat(g.path("migrations").path(1).path("packageInfo").has("tocView")).isTrue());
  }

  @Test
  void importFailsFast() {
    String id = groups.approved(group("Quarterly", configuration(), project(projectId('A'), "Alpha fail-import"),
        project(projectId('B'), "Beta")));
    groups.startImport(id);

    sandbox.clock.advance(Duration.ofMinutes(10));

    JsonNode group = groups.onProd(id);
    assertThat(statuses(group, "importInfo")).containsExactly("imported", "import_failed", "pending");
    assertThat(group.path("migrations").path(1).path("importInfo").path("message").asText())
        .contains("Import failed");
    assertThat(group.path("migrations").path(2).path("importInfo").path("progress").asDouble()).isZero();
  }

  @Test
  void everyPackageMustBeReplicated() {
    String id = groups.approved(threeProjects("Quarterly"));
    ObjectNode definition = groups.replicaOf(id);
    ((ObjectNode) definition.path("migrations").path(2).path("packageInfo")).put("replicated", false);

    SimulatorError error = refusal(() -> groups.prod.importGroup(sandbox.prodSession, id, definition, null));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("migrations[2]", "project 'Beta'", "is not replicated",
        "replicated set to true in every package");
    assertThat(groups.prod.groups()).isEmpty();
  }

  @Test
  void onlyAnApprovedGroupIsImported() {
    String id = groups.create(threeProjects("Quarterly"));
    groups.advance(Sandbox.CREATE, 4);
    groups.patchDev(id, "importRequestStatus", "requested");

    SimulatorError error = refusal(() -> groups.startImport(id));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("is not approved", "importRequestStatus 'requested'");
  }

  @Test
  void theReplicaKeepsTheGroupRulesAndItsId() {
    String id = groups.approved(threeProjects("Quarterly"));
    ObjectNode withoutContent = groups.dev.getGroup(sandbox.devSession, id, false);
    withoutContent.get("migrations").forEach(m -> ((ObjectNode) m.get("packageInfo")).put("replicated", true));

    assertThat(refusal(() -> groups.prod.importGroup(sandbox.prodSession, id, withoutContent, null)).getMessage())
        .contains("migrations[0].packageInfo.tocView");
    assertThat(refusal(() -> groups.prod.importGroup(sandbox.prodSession, "A:B", groups.replicaOf(id), null))
        .getMessage()).contains("does not match the migration group id in the path");
    assertThat(refusal(() -> groups.prod.importGroup(sandbox.prodSession, id, groups.replicaOf(id), "maybe"))
        .getMessage()).contains("generateUndo header must be 'true' or 'false'");
  }

  @Test
  void aGroupIsNotImportedTwice() {
    String id = groups.approved(threeProjects("Quarterly"));
    groups.startImport(id);

    assertThat(refusal(() -> groups.startImport(id)).getMessage())
        .contains("already imported here", "'importing'", "not imported a second time");
    groups.advance(Sandbox.IMPORT, 4);
    assertThat(refusal(() -> groups.startImport(id)).getMessage()).contains("'imported'");
    assertThat(groups.prod.accepted(Endpoint.PUT_MIGRATION_GROUP)).isEqualTo(1);
    assertThat(groups.prod.received(Endpoint.PUT_MIGRATION_GROUP)).isEqualTo(3);
  }

  @Test
  void aFailedImportMayBeImportedAgain() {
    String id = groups.approved(group("Quarterly", configuration(), project(projectId('A'), "Alpha fail-import")));
    groups.startImport(id);
    groups.advance(Sandbox.IMPORT, 2);

    JsonNode again = groups.startImport(id);

    assertThat(statuses(again, "importInfo")).containsExactly("importing", "pending");
  }

  @Test
  void generateUndoFalseLeavesNoUndoPackages() {
    String id = groups.approved(threeProjects("Quarterly"));
    groups.startImport(id, "false");
    groups.advance(Sandbox.IMPORT, 4);

    JsonNode imported = groups.onProd(id);

    assertThat(statuses(imported, "importInfo")).containsOnly("imported");
    assertThat(imported.path("migrations")).allSatisfy(m ->
        assertThat(m.path("importInfo").path("undoStorage").isEmpty()).isTrue());
    assertThat(refusal(() -> groups.patchProd(id, "undoRequestStatus", "requested")).getMessage())
        .contains("Undo is impossible", "generateUndo: false");
  }

  @Test
  void aGroupIsDeletedByItsPackageGroupId() {
    String id = groups.imported(threeProjects("Quarterly"));
    String packageGroupId = id.split(":")[0];

    groups.dev.deleteGroup(sandbox.devSession, packageGroupId);

    assertThat(groups.dev.group(id)).isEmpty();
    assertThat(refusal(() -> groups.onDev(id)).code()).isEqualTo("ERR004");
    assertThat(groups.prod.group(id)).as("deleted from each Library on its own").isPresent();
    SimulatorError again = refusal(() -> groups.dev.deleteGroup(sandbox.devSession, packageGroupId));
    assertThat(again.httpStatus()).isEqualTo(404);
    assertThat(again.code()).isEqualTo("ERR004");
    assertThat(refusal(() -> groups.dev.deleteGroup(sandbox.devSession, " ")).code()).isEqualTo("ERR007");
    groups.prod.deleteGroup(sandbox.prodSession, packageGroupId);
    assertThat(groups.prod.groups()).isEmpty();
    assertThat(groups.prod.accepted(Endpoint.DELETE_PACKAGE_GROUP)).isEqualTo(1);
  }
}
