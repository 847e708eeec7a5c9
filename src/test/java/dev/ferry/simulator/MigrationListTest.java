package dev.ferry.simulator;

import static dev.ferry.simulator.Sandbox.projectPackage;
import static dev.ferry.simulator.Sandbox.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing, deleting, counting calls and resetting. */
class MigrationListTest {

  private final Sandbox sandbox = new Sandbox();
  private final SimulatedLibrary dev = sandbox.dev;

  @Test
  void migrationsAreListedPageByPageWithoutContent() {
    List<String> ids = List.of(sandbox.create(projectPackage("One")), sandbox.create(projectPackage("Two")),
        sandbox.create(projectPackage("Three")));

    JsonNode page = dev.list(sandbox.devSession, 1, 1);

    assertThat(page.path("total").asInt()).isEqualTo(3);
    assertThat(page.path("data")).hasSize(1);
    assertThat(page.path("data").path(0).path("id").asText()).isEqualTo(ids.get(1));
    assertThat(page.path("data").path(0).path("packageInfo").has("tocView")).isFalse();
    assertThat(dev.list(sandbox.devSession, 0, -1).path("data")).hasSize(3);
    assertThat(dev.list(sandbox.devSession, 5, 10).path("data")).isEmpty();
  }

  @Test
  void withoutAPurposeOnlyObjectMigrationsAreListedAsALibraryDoes() {
    String plain = sandbox.create(projectPackage("Plain"));
    com.fasterxml.jackson.databind.node.ObjectNode merge = projectPackage("Merged");
    ((com.fasterxml.jackson.databind.node.ObjectNode) merge.get("packageInfo")).put("purpose", "project_merge");
    String merged = sandbox.create(merge);

    assertThat(ids(dev.list(sandbox.devSession, 0, -1))).containsExactly(plain);
    assertThat(ids(dev.list(sandbox.devSession, 0, -1, "project_merge"))).containsExactly(merged);
    JsonNode both = dev.list(sandbox.devSession, 0, 10, "object_migration,project_merge");
    assertThat(ids(both)).containsExactly(plain, merged);
    assertThat(both.path("total").asInt()).isEqualTo(2);
    assertThat(refusal(() -> dev.list(sandbox.devSession, 0, 10, "migration_group")).getMessage())
        .contains("packageInfo.purpose 'migration_group' is not supported");
  }

  @Test
  void aPageHoldsAtMostAThousand() {
    assertThat(refusal(() -> dev.list(sandbox.devSession, 0, 1001)).getMessage())
        .contains("limit must be 1 to 1000, was 1001");
    assertThat(refusal(() -> dev.listGroups(sandbox.devSession, 0, 1001)).code()).isEqualTo("ERR006");
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new java.util.ArrayList<>();
    page.path("data").forEach(m -> ids.add(m.path("id").asText()));
    return ids;
  }

  @Test
  void deletingAPackageRemovesItsMigrationFromThatLibraryOnly() {
    String id = sandbox.imported(projectPackage("Sales"));

    dev.delete(sandbox.devSession, id.split(":")[0]);

    assertThat(refusal(() -> sandbox.onDev(id)).code()).isEqualTo("ERR004");
    assertThat(sandbox.onProd(id).path("id").asText()).isEqualTo(id);
  }

  @Test
  void deletingAnUnknownPackageIsNotFound() {
    SimulatorError error = refusal(() -> dev.delete(sandbox.devSession, "0123456789ABCDEF0123456789ABCDEF"));

    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(error.code()).isEqualTo("ERR004");
  }

  @Test
  void callsAreCountedAsReceivedAndAsAccepted() {
    String id = sandbox.imported(projectPackage("Sales"));
    refusal(() -> sandbox.patchDev(id, "importRequestStatus", "approved"));

    assertThat(dev.accepted(Endpoint.POST_MIGRATION)).isEqualTo(1);
    assertThat(dev.accepted(Endpoint.PATCH_IMPORT_REQUESTED)).isEqualTo(1);
    assertThat(dev.received(Endpoint.PATCH_IMPORT_APPROVED)).isEqualTo(2);
    assertThat(dev.accepted(Endpoint.PATCH_IMPORT_APPROVED)).isEqualTo(1);
    assertThat(sandbox.prod.accepted(Endpoint.PUT_MIGRATION)).isEqualTo(1);
    assertThat(sandbox.prod.accepted(Endpoint.PATCH_UNDO_APPROVED)).isZero();
  }

  @Test
  void theInspectionViewNeedsNoSessionAndShowsEverything() {
    String id = sandbox.create(projectPackage("Sales"));
    dev.expireSessions();

    assertThat(dev.migration(id)).hasValueSatisfying(record ->
        assertThat(record.path("packageInfo").has("tocView")).isTrue());
    assertThat(dev.migration("nope")).isEmpty();
    assertThat(dev.migrations()).hasSize(1);
  }

  @Test
  void resetForgetsEverything() {
    sandbox.create(projectPackage("Sales"));

    sandbox.simulator.reset();

    assertThat(dev.migrations()).isEmpty();
    assertThat(dev.activeSessions()).isZero();
    assertThat(dev.received(Endpoint.POST_MIGRATION)).isZero();
  }
}
