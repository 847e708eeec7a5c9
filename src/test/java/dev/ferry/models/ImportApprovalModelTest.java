package dev.ferry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code import-approval}: validation (passed, refused, timed out, off), request and
 * four-eyes approval, changes requested, edit and rebuild (also failed or refused), withdrawal, the
 * edit window closing, and the uploaded package that cannot be edited.
 */
class ImportApprovalModelTest extends ModelTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = coverageOf("import-approval", 0.95);

  @Override
  List<String> models() {
    return List.of("import-approval", "library-poll", "queue-slot");
  }

  ProcessInstance startApproval(String kind) {
    Map<String, Object> variables = new HashMap<>(Map.of("kind", kind, "migrationId", "M-1",
        "packageName", "Sales dashboards", "packageStatus", "created", "purpose", "object_migration",
        "sourceEnvironment", "dev", "targetEnvironment", "prod"));
    return start("import-approval", variables);
  }

  @Test
  void aValidatedPackageIsRequestedAndApprovedAtTheLibrary() {
    ProcessInstance approval = startApproval("migration");
    assertThat(approval).isWaitingAt("request-import");
    assertThat(variable(approval, "validationStatus")).isEqualTo("validated");

    complete(approval, "request-import", REQUESTER, Map.of());
    complete(approval, "approve-import", APPROVER, Map.of("decision", "approved"));
    assertThat(approval).isEnded().hasPassedInOrder("approval-started", "validation-wanted", "validate",
        "wait-validation", "validation-finished", "validation-done", "edit-pending", "request-import", "edit-first",
        "request-at-library", "mark-requested", "approve-import", "decision", "approval-at-library", "mark-approved",
        "import-approved");
    assertThat(variable(approval, "approved")).isEqualTo(true);
    assertThat(library.calls).containsExactly("setImportTarget", "startValidation", "markValidating", "startPolling",
        "checkStatus validation-finished=done", "patchImportInfo importRequestStatus=requested",
        "patchImportInfo importRequestStatus=approved");
  }

  @Test
  void withValidationOffOrForAGroupTheTargetIsNotAsked() {
    library.properties.getValidation().setEnabled(false);
    ProcessInstance off = startApproval("migration");
    library.properties.getValidation().setEnabled(true);
    ProcessInstance group = startApproval("group");
    for (ProcessInstance approval : new ProcessInstance[] {off, group}) {
      assertThat(approval).isWaitingAt("request-import").hasPassed("validation-done").hasNotPassed("validate");
    }
    assertThat(library.calls).doesNotContain("startValidation");
  }

  @Test
  void aRefusedValidationGoesToApprovalAndApprovingItNeedsAnOverrideAndAReason() {
    library.refuse("startValidation", "validation-refused");
    ProcessInstance approval = startApproval("migration");
    assertThat(approval).isWaitingAt("request-import").hasPassedInOrder("set-import-target", "validation-refused",
        "validation-done").hasNotPassed("wait-validation");
    runtime.setVariable(approval.getId(), "validationStatus", "validation_failed");
    complete(approval, "request-import", REQUESTER, Map.of());

    assertThatThrownBy(() -> complete(approval, "approve-import", APPROVER, Map.of("decision", "approved")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("overrideValidation");
    complete(approval, "approve-import", APPROVER, Map.of("decision", "approved", "overrideValidation", true,
        "comment", "known difference in one prompt"));
    assertThat(approval).isEnded().hasPassed("import-approved");
    assertThat((String) variable(approval, "validationOverride")).startsWith("abe approved despite validation status "
        + "'validation_failed': known difference in one prompt");
  }

  @Test
  void aValidationThatNeverFinishesLeavesThePackageNotValidated() {
    library.poll("validation-finished", "waiting", "timed_out");
    ProcessInstance approval = startApproval("migration");
    assertThat(approval).isWaitingAt("request-import").hasPassedInOrder("wait-validation", "validation-timed-out",
        "validation-done");
    assertThat(variable(approval, "validationStatus")).isEqualTo("not_validated");
    assertThat((String) variable(approval, "validationMessage")).startsWith("The validation did not finish");
    assertThat(variable(approval, "failureMessage")).isNull();
  }

  @Test
  void theRequesterCannotApproveTheirOwnImport() {
    ProcessInstance approval = startApproval("migration");
    complete(approval, "request-import", REQUESTER, Map.of());
    assertThatThrownBy(() -> complete(approval, "approve-import", REQUESTER, Map.of("decision", "approved")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Four eyes");
    assertThat(approval).isWaitingAt("approve-import");
  }

  @Test
  void anImportTimeThatIsNoDateIsRefused() {
    ProcessInstance approval = startApproval("migration");
    complete(approval, "request-import", REQUESTER, Map.of());
    assertThatThrownBy(() -> complete(approval, "approve-import", APPROVER, Map.of("decision", "approved",
        "importAt", "next tuesday"))).isInstanceOf(ProcessEngineException.class).hasMessageContaining("importAt");
    assertThat(approval).isWaitingAt("approve-import");
  }

  @Test
  void aPackageSentBackIsEditedRebuiltAndApprovedAgain() {
    ProcessInstance approval = startApproval("migration");
    complete(approval, "request-import", REQUESTER, Map.of());
    assertThatThrownBy(() -> complete(approval, "approve-import", APPROVER, Map.of("decision", "changesRequested")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Say in the comment");
    complete(approval, "approve-import", APPROVER, Map.of("decision", "changesRequested",
        "comment", "drop the prompt"));
    assertThat(approval).isWaitingAt("edit-package");
    assertThat(variable(approval, "approverComment")).isEqualTo("drop the prompt");

    complete(approval, "edit-package", REQUESTER, Map.of("resubmit", true));
    assertThat(approval).isWaitingAt("approve-import").hasPassedInOrder("decision", "mark-sent-back", "to-edit",
        "read-package-content", "edit-package", "resubmit", "edit-ready", "apply-edit", "wait-package-rebuilt",
        "package-rebuilt", "summarize-edited-package", "validation-wanted", "validate", "validation-done",
        "edit-pending", "request-at-library", "mark-requested", "requested");
    complete(approval, "approve-import", APPROVER, Map.of("decision", "approved"));
    assertThat(approval).isEnded().hasPassed("import-approved");
    assertThat(library.calls).containsSubsequence("patchImportInfo importRequestStatus=rejected",
        "readPackageContent", "applyEdit", "checkStatus package-created=done", "summarizePackage",
        "patchImportInfo importRequestStatus=requested", "patchImportInfo importRequestStatus=approved");
  }

  @Test
  void aRebuildThatFailsOrAnEditTheLibraryRefusesReturnsToTheEdit() {
    library.poll("package-created", "failed");
    ProcessInstance approval = startApproval("migration");
    complete(approval, "request-import", REQUESTER, Map.of("editFirst", true));
    assertThat(approval).isWaitingAt("edit-package").hasPassed("edit-first").hasNotPassed("mark-requested");

    complete(approval, "edit-package", REQUESTER, Map.of("resubmit", true));
    assertThat(approval).isWaitingAt("edit-package").hasPassedInOrder("package-rebuilt", "note-rebuild-failed",
        "to-edit");
    assertThat((String) variable(approval, "editRefusal")).startsWith("The Library could not build the edited package");

    library.refuse("applyEdit", "edit-refused");
    runtime.setVariable(approval.getId(), "packageStatus", "create_failed");
    complete(approval, "edit-package", REQUESTER, Map.of("resubmit", true));
    assertThat(approval).isWaitingAt("edit-package").hasPassed("edit-refused");
  }

  @Test
  void aRejectedPackageThatIsNotResubmittedIsWithdrawn() {
    ProcessInstance approval = startApproval("migration");
    complete(approval, "request-import", REQUESTER, Map.of());
    complete(approval, "approve-import", APPROVER, Map.of("decision", "rejected", "comment", "not this week"));
    complete(approval, "edit-package", REQUESTER, Map.of("resubmit", false));
    assertThat(approval).isEnded().hasPassedInOrder("decision", "rejection-at-library", "mark-rejected",
        "to-edit", "edit-package", "resubmit", "import-withdrawn");
    assertThat(variable(approval, "approved")).isEqualTo(false);
  }

  @Test
  void aPackageNotResubmittedWithinTheEditWindowIsAbandoned() {
    ProcessInstance approval = startApproval("migration");
    complete(approval, "request-import", REQUESTER, Map.of("editFirst", true));
    assertThat(approval).isWaitingAt("edit-package");

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 15L * 24 * 3600 * 1000));
    driver.runJobs(approval.getId());
    assertThat(approval).isEnded().hasPassedInOrder("edit-package", "edit-window-closed", "edit-abandoned");
  }

  @Test
  void anEditMadeWhileTheRequestWaitsWithdrawsItAndRebuildsThePackage() {
    ProcessInstance beforeRequest = startApproval("migration");
    runtime.createMessageCorrelation("package-edited").processInstanceId(beforeRequest.getId()).correlate();
    driver.runJobs(beforeRequest.getId());
    assertThat(beforeRequest).isWaitingAt("request-import").hasPassedInOrder("edit-before-request", "edit-ready",
        "apply-edit", "wait-package-rebuilt", "summarize-edited-package");

    ProcessInstance waitingForApproval = startApproval("migration");
    complete(waitingForApproval, "request-import", REQUESTER, Map.of());
    runtime.createMessageCorrelation("package-edited").processInstanceId(waitingForApproval.getId()).correlate();
    driver.runJobs(waitingForApproval.getId());
    assertThat(waitingForApproval).isWaitingAt("approve-import").hasPassedInOrder("edit-while-waiting",
        "mark-withdrawn", "edit-ready", "apply-edit", "edit-pending", "request-at-library", "mark-requested");
  }

  @Test
  void anUploadedPackageIsDecidedInFerryAloneAndCannotBeSentBack() {
    ProcessInstance approved = startApproval("transfer");
    complete(approved, "request-import", REQUESTER, Map.of("editFirst", true));
    assertThat(approved).isWaitingAt("approve-import").hasPassed("requested").hasNotPassed("to-edit");
    assertThatThrownBy(() -> complete(approved, "approve-import", APPROVER, Map.of("decision", "changesRequested",
        "comment", "fix it"))).isInstanceOf(ProcessEngineException.class).hasMessageContaining("cannot be edited");
    complete(approved, "approve-import", APPROVER, Map.of("decision", "approved"));
    assertThat(approved).isEnded().hasPassed("import-approved").hasNotPassed("mark-approved");

    ProcessInstance rejected = startApproval("transfer");
    complete(rejected, "request-import", REQUESTER, Map.of());
    complete(rejected, "approve-import", APPROVER, Map.of("decision", "rejected", "comment", "wrong file"));
    assertThat(rejected).isEnded().hasPassedInOrder("rejection-at-library", "import-rejected")
        .hasNotPassed("mark-rejected", "edit-package");
    assertThat(library.calls).noneMatch(call -> call.startsWith("patchImportInfo"));
  }
}
