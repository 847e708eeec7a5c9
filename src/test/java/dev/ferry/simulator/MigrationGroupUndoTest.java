package dev.ferry.simulator;

import static dev.ferry.simulator.GroupSandbox.configuration;
import static dev.ferry.simulator.GroupSandbox.documentedRequest;
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

/** Undo of a migration group on the target: requested → approved → each package undone on its own. */
class MigrationGroupUndoTest {

  private final GroupSandbox groups = new GroupSandbox();
  private final Sandbox sandbox = groups.sandbox;

  @Test
  void onePackageFailingDoesNotStopTheOthers() {
    String id = groups.imported(group("Quarterly", configuration(), project(projectId('A'), "Alpha"),
        project(projectId('B'), "Beta fail-undo"), project(projectId('C'), "Gamma")));

    JsonNode requested = groups.patchProd(id, "undoRequestStatus", "requested");
    assertThat(requested.path("undoRequestStatus").asText()).isEqualTo("requested");
    assertThat(requested.path("importRequestStatus").asText()).isEqualTo("approved");
    assertThat(statuses(requested, "importInfo")).containsOnly("imported");

    JsonNode approved = groups.patchProd(id, "undoRequestStatus", "approved");
    assertThat(approved.path("undoRequestStatus").asText()).isEqualTo("approved");
    assertThat(statuses(approved, "importInfo")).containsExactly("undoing", "imported", "imported", "imported");
    assertThat(statuses(approved, "packageInfo")).containsOnly("locked");

    groups.advance(Sandbox.UNDO, 4);
    JsonNode undone = groups.onProd(id);
    assertThat(statuses(undone, "importInfo")).containsExactly("undo_success", "undo_success", "undo_failed",
        "undo_success");
    assertThat(undone.path("migrations").path(2).path("importInfo").path("message").asText())
        .contains("Undo failed");
    assertThat(groups.prod.accepted(Endpoint.PATCH_GROUP_UNDO_APPROVED)).isEqualTo(1);
  }

  @Test
  void anUndoWaitsForTheWholeImportAndItsRequest() {
    String id = groups.approved(threeProjects("Quarterly"));
    groups.startImport(id);
    sandbox.clock.advance(Duration.ofSeconds(20));

    assertThat(refusal(() -> groups.patchProd(id, "undoRequestStatus", "requested")).getMessage())
        .contains("import status 'importing'", "'pending'", "needs import status 'imported' for every package");
    assertThat(refusal(() -> groups.patchDev(id, "undoRequestStatus", "requested")).getMessage())
        .as("on the source nothing was imported").contains("import status 'pending'");
    groups.advance(Sandbox.IMPORT, 4);
    assertThat(refusal(() -> groups.patchProd(id, "undoRequestStatus", "approved")).getMessage())
        .contains("undo request 'pending'", "needs undo request 'requested'");
    groups.patchProd(id, "undoRequestStatus", "requested");
    assertThat(refusal(() -> groups.patchProd(id, "undoRequestStatus", "requested")).getMessage())
        .contains("undo request 'requested'");
  }

  @Test
  void keepBothLeavesNoUndoPackageSoTheGroupCannotBeUndone() {
    // The documented sample uses keep_both as the default action of both packages.
    String id = groups.imported(documentedRequest());

    JsonNode imported = groups.onProd(id);
    SimulatorError error = refusal(() -> groups.patchProd(id, "undoRequestStatus", "requested"));

    assertThat(statuses(imported, "importInfo")).containsOnly("imported");
    assertThat(imported.path("migrations")).allSatisfy(m ->
        assertThat(m.path("importInfo").path("undoStorage").isEmpty()).isTrue());
    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("Undo is impossible", "(configuration)", "project 'Category'",
        "'keep_both'");
  }

  @Test
  void onePackageWithKeepBothIsEnoughToRefuseTheUndo() {
    ObjectNode body = threeProjects("Quarterly");
    ((ObjectNode) body.path("migrations").path(2).path("packageInfo").path("tocView").path("content").path(0))
        .put("action", "keep_both");
    String id = groups.imported(body);

    JsonNode imported = groups.onProd(id);
    SimulatorError error = refusal(() -> groups.patchProd(id, "undoRequestStatus", "requested"));

    assertThat(imported.path("migrations").path(2).path("importInfo").path("undoStorage").isEmpty()).isTrue();
    assertThat(imported.path("migrations").path(3).path("importInfo").path("undoStorage").has("path")).isTrue();
    assertThat(error.getMessage()).contains("project 'Beta'", "'keep_both'").doesNotContain("Alpha", "Gamma");
    assertThat(imported.path("undoRequestStatus").asText()).isEqualTo("pending");
  }
}
