package dev.ferry.simulator;

import static dev.ferry.simulator.Sandbox.configurationPackage;
import static dev.ferry.simulator.Sandbox.projectPackage;
import static dev.ferry.simulator.Sandbox.refusal;
import static dev.ferry.simulator.Sandbox.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PUT on the target: the replicated, approved definition is imported once, leaving an undo package. */
class PackageImportTest {

  private final Sandbox sandbox = new Sandbox();
  private final SimulatedLibrary prod = sandbox.prod;

  @Test
  void theImportStartsWithTheDocumentedAnswer() {
    String id = sandbox.approved(projectPackage("Sales"));

    JsonNode answer = sandbox.startImport(id);

    assertThat(answer).isEqualTo(Sandbox.json("""
        {
          "id": "%s",
          "packageInfo": {"id": "%s", "status": "locked", "progress": 100},
          "importInfo": {"id": "%s", "status": "importing", "importRequestStatus": "approved",
                         "undoRequestStatus": "pending", "progress": 0}
        }
        """.formatted(id, id.split(":")[0], id.split(":")[1])));
  }

  @Test
  void theImportFinishesWithAnUndoPackage() {
    String id = sandbox.approved(projectPackage("Sales"));
    sandbox.startImport(id);

    sandbox.clock.advance(Duration.ofSeconds(6));
    JsonNode importing = sandbox.onProd(id);
    assertThat(status(importing, "importInfo")).isEqualTo("importing");
    assertThat(importing.path("importInfo").path("progress").asInt()).isEqualTo(40);

    sandbox.clock.advance(Duration.ofSeconds(9));
    JsonNode imported = sandbox.onProd(id);
    assertThat(status(imported, "importInfo")).isEqualTo("imported");
    assertThat(imported.path("importInfo").path("progress").asInt()).isEqualTo(100);
    assertThat(imported.path("importInfo").path("creator").path("name").asText()).isEqualTo("ferry");
    assertThat(imported.path("importInfo").path("undoStorage").path("size").asLong()).isPositive();
    assertThat(imported.path("importInfo").path("undoStorage").path("path").asText())
        .isEqualTo("mstr/shared/migrations/undo/" + id.replace(':', '/') + ".mmp");
    assertThat(imported.path("packageInfo").path("ferryNote").asText()).isEqualTo("kept as sent");
  }

  @Test
  void theDefinitionMustBeMarkedReplicated() {
    String id = sandbox.approved(projectPackage("Sales"));
    ObjectNode notReplicated = sandbox.dev.get(sandbox.devSession, id, true);

    SimulatorError error = refusal(() -> prod.importPackage(sandbox.prodSession, Sandbox.TARGET_PROJECT, id,
        notReplicated));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("replicated must be true");
  }

  @Test
  void onlyAnApprovedImportIsCarriedOut() {
    String id = sandbox.create(projectPackage("Sales"));
    sandbox.clock.advance(Sandbox.CREATE);
    sandbox.patchDev(id, "importRequestStatus", "requested");

    SimulatorError error = refusal(() -> prod.importPackage(sandbox.prodSession, Sandbox.TARGET_PROJECT, id,
        sandbox.replicaOf(id)));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("not approved", "'requested'");
  }

  @Test
  void theDefinitionMustCarryItsContent() {
    String id = sandbox.approved(projectPackage("Sales"));
    ObjectNode withoutContent = sandbox.onDev(id);
    ((ObjectNode) withoutContent.get("packageInfo")).put("replicated", true);

    SimulatorError error = refusal(() -> prod.importPackage(sandbox.prodSession, Sandbox.TARGET_PROJECT, id,
        withoutContent));

    assertThat(error.getMessage()).contains("showContent=all");
  }

  @Test
  void aProjectPackageNeedsTheProjectHeaderAndAConfigurationPackageRefusesIt() {
    String project = sandbox.approved(projectPackage("Sales"));
    String configuration = sandbox.approved(configurationPackage("Users"));

    assertThat(refusal(() -> prod.importPackage(sandbox.prodSession, null, project, sandbox.replicaOf(project)))
        .getMessage()).contains("X-MSTR-ProjectID", "required");
    assertThat(refusal(() -> prod.importPackage(sandbox.prodSession, Sandbox.TARGET_PROJECT, configuration,
        sandbox.replicaOf(configuration))).getMessage()).contains("X-MSTR-ProjectID", "must not be sent");
    assertThat(status(prod.importPackage(sandbox.prodSession, null, configuration, sandbox.replicaOf(configuration)),
        "importInfo")).isEqualTo("importing");
  }

  @Test
  void aPackageIsNeverImportedTwice() {
    String id = sandbox.approved(projectPackage("Sales"));
    sandbox.startImport(id);

    SimulatorError whileImporting = refusal(() -> sandbox.startImport(id));
    sandbox.clock.advance(Sandbox.IMPORT);
    SimulatorError onceImported = refusal(() -> sandbox.startImport(id));

    assertThat(whileImporting.code()).isEqualTo("ERR006");
    assertThat(whileImporting.getMessage()).contains("already imported", "'importing'");
    assertThat(onceImported.getMessage()).contains("already imported", "'imported'");
    assertThat(prod.received(Endpoint.PUT_MIGRATION)).isEqualTo(3);
    assertThat(prod.accepted(Endpoint.PUT_MIGRATION)).isEqualTo(1);
    assertThat(prod.migrations()).hasSize(1);
  }

  @Test
  void theIdInTheBodyMustMatchThePath() {
    String id = sandbox.approved(projectPackage("Sales"));
    String otherId = sandbox.approved(projectPackage("Other"));

    SimulatorError error = refusal(() -> prod.importPackage(sandbox.prodSession, Sandbox.TARGET_PROJECT, otherId,
        sandbox.replicaOf(id)));

    assertThat(error.getMessage()).contains("does not match");
  }

  @Test
  void sourceAndTargetMayBeTheSameLibrary() {
    String id = sandbox.approved(projectPackage("Sales"));

    sandbox.dev.importPackage(sandbox.devSession, Sandbox.TARGET_PROJECT, id, sandbox.replicaOf(id));
    sandbox.clock.advance(Sandbox.IMPORT);

    assertThat(status(sandbox.onDev(id), "importInfo")).isEqualTo("imported");
    assertThat(sandbox.dev.migrations()).hasSize(1);
  }
}
