package dev.ferry.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.ferry.engine.FerryProperties;
import dev.ferry.simulator.Endpoint;
import dev.ferry.simulator.SimulatedLibrary;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Validation on the target before approval: validated, failed (with and without an override), not possible. */
class ValidationProcessTest extends MigrationScenario {

  @Autowired Simulator simulator;
  @Autowired FerryProperties properties;

  SimulatedLibrary dev() { return simulator.environment("dev"); }
  SimulatedLibrary prod() { return simulator.environment("prod"); }

  String sourceValidation(ProcessInstance migration) {
    return dev().migration((String) variable(migration, "migrationId")).orElseThrow().at("/validation/status").asText();
  }

  @Test
  void aCreatedPackageIsValidatedOnTheTargetBeforeAnyoneIsAskedAndTheApproverSeesTheResult() {
    long validations = prod().accepted(Endpoint.PUT_VALIDATION);
    ProcessInstance migration = start(Requests.objectMigration("Validated dashboards"));

    ProcessInstance approval = approvalOf(migration);
    assertThat(approval).isWaitingAt("request-import").hasPassedInOrder("set-import-target", "start-validation", "mark-validating", "wait-validation");
    assertThat(variable(migration, "validationStatus")).as("published to the migration").isEqualTo("validated");
    assertThat(variable(approval, "validationStatus")).isEqualTo("validated");
    assertThat(variable(migration, "validationMessage")).isNull();
    assertThat(sourceValidation(migration)).isEqualTo("validated");
    assertThat(prod().accepted(Endpoint.PUT_VALIDATION) - validations).as("one validation on the target").isEqualTo(1);

    requestAndApprove(migration);
    assertThat(migration).isWaitingAt("review-import");
    assertThat(variable(migration, "importStatus")).isEqualTo("imported");
    assertThat(variable(migration, "validationOverride")).isNull();
  }

  @Test
  void afterAFailedValidationApprovingNeedsAnOverrideWithACommentWhichHistoryKeeps() {
    ProcessInstance migration = start(Requests.objectMigration("Dashboards fail-validation"));
    ProcessInstance approval = approvalOf(migration);
    assertThat(variable(migration, "validationStatus")).isEqualTo("validation_failed");
    assertThat((String) variable(migration, "validationMessage")).isNotBlank();
    complete(migration, "request-import", REQUESTER, Map.of());

    assertThatThrownBy(() -> complete(migration, "approve-import", APPROVER, Map.of("decision", "approved")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("validation on the target failed")
        .hasMessageContaining(String.valueOf(variable(migration, "validationMessage")))
        .hasMessageContaining("overrideValidation");
    assertThatThrownBy(() -> complete(migration, "approve-import", APPROVER,
        Map.of("decision", "approved", "overrideValidation", true)))
        .as("an override needs a reason").hasMessageContaining("say why in the comment");
    assertThat(approval).isWaitingAt("approve-import");
    assertThat(prod().migration((String) variable(migration, "migrationId"))).isEmpty();

    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved", "overrideValidation", true,
        "comment", "the conflicting object is replaced on purpose"));

    assertThat(migration).isWaitingAt("review-import");
    assertThat(variable(migration, "importStatus")).isEqualTo("imported");
    assertThat((String) variable(migration, "validationOverride"))
        .isEqualTo(APPROVER + " approved despite validation status 'validation_failed': the conflicting object is "
            + "replaced on purpose");
    assertThat(tasks.getProcessInstanceComments(approval.getId())).extracting(Comment::getFullMessage)
        .containsExactly((String) variable(migration, "validationOverride"));
  }

  @Test
  void afterAFailedValidationTheApproverMayStillRejectWithoutAnOverride() {
    ProcessInstance migration = start(Requests.objectMigration("Rejected fail-validation"));
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "rejected", "comment", "fix it first"));
    complete(migration, "edit-package", REQUESTER, Map.of("resubmit", false));

    assertThat(migration).isEnded().hasPassed("rejected");
    assertThat(variable(migration, "outcome")).isEqualTo("rejected");
    assertThat(variable(migration, "approverComment")).isEqualTo("fix it first");
  }

  @Test
  void aValidationThatNeverFinishesLeavesThePackageNotValidatedAndTheApproverWarned() {
    ProcessInstance migration = runtime.startProcessInstanceByKey("migration", "stalled validation", Map.of("request",
        org.camunda.spin.plugin.variable.SpinValues.jsonValue(Requests.objectMigration("Dashboards stall-validation")
            .toString()).create()));
    driver.runJobs(migration.getId(), 12);
    assertThat(approvalOf(migration)).isWaitingAt("wait-validation");
    assertThat(variable(migration, "validationStatus")).isEqualTo("validating");

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(5).toMillis()));
    driver.runJobs(migration.getId());

    assertThat(approvalOf(migration)).isWaitingAt("request-import").hasPassed("validation-timed-out");
    assertThat(variable(migration, "validationStatus")).isEqualTo("not_validated");
    assertThat((String) variable(migration, "validationMessage")).contains("The validation did not finish")
        .contains("validation status 'validated' or 'validation_failed'");
    assertThat(variable(migration, "failureMessage")).as("the migration itself did not fail").isNull();
    complete(migration, "request-import", REQUESTER, Map.of());
    assertThatThrownBy(() -> complete(migration, "approve-import", APPROVER, Map.of("approved", true)))
        .hasMessageContaining("could not be validated");
  }

  @Test
  void whenTheTargetRefusesToValidateThePackageGoesToApprovalNotValidatedWithTheLibrarysReason() {
    prod().limitValidations(0);
    try {
      ProcessInstance migration = start(Requests.objectMigration("Refused validation"));
      assertThat(approvalOf(migration)).isWaitingAt("request-import").hasPassed("validation-refused")
          .hasNotPassed("mark-validating", "wait-validation");
      assertThat(variable(migration, "validationStatus")).isEqualTo("not_validated");
      assertThat((String) variable(migration, "validationMessage")).startsWith("Ferry could not validate the package:")
          .contains("PUT /api/migrations/");
    } finally {
      prod().limitValidations(-1);
    }
  }

  @Test
  void withValidationSwitchedOffNothingIsValidated() {
    long validations = prod().received(Endpoint.PUT_VALIDATION);
    properties.getValidation().setEnabled(false);
    try {
      ProcessInstance migration = start(Requests.objectMigration("Unvalidated dashboards"));
      assertThat(approvalOf(migration)).isWaitingAt("request-import").hasNotPassed("validate");
      assertThat(variable(migration, "validationStatus")).isNull();
      requestAndApprove(migration);
      assertThat(migration).isWaitingAt("review-import");
    } finally {
      properties.getValidation().setEnabled(true);
    }
    assertThat(prod().received(Endpoint.PUT_VALIDATION)).isEqualTo(validations);
  }

  @Test
  void groupsAreNotValidated() {
    ProcessInstance group = runtime.startProcessInstanceByKey("migration-group", "unvalidated group", Map.of("request",
        org.camunda.spin.plugin.variable.SpinValues.jsonValue(Requests.group("Unvalidated group", "Tutorial")
            .toString()).create()));
    driver.runJobs(group.getId());
    ProcessInstance migration = runtime.createProcessInstanceQuery().superProcessInstanceId(group.getId())
        .singleResult();
    assertThat(approvalOf(migration)).isWaitingAt("request-import").hasNotPassed("validate");
  }
}
