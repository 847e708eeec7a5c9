package dev.ferry.simulator;

import static dev.ferry.simulator.FileSandbox.bytes;
import static dev.ferry.simulator.FileSandbox.fileMeta;
import static dev.ferry.simulator.FileSandbox.importBody;
import static dev.ferry.simulator.FileSandbox.readAll;
import static dev.ferry.simulator.Sandbox.refusal;
import static dev.ferry.simulator.Sandbox.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/migrations} with purpose {@code migration_from_shared_file_store}, then import and undo. */
class SharedFileImportTest {

  private static final byte[] CONTENT = bytes("the bytes of a downloaded package");

  private final Sandbox sandbox = new Sandbox();
  private final SimulatedLibrary prod = sandbox.prod;

  @AfterEach
  void deleteFiles() {
    sandbox.simulator.close();
  }

  @Test
  void anUploadedFileIsImportedAtOnceThenUndone() {
    ObjectNode file = FileSandbox.uploaded(sandbox, "ProjectMigration_success_upload", CONTENT, "project");
    String packageId = file.path("extraInfo").path("packageId").asText();

    ObjectNode started = prod.create(sandbox.prodSession, Sandbox.TARGET_PROJECT, importBody(file.path("id").asText()));
    String id = started.path("id").asText();

    assertThat(id).startsWith(packageId + ":").matches("[0-9A-F]{32}:[0-9A-F]{32}");
    assertThat(started.path("packageInfo").path("status").asText()).isEqualTo("locked");
    assertThat(started.path("packageInfo").path("progress").asInt()).isEqualTo(100);
    assertThat(status(started, "importInfo")).isEqualTo("importing");
    assertThat(started.path("importInfo").path("importRequestStatus").asText()).isEqualTo("approved");
    assertThat(started.path("importInfo").path("undoRequestStatus").asText()).isEqualTo("pending");
    assertThat(started.path("importInfo").path("progress").asInt()).isZero();
    assertThat(prod.accepted(Endpoint.POST_MIGRATION_FROM_SHARED_FILE)).isEqualTo(1);
    assertThat(prod.received(Endpoint.POST_MIGRATION)).isZero();

    sandbox.clock.advance(Sandbox.IMPORT);
    JsonNode imported = sandbox.onProd(id);
    JsonNode packageInfo = imported.path("packageInfo");
    assertThat(packageInfo.path("name").asText()).isEqualTo("ProjectMigration_success_upload");
    assertThat(packageInfo.path("replicated").asBoolean()).isTrue();
    assertThat(packageInfo.path("purpose").asText()).isEqualTo("migration_from_shared_file_store");
    assertThat(packageInfo.path("type").asText()).isEqualTo("project");
    assertThat(packageInfo.path("storage").path("size").asLong()).isEqualTo(CONTENT.length);
    assertThat(packageInfo.path("storage").path("path").asText()).isEqualTo(file.path("path").asText());
    assertThat(packageInfo.path("status").asText()).isEqualTo("locked");
    assertThat(status(imported, "importInfo")).isEqualTo("imported");
    assertThat(imported.path("importInfo").path("undoStorage").path("path").asText())
        .isEqualTo("mstr/shared/migrations/undo/" + packageId + "/" + id.split(":")[1] + ".mmp");
    assertThat(imported.path("importInfo").path("project").path("id").asText()).isEqualTo(Sandbox.TARGET_PROJECT);
    assertThat(imported.path("version").asText()).isEqualTo("2");

    sandbox.patchProd(id, "undoRequestStatus", "requested", null);
    assertThat(status(sandbox.patchProd(id, "undoRequestStatus", "approved", Sandbox.TARGET_PROJECT), "importInfo"))
        .isEqualTo("undoing");
    sandbox.clock.advance(Sandbox.UNDO);
    assertThat(status(sandbox.onProd(id), "importInfo")).isEqualTo("undo_success");
  }

  @Test
  void theImportedPackageDownloadsTheUploadedBytes() {
    ObjectNode file = FileSandbox.uploaded(sandbox, "Sales", CONTENT, "configuration");
    prod.create(sandbox.prodSession, null, importBody(file.path("id").asText()));

    Binary binary = prod.downloadPackage(sandbox.prodSession, file.path("extraInfo").path("packageId").asText());

    assertThat(binary.size()).isEqualTo(CONTENT.length);
    assertThat(readAll(binary)).isEqualTo(CONTENT);
  }

  @Test
  void failImportAndFailUndoInTheFileNameWork() {
    String failing = importOf(FileSandbox.uploaded(sandbox, "Sales fail-import", CONTENT, "project"));
    String undoFailing = importOf(FileSandbox.uploaded(sandbox, "Stock fail-undo", bytes("other"), "project"));
    sandbox.clock.advance(Sandbox.IMPORT);

    JsonNode failed = sandbox.onProd(failing);
    assertThat(status(failed, "importInfo")).isEqualTo("import_failed");
    assertThat(failed.path("importInfo").path("message").asText()).contains("Import failed");

    sandbox.patchProd(undoFailing, "undoRequestStatus", "requested", null);
    sandbox.patchProd(undoFailing, "undoRequestStatus", "approved", Sandbox.TARGET_PROJECT);
    sandbox.clock.advance(Sandbox.UNDO);
    assertThat(status(sandbox.onProd(undoFailing), "importInfo")).isEqualTo("undo_failed");
  }

  @Test
  void aProjectPackageNeedsTheProjectHeaderToImportAndToUndo() {
    ObjectNode file = FileSandbox.uploaded(sandbox, "Sales", CONTENT, "project_security");

    SimulatorError error = refusal(() -> prod.create(sandbox.prodSession, null, importBody(file.path("id").asText())));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("X-MSTR-ProjectID header is required");
    String id = prod.create(sandbox.prodSession, Sandbox.TARGET_PROJECT, importBody(file.path("id").asText()))
        .path("id").asText();
    sandbox.clock.advance(Sandbox.IMPORT);
    sandbox.patchProd(id, "undoRequestStatus", "requested", null);
    assertThat(refusal(() -> sandbox.patchProd(id, "undoRequestStatus", "approved", null)).getMessage())
        .contains("X-MSTR-ProjectID");
    assertThat(sandbox.onProd(id).path("packageInfo").path("type").asText()).isEqualTo("project_security");
  }

  @Test
  void aConfigurationPackageRefusesTheProjectHeader() {
    ObjectNode file = FileSandbox.uploaded(sandbox, "Users", CONTENT, "configuration");

    SimulatorError error = refusal(() -> prod.create(sandbox.prodSession, Sandbox.TARGET_PROJECT,
        importBody(file.path("id").asText())));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("must not be sent");
    String id = prod.create(sandbox.prodSession, null, importBody(file.path("id").asText())).path("id").asText();
    sandbox.clock.advance(Sandbox.IMPORT);
    sandbox.patchProd(id, "undoRequestStatus", "requested", null);
    assertThat(status(sandbox.patchProd(id, "undoRequestStatus", "approved", null), "importInfo")).isEqualTo("undoing");
  }

  @Test
  void aFileThatIsMissingOrNotUploadedCannotBeImported() {
    String notUploaded = prod.createFile(sandbox.prodSession, fileMeta("Sales", CONTENT, "project")).path("id")
        .asText();
    String onDev = sandbox.dev.createFile(sandbox.devSession, fileMeta("Sales", CONTENT, "project")).path("id")
        .asText();
    sandbox.dev.uploadFile(sandbox.devSession, onDev, new ByteArrayInputStream(CONTENT));

    SimulatorError pending = refusal(() -> prod.create(sandbox.prodSession, Sandbox.TARGET_PROJECT,
        importBody(notUploaded)));
    SimulatorError elsewhere = refusal(() -> prod.create(sandbox.prodSession, Sandbox.TARGET_PROJECT,
        importBody(onDev)));
    ObjectNode noId = importBody("x");
    ((ObjectNode) noId.path("packageInfo").path("storage").path("sharedFileStore").path("files")).remove("id");
    SimulatorError missing = refusal(() -> prod.create(sandbox.prodSession, Sandbox.TARGET_PROJECT, noId));

    assertThat(pending.httpStatus()).isEqualTo(400);
    assertThat(pending.code()).isEqualTo("ERR006");
    assertThat(pending.getMessage()).contains("has no binary yet");
    assertThat(elsewhere.code()).isEqualTo("ERR006");
    assertThat(elsewhere.getMessage()).contains("is not in the shared file store of this Library");
    assertThat(missing.code()).isEqualTo("ERR007");
    assertThat(missing.getMessage()).contains("packageInfo.storage.sharedFileStore.files.id");
    assertThat(prod.migrations()).isEmpty();
  }

  @Test
  void theTargetEnvironmentIsRequired() {
    ObjectNode file = FileSandbox.uploaded(sandbox, "Sales", CONTENT, "project");
    ObjectNode body = importBody(file.path("id").asText());
    ((ObjectNode) body.get("importInfo")).remove("environment");

    assertThat(refusal(() -> prod.create(sandbox.prodSession, Sandbox.TARGET_PROJECT, body)).getMessage())
        .contains("importInfo.environment is required");
  }

  @Test
  void aFileIsImportedOnceUnlessTheImportFailed() {
    ObjectNode file = FileSandbox.uploaded(sandbox, "Sales", CONTENT, "project");
    importOf(file);

    SimulatorError again = refusal(() -> importOf(file));

    assertThat(again.code()).isEqualTo("ERR006");
    assertThat(again.getMessage()).contains("already imported", "'importing'");

    ObjectNode failing = FileSandbox.uploaded(sandbox, "Stock fail-import", bytes("stock"), "project");
    String first = importOf(failing);
    sandbox.clock.advance(Sandbox.IMPORT);
    String second = importOf(failing);
    assertThat(second).isNotEqualTo(first);
    assertThat(prod.migration(first)).isEmpty();
    assertThat(status(sandbox.onProd(second), "importInfo")).isEqualTo("importing");
  }

  @Test
  void theFileAndThenTheMigrationRecordAreDeleted() {
    ObjectNode file = FileSandbox.uploaded(sandbox, "Sales", CONTENT, "project");
    String id = importOf(file);
    sandbox.clock.advance(Sandbox.IMPORT);

    prod.deleteFile(sandbox.prodSession, file.path("id").asText());
    assertThat(status(sandbox.onProd(id), "importInfo")).isEqualTo("imported");
    prod.delete(sandbox.prodSession, id.split(":")[0]);

    assertThat(prod.migration(id)).isEmpty();
    assertThat(prod.files()).isEmpty();
  }

  private String importOf(ObjectNode file) {
    return prod.create(sandbox.prodSession, Sandbox.TARGET_PROJECT, importBody(file.path("id").asText()))
        .path("id").asText();
  }
}
