package dev.ferry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.Mockito.verify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code package-transfer}: the package comes from a source Library (by its migration or by package
 * id) or is handed to Ferry, goes to the target's shared file store, and is then approved and
 * imported as a migration of kind {@code transfer}; a refusal on the way ends it as failed.
 */
class PackageTransferModelTest extends ModelTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = coverageOf("package-transfer", 1.0);

  @Override
  List<String> models() {
    return List.of("package-transfer", "migration", "import-approval", "library-poll", "queue-slot");
  }

  ProcessInstance startTransfer(String sourceEnvironment, String sourceMigrationId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("sourceEnvironment", sourceEnvironment);
    variables.put("sourceMigrationId", sourceMigrationId);
    return start("package-transfer", variables);
  }

  void approveAndKeep(ProcessInstance transfer) {
    complete(transfer, "request-import", REQUESTER, Map.of());
    complete(transfer, "approve-import", APPROVER, Map.of("decision", "approved"));
    complete(transfer, "review-import", REQUESTER, Map.of("undo", false));
  }

  @Test
  void aPackageOfASourceMigrationIsDownloadedUploadedApprovedAndImported() {
    ProcessInstance transfer = startTransfer("dev", "M-9");
    ProcessInstance migration = called(transfer, "migration");
    assertThat(variable(migration, "kind")).isEqualTo("transfer");
    assertThat(variable(migration, "fileId")).isEqualTo("F-1");

    approveAndKeep(transfer);
    assertThat(transfer).isEnded().hasPassedInOrder("transfer-requested", "read-transfer-request", "transfer-valid",
        "package-origin", "describe", "describe-source", "download-package", "package-in-store", "create-shared-file",
        "upload-package", "transfer-migration", "transfer-ended");
    assertThat(variable(transfer, "outcome")).isEqualTo("imported");
    assertThat(library.calls).startsWith("readTransferRequest", "describeSource", "downloadPackage",
        "createSharedFile", "uploadPackage").doesNotContain("createPackage");
    verify(library.packageStore).discard("stored-1");
  }

  @Test
  void aPackageIsDownloadedByItsIdOrTakenFromFerrysStore() {
    ProcessInstance byId = startTransfer("dev", null);
    assertThat(byId).isWaitingAt("transfer-migration").hasPassed("download-package").hasNotPassed("describe-source");

    ProcessInstance handedIn = startTransfer(null, null);
    assertThat(handedIn).isWaitingAt("transfer-migration").hasPassedInOrder("package-origin", "package-in-store",
        "create-shared-file", "upload-package").hasNotPassed("download-package");
  }

  @Test
  void anInvalidRequestIsRefusedBeforeAnyLibraryCall() {
    library.invalid();
    ProcessInstance transfer = startTransfer("dev", "M-9");
    assertThat(transfer).isEnded().hasPassedInOrder("transfer-valid", "transfer-invalid", "transfer-refused");
    assertThat(variable(transfer, "outcome")).isEqualTo("invalid");
    assertThat(library.calls).containsExactly("readTransferRequest");
  }

  @Test
  void aRefusalOnTheSourceOrTheTargetEndsTheTransferAsFailed() {
    library.refuse("describeSource", "transfer-failed");
    ProcessInstance sourceRefused = startTransfer("dev", "M-9");
    assertThat(sourceRefused).isEnded().hasPassedInOrder("source-not-ready", "transfer-failed", "transfer-failed-end");
    assertThat(variable(sourceRefused, "failureMessage")).isEqualTo("The Library refused describeSource");

    library.refuse("createSharedFile", "transfer-failed");
    ProcessInstance fileRefused = startTransfer(null, null);
    assertThat(fileRefused).isEnded().hasPassed("file-refused", "transfer-failed-end").hasNotPassed("upload-package");

    library.refuse("createSharedFile", null);
    library.refuse("uploadPackage", "transfer-failed");
    ProcessInstance uploadRefused = startTransfer(null, null);
    assertThat(uploadRefused).isEnded().hasPassed("upload-refused", "transfer-failed-end")
        .hasNotPassed("transfer-migration");
    assertThat(variable(uploadRefused, "outcome")).isEqualTo("failed");
  }
}
