package dev.ferry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of {@code migration}, its Library steps stood in for: import, refusals, failures, time-outs, undo. */
class MigrationModelTest extends ModelTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = coverageOf("migration", 0.95);

  @Override
  List<String> models() {
    return List.of("migration", "import-approval", "library-poll", "queue-slot");
  }

  ProcessInstance startMigration() {
    return start("migration", Map.of());
  }

  ProcessInstance startTransfer() {
    return start("migration", Map.of("kind", "transfer", "packageId", "P-7", "fileId", "F-7"));
  }

  void approve(ProcessInstance migration) {
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
  }

  void askUndo(ProcessInstance migration) {
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
  }

  @Test
  void anApprovedPackageIsBuiltImportedAndKeptWhenTheRequesterDoesNotUndo() {
    ProcessInstance migration = startMigration();
    assertThat(migration).isWaitingAt("approval");
    assertThat(variable(migration, "packageStatus")).isEqualTo("created");

    approve(migration);
    assertThat(migration).isWaitingAt("review-import");
    assertThat(variable(migration, "importStatus")).isEqualTo("imported");
    assertThat(variable(migration, "importRequester")).isEqualTo(REQUESTER);
    assertThat(variable(migration, "importApprover")).isEqualTo(APPROVER);

    complete(migration, "review-import", REQUESTER, Map.of("undo", false));
    assertThat(migration).isEnded().hasPassedInOrder("read-request", "create-package", "wait-package-created",
        "summarize-package", "approval", "Task_EnqueueImport", "Task_TryImportSlot", "replicate-package",
        "wait-import-finished", "open-undo-window", "review-import", "imported", "migration-done");
    assertThat(migration).hasNotPassed("delete-packages", "undo-import");
    assertThat(variable(migration, "outcome")).isEqualTo("imported");
    assertThat(library.calls).containsExactly("readRequest", "createPackage", "startPolling",
        "checkStatus package-created=done", "summarizePackage", "setImportTarget", "startValidation", "markValidating",
        "startPolling", "checkStatus validation-finished=done", "patchImportInfo importRequestStatus=requested",
        "patchImportInfo importRequestStatus=approved", "enqueueImport", "tryImportSlot", "replicatePackage",
        "startPolling", "checkStatus import-finished=done");
  }

  @Test
  void anInvalidRequestEndsBeforeAnyLibraryCall() {
    library.invalid();
    ProcessInstance migration = startMigration();
    assertThat(migration).isEnded().hasPassedInOrder("read-request", "request-valid", "invalid", "migration-ended",
        "cleanup", "migration-done");
    assertThat(variable(migration, "outcome")).isEqualTo("invalid");
    assertThat(library.calls).containsExactly("readRequest");
  }

  @Test
  void aPackageTheLibraryFailsToBuildEndsTheMigrationAsFailed() {
    library.poll("package-created", "waiting", "failed");
    ProcessInstance migration = startMigration();
    assertThat(migration).isEnded().hasPassedInOrder("create-package", "wait-package-created", "package-created",
        "create-failed", "migration-done").hasNotPassed("summarize-package");
    assertThat(variable(migration, "outcome")).isEqualTo("failed");
    assertThat(variable(migration, "packageStatus")).isEqualTo("create_failed");
  }

  @Test
  void aPackageThatIsNeverBuiltTimesOut() {
    library.poll("package-created", "waiting", "waiting", "timed_out");
    ProcessInstance migration = startMigration();
    assertThat(migration).isEnded().hasPassedInOrder("wait-package-created", "create-timed-out", "migration-done");
    assertThat(variable(migration, "outcome")).isEqualTo("timed_out");
  }

  @Test
  void aRejectedPackageThatIsNotResubmittedEndsRejectedWithoutReachingTheTarget() {
    ProcessInstance migration = startMigration();
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "rejected", "comment", "not this week"));
    complete(migration, "edit-package", REQUESTER, Map.of("resubmit", false));
    assertThat(migration).isEnded().hasPassedInOrder("approval", "import-approved", "rejected", "migration-done")
        .hasNotPassed("replicate-package");
    assertThat(variable(migration, "outcome")).isEqualTo("rejected");
    assertThat(library.calls).doesNotContain("replicatePackage").contains("patchImportInfo importRequestStatus=rejected");
  }

  @Test
  void aFailedImportEndsTheMigrationAsFailed() {
    library.poll("import-finished", "waiting", "failed");
    ProcessInstance migration = startMigration();
    approve(migration);
    assertThat(migration).isEnded().hasPassedInOrder("replicate-package", "wait-import-finished", "import-finished",
        "import-failed", "migration-done").hasNotPassed("review-import");
    assertThat(variable(migration, "outcome")).isEqualTo("failed");
    assertThat(variable(migration, "importStatus")).isEqualTo("import_failed");
  }

  @Test
  void anImportThatNeverFinishesTimesOut() {
    library.poll("import-finished", "timed_out");
    ProcessInstance migration = startMigration();
    approve(migration);
    assertThat(migration).isEnded().hasPassedInOrder("wait-import-finished", "import-timed-out", "migration-done");
    assertThat(variable(migration, "outcome")).isEqualTo("timed_out");
  }

  @Test
  void theImportIsKeptWhenTheUndoWindowClosesUnanswered() {
    ProcessInstance migration = startMigration();
    approve(migration);
    Date deadline = (Date) variable(migration, "undoDeadline");
    assertThat(deadline).isCloseTo(new Date(ClockUtil.getCurrentTime().getTime() + 7L * 24 * 3600 * 1000), 60_000);

    ClockUtil.setCurrentTime(new Date(deadline.getTime() + 1000));
    driver.runJobs(migration.getId());
    assertThat(migration).isEnded().hasPassedInOrder("review-import", "undo-window-closed", "imported",
        "migration-done");
    assertThat(variable(migration, "outcome")).isEqualTo("imported");
  }

  @Test
  void anApprovedUndoCompensatesTheImportOnTheTarget() {
    ProcessInstance migration = startMigration();
    approve(migration);
    askUndo(migration);
    assertThat(migration).isWaitingAt("approve-undo");
    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));

    assertThat(migration).isEnded().hasPassedInOrder("review-import", "approve-undo", "undo-approved", "undo",
        "undo-import", "undo-started", "Event_WaitForUndoWindow", "request-undo", "trigger-undo", "wait-undo-finished",
        "undo-ended", "undo-result", "undone", "migration-done");
    assertThat(variable(migration, "outcome")).isEqualTo("undone");
    assertThat(variable(migration, "importStatus")).isEqualTo("undone");
    assertThat(variable(migration, "undoRequester")).isEqualTo(REQUESTER);
    assertThat(variable(migration, "undoApprover")).isEqualTo(APPROVER);
    assertThat(library.calls).endsWith("patchImportInfo undoRequestStatus=requested",
        "patchImportInfo undoRequestStatus=approved", "startPolling", "checkStatus undo-finished=done");
  }

  @Test
  void anUndoWaitsForTheTargetsWindowWhenUndoRespectsWindows() {
    Date opens = new Date(ClockUtil.getCurrentTime().getTime() + 3_600_000);
    org.mockito.Mockito.when(library.queues.undoStartsAt("prod")).thenReturn(opens);
    ProcessInstance migration = startMigration();
    approve(migration);
    askUndo(migration);
    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));
    assertThat(migration).isWaitingAt("Event_WaitForUndoWindow");
    assertThat(library.calls).doesNotContain("patchImportInfo undoRequestStatus=requested");

    ClockUtil.setCurrentTime(new Date(opens.getTime() + 1000));
    driver.runJobs(migration.getId());
    assertThat(migration).isEnded().hasPassed("request-undo", "trigger-undo", "undone");
  }

  @Test
  void anUndoTheLibraryFailsOrNeverFinishesIsReported() {
    library.poll("undo-finished", "failed");
    ProcessInstance failed = startMigration();
    approve(failed);
    askUndo(failed);
    complete(failed, "approve-undo", APPROVER, Map.of("approved", true));
    assertThat(failed).isEnded().hasPassedInOrder("wait-undo-finished", "undo-result", "undo-failed",
        "migration-done");
    assertThat(variable(failed, "outcome")).isEqualTo("undo_failed");

    library.poll("undo-finished", "waiting", "timed_out");
    ProcessInstance timedOut = startMigration();
    approve(timedOut);
    askUndo(timedOut);
    complete(timedOut, "approve-undo", APPROVER, Map.of("approved", true));
    assertThat(timedOut).isEnded().hasPassedInOrder("undo-result", "undo-timed-out", "migration-done");
    assertThat(variable(timedOut, "outcome")).isEqualTo("timed_out");
  }

  @Test
  void aRefusedUndoReturnsToTheReviewAndTheRequesterCannotApproveTheirOwnUndo() {
    ProcessInstance migration = startMigration();
    approve(migration);
    askUndo(migration);

    assertThatThrownBy(() -> complete(migration, "approve-undo", REQUESTER, Map.of("approved", true)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining(AuthorizationException.class.getName())
        .hasMessageContaining("Four eyes: rita asked for this and cannot also approve it");
    assertThat(migration).isWaitingAt("approve-undo");

    complete(migration, "approve-undo", APPROVER, Map.of("approved", false));
    assertThat(migration).isWaitingAt("review-import").hasNotPassed("undo-import");
    complete(migration, "review-import", REQUESTER, Map.of("undo", false));
    assertThat(variable(migration, "outcome")).isEqualTo("imported");
  }

  @Test
  void anImportWithoutAnUndoPackageCannotBeUndone() {
    ProcessInstance migration = startMigration();
    approve(migration);
    runtime.setVariable(migration.getId(), "undoPossible", false);

    assertThatThrownBy(() -> complete(migration, "review-import", REQUESTER, Map.of("undo", true)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("cannot be undone");
    assertThat(migration).isWaitingAt("review-import");
  }

  @Test
  void anUploadedPackageSkipsBuildingAndGoesStraightToApproval() {
    ProcessInstance migration = startTransfer();
    assertThat(migration).isWaitingAt("approval").hasPassed("package-origin", "summarize-package")
        .hasNotPassed("create-package");
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    assertThat(migration).isWaitingAt("review-import");
    assertThat(library.calls).doesNotContain("createPackage", "startValidation")
        .doesNotContain("patchImportInfo importRequestStatus=requested");
  }

  @Test
  void anImportWaitsForItsTimeAndForAFreeSlotOnTheTarget() {
    library.queue("scheduled", "busy", "busy");
    ProcessInstance migration = startMigration();
    approve(migration);
    assertThat(migration).isWaitingAt("Event_WaitForStartTime");

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 61_000));
    driver.runJobs(migration.getId());
    assertThat(migration).isWaitingAt("Gateway_WaitForSlot");

    runtime.createMessageCorrelation("import-slot-freed").processInstanceId(migration.getId()).correlate();
    driver.runJobs(migration.getId());
    assertThat(migration).isWaitingAt("Gateway_WaitForSlot");

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 61_000));
    driver.runJobs(migration.getId());
    assertThat(migration).isWaitingAt("review-import").hasPassedInOrder("Task_TryImportSlot", "Event_WaitForStartTime",
        "Task_TryImportSlot", "Event_ImportSlotFreed", "Task_TryImportSlot", "Event_WaitForSlot", "Task_TryImportSlot",
        "replicate-package");
  }

  @Test
  void packagesAreDeletedAtTheEndWhenCleanupIsOn() {
    library.properties.getCleanup().setDeletePackages(true);
    library.poll("package-created", "failed");
    ProcessInstance migration = startMigration();
    assertThat(migration).isEnded().hasPassedInOrder("create-failed", "cleanup", "delete-packages", "migration-done");
    assertThat(library.calls).endsWith("deletePackages");
  }
}
