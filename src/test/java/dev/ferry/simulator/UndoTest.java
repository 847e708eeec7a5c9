package dev.ferry.simulator;

import static dev.ferry.simulator.Sandbox.configurationPackage;
import static dev.ferry.simulator.Sandbox.json;
import static dev.ferry.simulator.Sandbox.projectPackage;
import static dev.ferry.simulator.Sandbox.refusal;
import static dev.ferry.simulator.Sandbox.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Undo on the target: requested → approved (with the target project) → undoing → undo_success. */
class UndoTest {

  private final Sandbox sandbox = new Sandbox();

  @Test
  void anImportIsUndoneAfterRequestAndApproval() {
    String id = sandbox.imported(projectPackage("Sales"));

    JsonNode requested = sandbox.patchProd(id, "undoRequestStatus", "requested", null);
    assertThat(status(requested, "importInfo")).isEqualTo("imported");
    assertThat(requested.path("importInfo").path("undoRequestStatus").asText()).isEqualTo("requested");

    JsonNode approved = sandbox.patchProd(id, "undoRequestStatus", "approved", Sandbox.TARGET_PROJECT);
    assertThat(status(approved, "importInfo")).isEqualTo("undoing");
    assertThat(approved.path("importInfo").path("undoRequestStatus").asText()).isEqualTo("approved");

    sandbox.clock.advance(Duration.ofSeconds(5));
    JsonNode undoing = sandbox.onProd(id);
    assertThat(status(undoing, "importInfo")).isEqualTo("undoing");
    assertThat(undoing.path("importInfo").path("progress").asInt()).isEqualTo(50);

    sandbox.clock.advance(Duration.ofSeconds(5));
    JsonNode undone = sandbox.onProd(id);
    assertThat(status(undone, "importInfo")).isEqualTo("undo_success");
    assertThat(undone.path("importInfo").path("progress").asInt()).isEqualTo(100);
  }

  @Test
  void approvingTheUndoOfAProjectPackageNeedsTheTargetProject() {
    String id = sandbox.imported(projectPackage("Sales"));
    sandbox.patchProd(id, "undoRequestStatus", "requested", null);

    SimulatorError error = refusal(() -> sandbox.patchProd(id, "undoRequestStatus", "approved", null));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("X-MSTR-ProjectID", "target project");
    assertThat(status(sandbox.onProd(id), "importInfo")).isEqualTo("imported");
  }

  @Test
  void aConfigurationPackageIsUndoneWithoutAProject() {
    String id = sandbox.imported(configurationPackage("Users"));
    sandbox.patchProd(id, "undoRequestStatus", "requested", null);

    assertThat(status(sandbox.patchProd(id, "undoRequestStatus", "approved", null), "importInfo"))
        .isEqualTo("undoing");
  }

  @Test
  void anUndoIsRequestedOnlyOnceTheImportIsDone() {
    String id = sandbox.approved(projectPackage("Sales"));
    sandbox.startImport(id);

    SimulatorError onTarget = refusal(() -> sandbox.patchProd(id, "undoRequestStatus", "requested", null));
    SimulatorError onSource = refusal(() -> sandbox.patchDev(id, "undoRequestStatus", "requested"));

    assertThat(onTarget.code()).isEqualTo("ERR006");
    assertThat(onTarget.getMessage()).contains("import status 'importing'", "needs import status 'imported'");
    assertThat(onSource.getMessage()).contains("import status 'pending'");
  }

  @Test
  void anUndoIsApprovedOnlyOnceRequestedAndRequestedOnlyOnce() {
    String id = sandbox.imported(projectPackage("Sales"));

    assertThat(refusal(() -> sandbox.patchProd(id, "undoRequestStatus", "approved", Sandbox.TARGET_PROJECT))
        .getMessage()).contains("undo request 'pending'", "needs undo request 'requested'");
    sandbox.patchProd(id, "undoRequestStatus", "requested", null);
    assertThat(refusal(() -> sandbox.patchProd(id, "undoRequestStatus", "requested", null)).getMessage())
        .contains("undo request 'requested'", "needs undo request 'pending'");
  }

  @Test
  void anUndoneImportIsNotImportedAgain() {
    String id = sandbox.imported(projectPackage("Sales"));
    sandbox.patchProd(id, "undoRequestStatus", "requested", null);
    sandbox.patchProd(id, "undoRequestStatus", "approved", Sandbox.TARGET_PROJECT);
    sandbox.clock.advance(Sandbox.UNDO);

    assertThat(refusal(() -> sandbox.startImport(id)).getMessage()).contains("'undo_success'");
  }

  static Stream<Arguments> keepBothRules() {
    return Stream.of(
        Arguments.of("default action", (Consumer<ObjectNode>) settings -> settings.put("defaultAction", "keep_both")),
        Arguments.of("folder action", (Consumer<ObjectNode>) settings -> settings.putArray("folderActions")
            .add(json("{\"id\": \"8D679D5111D3E4981000E787EC6DE8A4\", \"action\": \"keep_both\"}"))),
        Arguments.of("object type action", (Consumer<ObjectNode>) settings -> settings.putArray("objectTypeActions")
            .add(json("{\"type\": 1, \"subtype\": 256, \"action\": \"keep_both\"}"))),
        Arguments.of("object action", (Consumer<ObjectNode>) settings -> settings.putArray("objectActions")
            .add(json("{\"id\": \"8D679D5111D3E4981000E787EC6DE8A4\", \"action\": \"keep_both\"}"))));
  }

  @ParameterizedTest(name = "keep_both as {0}: imported without an undo package")
  @MethodSource("keepBothRules")
  void keepBothLeavesNoUndoPackageSoUndoIsRefused(String where, Consumer<ObjectNode> useKeepBoth) {
    ObjectNode body = projectPackage("Sales");
    useKeepBoth.accept((ObjectNode) body.path("packageInfo").path("tocView").path("settings"));
    String id = sandbox.imported(body);

    JsonNode imported = sandbox.onProd(id);
    SimulatorError error = refusal(() -> sandbox.patchProd(id, "undoRequestStatus", "requested", null));

    assertThat(status(imported, "importInfo")).isEqualTo("imported");
    assertThat(imported.path("importInfo").path("undoStorage").isEmpty()).isTrue();
    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("Undo is impossible", "keep_both");
  }

  @Test
  void keepBothOnOneContentEntryIsEnough() {
    ObjectNode body = projectPackage("Sales");
    ((ObjectNode) body.path("packageInfo").path("tocView").path("content").path(0)).put("action", "keep_both");

    String id = sandbox.imported(body);

    assertThat(sandbox.onProd(id).path("importInfo").path("undoStorage").isEmpty()).isTrue();
  }
}
