package dev.ferry.simulator;

import static dev.ferry.simulator.Sandbox.projectPackage;
import static dev.ferry.simulator.Sandbox.refusal;
import static dev.ferry.simulator.Sandbox.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** PATCH importRequestStatus on the source: requested → approved (locks the package) or rejected. */
class ImportRequestTest {

  private final Sandbox sandbox = new Sandbox();

  @Test
  void aBuiltPackageIsRequestedThenApprovedAndLocked() {
    String id = sandbox.create(projectPackage("Sales"));
    sandbox.clock.advance(Sandbox.CREATE);

    JsonNode requested = sandbox.patchDev(id, "importRequestStatus", "requested");
    assertThat(status(requested, "packageInfo")).isEqualTo("created");
    assertThat(requested.path("importInfo").path("importRequestStatus").asText()).isEqualTo("requested");

    JsonNode approved = sandbox.patchDev(id, "importRequestStatus", "approved");
    assertThat(approved).isEqualTo(Sandbox.json("""
        {
          "id": "%s",
          "packageInfo": {"id": "%s", "status": "locked", "progress": 100},
          "importInfo": {"id": "%s", "status": "pending", "importRequestStatus": "approved",
                         "undoRequestStatus": "pending", "progress": 0}
        }
        """.formatted(id, id.split(":")[0], id.split(":")[1])));
    assertThat(status(sandbox.onDev(id), "packageInfo")).isEqualTo("locked");
  }

  @Test
  void aPackageStillBeingBuiltCannotBeRequested() {
    String id = sandbox.create(projectPackage("Sales"));

    SimulatorError error = refusal(() -> sandbox.patchDev(id, "importRequestStatus", "requested"));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("package status 'creating'", "needs package status 'created'");
  }

  @Test
  void onlyARequestedImportCanBeApprovedOrRejected() {
    String id = sandbox.create(projectPackage("Sales"));
    sandbox.clock.advance(Sandbox.CREATE);

    for (String decision : new String[] {"approved", "rejected"}) {
      SimulatorError error = refusal(() -> sandbox.patchDev(id, "importRequestStatus", decision));
      assertThat(error.code()).isEqualTo("ERR006");
      assertThat(error.getMessage()).contains("import request 'pending'", "needs import request 'requested'");
    }
  }

  @Test
  void aRejectedImportCanBeRequestedAgain() {
    String id = sandbox.create(projectPackage("Sales"));
    sandbox.clock.advance(Sandbox.CREATE);
    sandbox.patchDev(id, "importRequestStatus", "requested");

    JsonNode rejected = sandbox.patchDev(id, "importRequestStatus", "rejected");

    assertThat(rejected.path("importInfo").path("importRequestStatus").asText()).isEqualTo("rejected");
    assertThat(status(rejected, "packageInfo")).isEqualTo("created");
    assertThat(sandbox.patchDev(id, "importRequestStatus", "requested")
        .path("importInfo").path("importRequestStatus").asText()).isEqualTo("requested");
  }

  @Test
  void anImportCannotBeRequestedTwiceNorAfterApproval() {
    String id = sandbox.create(projectPackage("Sales"));
    sandbox.clock.advance(Sandbox.CREATE);
    sandbox.patchDev(id, "importRequestStatus", "requested");

    assertThat(refusal(() -> sandbox.patchDev(id, "importRequestStatus", "requested")).getMessage())
        .contains("import request 'requested'");
    sandbox.patchDev(id, "importRequestStatus", "approved");
    assertThat(refusal(() -> sandbox.patchDev(id, "importRequestStatus", "requested")).getMessage())
        .contains("package status 'locked'", "import request 'approved'");
  }

  @Test
  void aPatchThatAsksForNothingKnownIsRefused() {
    String id = sandbox.create(projectPackage("Sales"));

    SimulatorError error = refusal(() -> sandbox.patchDev(id, "importRequestStatus", "done"));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(sandbox.dev.received(Endpoint.PATCH_OTHER)).isEqualTo(1);
  }
}
