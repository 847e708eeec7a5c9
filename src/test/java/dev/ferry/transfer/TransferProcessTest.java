package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.FerryProperties;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.simulator.SimulatedLibrary;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code package-transfer}: download from dev, upload to prod's shared file store, approval by a
 * second person, import, review and undo, through the same lifecycle as a migration.
 */
class TransferProcessTest extends MigrationScenario {

  @Autowired Simulator simulator;
  @Autowired MigrationsClient migrations;
  @Autowired FerryProperties properties;
  @Autowired PackageStore store;

  SimulatedLibrary prod() { return simulator.environment("prod"); }

  /** A built package on dev, made the way a requester's migration makes it. */
  String packageOnDev(String name) {
    Migration created = migrations.create(LibraryScope.of("dev", Requests.SOURCE_PROJECT),
        Requests.objectMigration(name));
    migrations.get(LibraryScope.of("dev", Requests.SOURCE_PROJECT), created.id(), false);
    return created.id();
  }

  ObjectNode fromDev(String migrationId) {
    ObjectNode request = new ObjectMapper().createObjectNode();
    request.putObject("source").put("environment", "dev").put("migrationId", migrationId);
    request.putObject("target").put("environment", "prod").putObject("project").put("id", Requests.TARGET_PROJECT);
    return request;
  }

  ProcessInstance startTransfer(ObjectNode request) {
    ProcessInstance transfer = runtime.startProcessInstanceByKey("package-transfer",
        Map.of("request", SpinValues.jsonValue(request.toString()).create()));
    driver.runJobs(transfer.getId());
    return transfer;
  }

  ProcessInstance lifecycle(ProcessInstance transfer) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(transfer.getId()).singleResult();
  }

  @Test
  void packageTravelsFromDevToProdIsApprovedImportedAndUndone() {
    ProcessInstance transfer = startTransfer(fromDev(packageOnDev("Sales transfer")));
    ProcessInstance migration = lifecycle(transfer);

    assertThat(transfer).hasPassedInOrder("read-transfer-request", "describe-source", "download-package",
        "create-shared-file", "upload-package");
    String fileId = (String) variable(transfer, "fileId");
    assertThat(prod().file(fileId)).hasValueSatisfying(f -> assertThat(f.path("existing").asBoolean()).isTrue());
    assertThat(variable(transfer, "packageSha256")).isEqualTo(prod().file(fileId).orElseThrow().path("sha256").asText());
    assertThat(store.exists((String) variable(transfer, "storedPackage"))).as("Ferry's copy is removed").isFalse();
    assertThat(approvalOf(migration)).isWaitingAt("request-import");
    assertThat((String) variable(migration, "summary")).contains("Sales transfer").contains("sha256");

    requestAndApprove(migration);
    assertThat(migration).isWaitingAt("review-import");
    String migrationId = (String) variable(transfer, "migrationId");
    assertThat(prod().migration(migrationId).orElseThrow().at("/importInfo/status").asText()).isEqualTo("imported");
    assertThat(prod().migration(migrationId).orElseThrow().at("/packageInfo/purpose").asText())
        .isEqualTo("migration_from_shared_file_store");

    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));
    assertThat(transfer).isEnded();
    assertThat(variable(transfer, "outcome")).isEqualTo("undone");
    assertThat(prod().migration(migrationId).orElseThrow().at("/importInfo/status").asText()).isEqualTo("undo_success");
  }

  @Test
  void rejectedTransferIsNeverImported() {
    ProcessInstance transfer = startTransfer(fromDev(packageOnDev("Not wanted")));
    ProcessInstance migration = lifecycle(transfer);
    complete(migration, "request-import", REQUESTER, Map.of());
    assertThatThrownBy(() -> complete(migration, "approve-import", APPROVER,
        Map.of("decision", "changesRequested", "comment", "smaller please")))
        .as("an uploaded package cannot be edited").hasMessageContaining("An uploaded package cannot be edited");
    complete(migration, "approve-import", APPROVER, Map.of("approved", false));

    assertThat(variable(transfer, "outcome")).as("no edit is offered: it ends").isEqualTo("rejected");
    assertThat(variable(transfer, "migrationId")).isNull();
  }

  @Test
  void anUploadedPackageIsNotValidated() {
    ProcessInstance transfer = startTransfer(fromDev(packageOnDev("Unvalidated upload")));
    ProcessInstance migration = lifecycle(transfer);
    assertThat(approvalOf(migration)).isWaitingAt("request-import").hasNotPassed("validate");
  }

  @Test
  void packageDamagedOnTheWayIsDeletedOnTheTargetAndTheTransferFails() {
    ProcessInstance transfer = startTransfer(fromDev(packageOnDev("Sales corrupt-upload")));

    assertThat(transfer).isEnded().hasPassed("upload-refused", "transfer-failed");
    assertThat(variable(transfer, "outcome")).isEqualTo("failed");
    assertThat((String) variable(transfer, "failureMessage")).contains("arrived damaged").contains("sha256")
        .contains("deleted there");
    assertThat(prod().file((String) variable(transfer, "fileId"))).as("nothing half-uploaded stays").isEmpty();
  }

  @Test
  void targetsCapOnUploadedPackagesEndsTheTransferWithTheLibrarysMessage() {
    prod().limitUploadedPackages(prod().files().size());
    try {
      ProcessInstance transfer = startTransfer(fromDev(packageOnDev("One too many")));

      assertThat(transfer).isEnded().hasPassed("file-refused").hasNotPassed("upload-package");
      assertThat(variable(transfer, "outcome")).isEqualTo("failed");
      assertThat((String) variable(transfer, "failureMessage")).startsWith("The target refused the package file")
          .contains("maxNumber");
      assertThat(store.exists((String) variable(transfer, "storedPackage"))).as("Ferry's copy is gone too").isFalse();
    } finally {
      prod().limitUploadedPackages(1000);
    }
  }

  @Test
  void failedImportEndsTheTransferAsFailed() {
    ProcessInstance transfer = startTransfer(fromDev(packageOnDev("Sales fail-import")));
    requestAndApprove(lifecycle(transfer));

    assertThat(variable(transfer, "outcome")).isEqualTo("failed");
    assertThat((String) variable(transfer, "failureMessage")).startsWith("Import failed on 'prod'");
  }

  @Test
  void downloadThatBreaksOffLeavesNoFileAndBecomesAnIncident() throws Exception {
    ProcessInstance transfer = startTransfer(fromDev(packageOnDev("Sales fail-download")));
    for (int retry = 0; retry < 3; retry++) {
      ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 2_000));
      driver.runJobs(transfer.getId());
    }

    assertThat(runtime.createIncidentQuery().processInstanceId(transfer.getId()).singleResult().getActivityId())
        .isEqualTo("download-package");
    try (var files = Files.list(Path.of(properties.getTransfer().getStore()))) {
      assertThat(files.map(Path::getFileName).map(Path::toString))
          .noneMatch(f -> f.startsWith(transfer.getId()));
    }
  }

  @Test
  void packageNotYetBuiltOnTheSourceIsRefused() {
    Migration creating = migrations.create(LibraryScope.of("dev", Requests.SOURCE_PROJECT),
        Requests.objectMigration("Still building stall-create"));
    ProcessInstance transfer = startTransfer(fromDev(creating.id()));

    assertThat(transfer).isEnded().hasPassed("source-not-ready");
    assertThat(variable(transfer, "outcome")).isEqualTo("failed");
    assertThat((String) variable(transfer, "failureMessage")).contains("is creating, not created");
  }

  @Test
  void cleanupDeletesTheUploadedFileThenTheMigrationRecord() {
    properties.getCleanup().setDeletePackages(true);
    try {
      ProcessInstance transfer = startTransfer(fromDev(packageOnDev("Clean transfer")));
      ProcessInstance migration = lifecycle(transfer);
      requestAndApprove(migration);
      complete(migration, "review-import", REQUESTER, Map.of("undo", false));

      assertThat(variable(transfer, "outcome")).isEqualTo("imported");
      assertThat(prod().file((String) variable(transfer, "fileId"))).isEmpty();
      assertThat(prod().migration((String) variable(transfer, "migrationId"))).isEmpty();
    } finally {
      properties.getCleanup().setDeletePackages(false);
    }
  }

  @Test
  void badTransferRequestEndsAsInvalid() {
    ObjectNode request = fromDev("ABC:DEF");
    ((ObjectNode) request.get("target")).put("environment", "staging");
    request.put("packageType", "cube");

    ProcessInstance transfer = startTransfer(request);
    assertThat(variable(transfer, "outcome")).isEqualTo("invalid");
    assertThat((String) variable(transfer, "violations")).contains("target.environment: 'staging'")
        .contains("packageType: 'cube' is not a package type");
  }
}
