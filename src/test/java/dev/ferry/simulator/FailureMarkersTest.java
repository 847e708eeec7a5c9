package dev.ferry.simulator;

import static dev.ferry.simulator.Sandbox.projectPackage;
import static dev.ferry.simulator.Sandbox.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Markers in the package name make a phase fail or stall, so every failure path can be walked. */
class FailureMarkersTest {

  private static final Duration MUCH_LATER = Duration.ofMinutes(20);

  private final Sandbox sandbox = new Sandbox();

  @Test
  void failCreate() {
    String id = sandbox.create(projectPackage("Q3 report FAIL-CREATE"));

    sandbox.clock.advance(Sandbox.CREATE.minusSeconds(1));
    assertThat(status(sandbox.onDev(id), "packageInfo")).isEqualTo("creating");
    sandbox.clock.advance(Duration.ofSeconds(1));
    JsonNode failed = sandbox.onDev(id);

    assertThat(status(failed, "packageInfo")).isEqualTo("create_failed");
    assertThat(failed.path("packageInfo").path("progress").asInt()).isEqualTo(50);
    assertThat(failed.path("packageInfo").path("message").asText())
        .isEqualTo("Package creation failed: object 'Year' could not be serialized (simulated)");
  }

  @Test
  void stallCreate() {
    String id = sandbox.create(projectPackage("stall-create"));

    sandbox.clock.advance(MUCH_LATER);

    JsonNode stalled = sandbox.onDev(id);
    assertThat(status(stalled, "packageInfo")).isEqualTo("creating");
    assertThat(stalled.path("packageInfo").path("progress").asInt()).isEqualTo(50);
  }

  @Test
  void failImport() {
    String id = sandbox.imported(projectPackage("fail-import"));

    JsonNode failed = sandbox.onProd(id);

    assertThat(status(failed, "importInfo")).isEqualTo("import_failed");
    assertThat(failed.path("importInfo").path("message").asText()).startsWith("Import failed:").contains("(simulated)");
    assertThat(failed.path("importInfo").path("undoStorage").isEmpty()).isTrue();
    assertThat(status(sandbox.startImport(id), "importInfo")).as("a failed import may be retried").isEqualTo("importing");
  }

  @Test
  void stallImport() {
    String id = sandbox.imported(projectPackage("stall-import"));

    sandbox.clock.advance(MUCH_LATER);

    JsonNode stalled = sandbox.onProd(id);
    assertThat(status(stalled, "importInfo")).isEqualTo("importing");
    assertThat(stalled.path("importInfo").path("progress").asInt()).isEqualTo(50);
  }

  @Test
  void failUndo() {
    String id = undoStarted("fail-undo");

    sandbox.clock.advance(Sandbox.UNDO);

    JsonNode failed = sandbox.onProd(id);
    assertThat(status(failed, "importInfo")).isEqualTo("undo_failed");
    assertThat(failed.path("importInfo").path("message").asText())
        .startsWith("Undo failed:").contains("MicroStrategy Tutorial", "(simulated)");
  }

  @Test
  void stallUndo() {
    String id = undoStarted("stall-undo");

    sandbox.clock.advance(MUCH_LATER);

    JsonNode stalled = sandbox.onProd(id);
    assertThat(status(stalled, "importInfo")).isEqualTo("undoing");
    assertThat(stalled.path("importInfo").path("progress").asInt()).isEqualTo(50);
  }

  @Test
  void aMarkerForOnePhaseLeavesTheOthersAlone() {
    String id = sandbox.imported(projectPackage("fail-undo"));

    assertThat(status(sandbox.onDev(id), "packageInfo")).isEqualTo("locked");
    assertThat(status(sandbox.onProd(id), "importInfo")).isEqualTo("imported");
  }

  private String undoStarted(String name) {
    String id = sandbox.imported(projectPackage(name));
    sandbox.patchProd(id, "undoRequestStatus", "requested", null);
    sandbox.patchProd(id, "undoRequestStatus", "approved", Sandbox.TARGET_PROJECT);
    return id;
  }
}
