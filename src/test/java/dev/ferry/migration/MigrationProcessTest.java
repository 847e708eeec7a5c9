package dev.ferry.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.FerryProperties;
import dev.ferry.library.Environments;
import dev.ferry.library.LibraryEnvironment;
import dev.ferry.simulator.Endpoint;
import dev.ferry.simulator.SimulatedLibrary;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of the {@code migration} model, against the simulated dev and prod Libraries. */
class MigrationProcessTest extends MigrationScenario {

  @Autowired Simulator simulator;
  @Autowired FerryProperties properties;
  @Autowired Environments environments;

  SimulatedLibrary dev() { return simulator.environment("dev"); }
  SimulatedLibrary prod() { return simulator.environment("prod"); }

  String targetStatus(ProcessInstance migration) {
    return prod().migration((String) variable(migration, "migrationId")).orElseThrow()
        .at("/importInfo/status").asText();
  }

  @Test
  void approvedMigrationIsImportedAndKeptWhenTheRequesterDoesNotUndo() {
    ProcessInstance migration = start(Requests.objectMigration("Sales dashboards"));

    assertThat(migration).isWaitingAt("approval");
    assertThat(approvalOf(migration)).isWaitingAt("request-import");
    assertThat(variable(migration, "packageStatus")).isEqualTo("created");
    assertThat(variable(migration, "progress")).isEqualTo(100);
    assertThat(variable(migration, "objectCount")).isEqualTo(2);
    assertThat(variable(migration, "actionCounts")).isEqualTo("replace: 1, use_existing: 1");
    assertThat((String) variable(migration, "summary")).contains("Sales dashboards").contains("replace: 1");
    assertThat(variable(migration, "undoPossible")).isEqualTo(true);

    requestAndApprove(migration);
    assertThat(migration).isWaitingAt("review-import");
    String migrationId = (String) variable(migration, "migrationId");
    assertThat(dev().migration(migrationId).orElseThrow().at("/importInfo/importRequestStatus").asText())
        .isEqualTo("approved");
    assertThat(targetStatus(migration)).isEqualTo("imported");
    assertThat(prod().migration(migrationId).orElseThrow().at("/packageInfo/replicated").asBoolean()).isTrue();
    assertThat(variable(migration, "importStatus")).isEqualTo("imported");
    assertThat(variable(migration, "importRequester")).isEqualTo(REQUESTER);
    assertThat(variable(migration, "importApprover")).isEqualTo(APPROVER);

    complete(migration, "review-import", REQUESTER, Map.of("undo", false));
    assertThat(migration).isEnded().hasPassedInOrder("read-request", "create-package", "wait-package-created",
        "summarize-package", "approval", "replicate-package", "wait-import-finished", "open-undo-window",
        "review-import", "imported", "migration-done");
    assertThat(variable(migration, "outcome")).isEqualTo("imported");
  }

  @Test
  void rejectedMigrationIsMarkedRejectedAtTheSourceAndNeverReachesTheTarget() {
    ProcessInstance migration = start(Requests.objectMigration("Rejected dashboards"));
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("approved", false, "comment", "not this week"));
    assertThat(approvalOf(migration)).as("the requester may still edit and resubmit").isWaitingAt("edit-package");
    complete(migration, "edit-package", REQUESTER, Map.of("resubmit", false));

    assertThat(migration).isEnded().hasPassed("rejected");
    assertThat(variable(migration, "outcome")).isEqualTo("rejected");
    assertThat(variable(migration, "comment")).isEqualTo("not this week");
    String migrationId = (String) variable(migration, "migrationId");
    assertThat(dev().migration(migrationId).orElseThrow().at("/importInfo/importRequestStatus").asText())
        .isEqualTo("rejected");
    assertThat(prod().migration(migrationId)).isEmpty();
  }

  @Test
  void failedPackageCreationEndsTheMigrationAsFailedWithTheLibrarysMessage() {
    ProcessInstance migration = start(Requests.objectMigration("Dashboards fail-create"));

    assertThat(migration).isEnded().hasPassed("create-failed").hasNotPassed("approval");
    assertThat(variable(migration, "outcome")).isEqualTo("failed");
    assertThat(variable(migration, "packageStatus")).isEqualTo("create_failed");
    assertThat((String) variable(migration, "failureMessage")).startsWith("Package creation failed on 'dev': ")
        .contains("simulated");
  }

  @Test
  void failedImportEndsTheMigrationAsFailedWithTheLibrarysMessage() {
    ProcessInstance migration = start(Requests.objectMigration("Dashboards fail-import"));
    requestAndApprove(migration);

    assertThat(migration).isEnded().hasPassed("import-failed").hasNotPassed("review-import");
    assertThat(variable(migration, "outcome")).isEqualTo("failed");
    assertThat(variable(migration, "importStatus")).isEqualTo("import_failed");
    assertThat((String) variable(migration, "failureMessage")).startsWith("Import failed on 'prod': ");
  }

  @Test
  void undoApprovedByASecondUserRestoresTheTarget() {
    ProcessInstance migration = start(Requests.objectMigration("Undo me"));
    requestAndApprove(migration);
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    assertThat(migration).isWaitingAt("approve-undo");

    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));

    assertThat(migration).isEnded().hasPassedInOrder("review-import", "approve-undo", "request-undo",
        "trigger-undo", "wait-undo-finished", "undone").hasPassed("undo", "undo-import");
    assertThat(variable(migration, "outcome")).isEqualTo("undone");
    assertThat(variable(migration, "undoRequester")).isEqualTo(REQUESTER);
    assertThat(variable(migration, "undoApprover")).isEqualTo(APPROVER);
    assertThat(targetStatus(migration)).isEqualTo("undo_success");
    assertThat(prod().accepted(Endpoint.PATCH_UNDO_APPROVED)).isPositive();
  }

  @Test
  void failedUndoEndsAsUndoFailedWithTheLibrarysMessage() {
    ProcessInstance migration = start(Requests.objectMigration("Dashboards fail-undo"));
    requestAndApprove(migration);
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));

    assertThat(migration).isEnded().hasPassed("undo-failed");
    assertThat(variable(migration, "outcome")).isEqualTo("undo_failed");
    assertThat(targetStatus(migration)).isEqualTo("undo_failed");
    assertThat((String) variable(migration, "failureMessage")).startsWith("Undo failed on 'prod': ");
  }

  @Test
  void refusedUndoGoesBackToTheReviewWithinTheSameWindow() {
    ProcessInstance migration = start(Requests.objectMigration("Undo refused"));
    requestAndApprove(migration);
    Date deadline = (Date) variable(migration, "undoDeadline");
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    complete(migration, "approve-undo", APPROVER, Map.of("approved", false, "comment", "keep it"));

    assertThat(migration).isWaitingAt("review-import");
    assertThat(variable(migration, "undoDeadline")).isEqualTo(deadline);
    assertThat(targetStatus(migration)).isEqualTo("imported");
  }

  @Test
  void keepBothPackageWarnsTheApproverAndOffersNoUndo() {
    ProcessInstance migration = start(Requests.objectMigration("Keep both", 3, "keep_both"));

    assertThat(variable(migration, "undoPossible")).isEqualTo(false);
    assertThat((String) variable(migration, "undoWarning")).contains("keep_both").contains("cannot be undone");
    requestAndApprove(migration);
    assertThat(migration).isWaitingAt("review-import");

    assertThatThrownBy(() -> complete(migration, "review-import", REQUESTER, Map.of("undo", true)))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("cannot be undone");
    assertThat(migration).isWaitingAt("review-import");

    complete(migration, "review-import", REQUESTER, Map.of("undo", false));
    assertThat(variable(migration, "outcome")).isEqualTo("imported");
  }

  @Test
  void closedUndoWindowEndsTheMigrationAsImported() {
    ProcessInstance migration = start(Requests.objectMigration("Window closes"));
    requestAndApprove(migration);
    assertThat(migration).isWaitingAt("review-import");

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(8).toMillis()));
    driver.runJobs(migration.getId());

    assertThat(migration).isEnded().hasPassed("undo-window-closed", "imported").hasNotPassed("approve-undo");
    assertThat(variable(migration, "outcome")).isEqualTo("imported");
  }

  @Test
  void pollingThatOutlastsTheTimeoutEndsAsTimedOutNamingTheAwaitedStatus() {
    ProcessInstance migration = runtime.startProcessInstanceByKey("migration", Map.of("request",
        org.camunda.spin.plugin.variable.SpinValues.jsonValue(Requests.objectMigration("Dashboards stall-create")
            .toString()).create()));
    driver.runJobs(migration.getId(), 4);
    assertThat(migration).isWaitingAt("wait-package-created");
    assertThat(variable(migration, "packageStatus")).isEqualTo("creating");

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(2).toMillis()));
    driver.runJobs(migration.getId());

    assertThat(migration).isEnded().hasPassed("create-timed-out");
    assertThat(variable(migration, "outcome")).isEqualTo("timed_out");
    assertThat((String) variable(migration, "failureMessage"))
        .contains("waiting for package status 'created' on the source").contains("'creating'");
  }

  /** Someone in both groups: authorization lets them approve, four eyes must still stop them. */
  String requesterAndApprover() {
    String id = "pat";
    if (identity.createUserQuery().userId(id).count() == 0) {
      identity.saveUser(identity.newUser(id));
      identity.createMembership(id, "ferry-requesters");
      identity.createMembership(id, "ferry-approvers");
    }
    return id;
  }

  @Test
  void requesterCannotApproveTheirOwnImportEvenWhenAlsoAnApprover() {
    String pat = requesterAndApprover();
    ProcessInstance migration = start(Requests.objectMigration("Four eyes"));
    complete(migration, "request-import", pat, Map.of());
    long approvalsBefore = dev().accepted(Endpoint.PATCH_IMPORT_APPROVED);

    assertThatThrownBy(() -> complete(migration, "approve-import", pat, Map.of("approved", true)))
        .hasRootCauseInstanceOf(AuthorizationException.class).hasMessageContaining("Four eyes")
        .hasMessageContaining("pat asked for this");
    assertThat(approvalOf(migration)).isWaitingAt("approve-import");
    assertThat(dev().accepted(Endpoint.PATCH_IMPORT_APPROVED)).isEqualTo(approvalsBefore);

    complete(migration, "approve-import", APPROVER, Map.of("approved", true));
    assertThat(migration).isWaitingAt("review-import");
  }

  @Test
  void requesterWithoutApproverRoleCannotApproveAtAll() {
    ProcessInstance migration = start(Requests.objectMigration("Only approvers"));
    complete(migration, "request-import", REQUESTER, Map.of());

    assertThatThrownBy(() -> complete(migration, "approve-import", REQUESTER, Map.of("approved", true)))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("'rita' does not have");
    assertThat(approvalOf(migration)).isWaitingAt("approve-import");
  }

  @Test
  void requesterCannotApproveTheirOwnUndo() {
    String pat = requesterAndApprover();
    ProcessInstance migration = start(Requests.objectMigration("Four eyes undo"));
    requestAndApprove(migration);
    complete(migration, "review-import", pat, Map.of("undo", true));

    assertThatThrownBy(() -> complete(migration, "approve-undo", pat, Map.of("approved", true)))
        .hasRootCauseInstanceOf(AuthorizationException.class).hasMessageContaining("Four eyes");
    assertThat(migration).isWaitingAt("approve-undo");
    assertThat(targetStatus(migration)).isEqualTo("imported");
  }

  @Test
  void approvalWithoutADecisionIsRefused() {
    ProcessInstance migration = start(Requests.objectMigration("No decision"));
    complete(migration, "request-import", REQUESTER, Map.of());

    assertThatThrownBy(() -> complete(migration, "approve-import", APPROVER, Map.of()))
        .hasMessageContaining("approved = true or false");
    assertThat(approvalOf(migration)).isWaitingAt("approve-import");
  }

  @Test
  void invalidRequestStartedDirectlyEndsAsInvalidWithTheReasons() {
    ObjectNode body = Requests.objectMigration("Bad");
    ((ObjectNode) body.at("/packageInfo/tocView/content/0")).put("action", "overwrite");
    ((ObjectNode) body.get("importInfo")).remove("project");
    ProcessInstance migration = start(body);

    assertThat(migration).isEnded().hasPassed("invalid").hasNotPassed("create-package");
    assertThat(variable(migration, "outcome")).isEqualTo("invalid");
    assertThat((String) variable(migration, "violations"))
        .contains("packageInfo.tocView.content[0].action: 'overwrite' is not a conflict action")
        .contains("importInfo.project.id: is required");
  }

  @Test
  void requestGivenAsPlainStringAndWithoutBusinessKeyAsTasklistStartsIt() {
    ProcessInstance migration = runtime.startProcessInstanceByKey("migration",
        Map.of("request", Requests.configurationMigration("As string").toString()));
    driver.runJobs(migration.getId());
    assertThat(approvalOf(migration)).isWaitingAt("request-import");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(migration.getId()).singleResult()
        .getBusinessKey()).as("found in Cockpit by package name").isEqualTo("As string");
  }

  @Test
  void configurationPackageAndProjectMergeGoThroughTheSameLifecycle() {
    for (ObjectNode body : new ObjectNode[] {Requests.configurationMigration("Security roles"),
        Requests.projectMerge("Merge Tutorial")}) {
      ProcessInstance migration = start(body);
      requestAndApprove(migration);
      complete(migration, "review-import", REQUESTER, Map.of("undo", true));
      complete(migration, "approve-undo", APPROVER, Map.of("approved", true));
      assertThat(variable(migration, "outcome")).as(body.at("/packageInfo/name").asText()).isEqualTo("undone");
    }
  }

  @Test
  void cleanupDeletesThePackageOnSourceAndTargetWhenEnabled() {
    properties.getCleanup().setDeletePackages(true);
    try {
      ProcessInstance migration = start(Requests.objectMigration("Clean up after"));
      requestAndApprove(migration);
      complete(migration, "review-import", REQUESTER, Map.of("undo", false));

      assertThat(migration).isEnded().hasPassed("delete-packages");
      String migrationId = (String) variable(migration, "migrationId");
      assertThat(dev().migration(migrationId)).isEmpty();
      assertThat(prod().migration(migrationId)).isEmpty();
    } finally {
      properties.getCleanup().setDeletePackages(false);
    }
  }

  @Test
  void packagesAreKeptByDefault() {
    ProcessInstance migration = start(Requests.objectMigration("Keep packages"));
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("approved", false));
    complete(migration, "edit-package", REQUESTER, Map.of("resubmit", false));

    assertThat(migration).isEnded().hasNotPassed("delete-packages");
    assertThat(dev().migration((String) variable(migration, "migrationId"))).isPresent();
  }

  @Test
  void libraryOutageBecomesAnIncidentWithoutLosingTheApprovalAndARetryFinishesTheMigration() {
    LibraryEnvironment prod = environments.get("prod");
    environments.register(new LibraryEnvironment("flaky", "Flaky prod", "http://127.0.0.1:1", prod.username(),
        prod.password(), 1));
    ObjectNode body = Requests.objectMigration("Outage");
    ((ObjectNode) body.at("/importInfo/environment")).put("id", "flaky");
    properties.getValidation().setEnabled(false); // this test is about the import; validation would stop earlier
    ProcessInstance migration;
    try {
      migration = start(body);
    } finally {
      properties.getValidation().setEnabled(true);
    }
    requestAndApprove(migration);
    for (int retry = 0; retry < 3; retry++) {
      // failed jobs come back after the retry cycle's interval (R3/PT1S in tests)
      ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 2_000));
      driver.runJobs(migration.getId());
    }

    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(migration.getId())
        .singleResult();
    assertThat(incident).as("an incident once the retries are used up").isNotNull();
    assertThat(incident.getActivityId()).isEqualTo("replicate-package");
    assertThat(incident.getIncidentMessage()).contains("Library 'flaky'", "POST /api/auth/login",
        "could not reach http://127.0.0.1:1");
    assertThat(variable(migration, "importApprover")).as("the approval is kept").isEqualTo(APPROVER);
    assertThat(dev().migration((String) variable(migration, "migrationId")).orElseThrow()
        .at("/importInfo/importRequestStatus").asText()).isEqualTo("approved");

    environments.register(new LibraryEnvironment("flaky", "Flaky prod", prod.url(), prod.username(),
        prod.password(), 1));
    engine.getManagementService().setJobRetries(incident.getConfiguration(), 1);
    driver.runJobs(migration.getId());

    assertThat(migration).isWaitingAt("review-import");
    assertThat(targetStatus(migration)).isEqualTo("imported");
  }

  @Test
  void expiredLibrarySessionIsRenewedWithoutAnIncident() {
    ProcessInstance migration = start(Requests.objectMigration("Session expires"));
    dev().expireSessions();
    prod().expireSessions();
    requestAndApprove(migration);

    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(migration.getId()).count()).isZero();
    assertThat(migration).isWaitingAt("review-import");
  }

  @Test
  void packageOfFiveThousandObjectsGoesThroughTheWholeLifecycle() {
    ProcessInstance migration = start(Requests.objectMigration("Big package", 5000, "replace"));
    assertThat(variable(migration, "objectCount")).isEqualTo(5000);
    assertThat(variable(migration, "actionCounts")).isEqualTo("replace: 5000");

    requestAndApprove(migration);
    String migrationId = (String) variable(migration, "migrationId");
    assertThat(prod().migration(migrationId).orElseThrow().at("/packageInfo/tocView/content").size()).isEqualTo(5000);
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));
    assertThat(variable(migration, "outcome")).isEqualTo("undone");
  }
}
