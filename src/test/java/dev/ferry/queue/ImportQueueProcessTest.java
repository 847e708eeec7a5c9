package dev.ferry.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.ferry.engine.FerryProperties;
import dev.ferry.simulator.SimulatedLibrary;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The import queue in the {@code migration} model, with the engine's clock in the test's hand:
 * one import at a time per target, first approved first imported, maintenance windows, the
 * approver's "import at", and a lease that frees the slot of an import nobody follows any more.
 */
class ImportQueueProcessTest extends MigrationScenario {

  /** A Friday noon; the window below opens on Saturday at 01:00 in Berlin (00:00 UTC). */
  static final Instant FRIDAY_NOON = Instant.parse("2026-12-04T12:00:00Z");
  static final String SATURDAY_NIGHT = "SAT 01:00-05:00 Europe/Berlin";

  @Autowired Simulator simulator;
  @Autowired FerryProperties properties;
  @Autowired io.micrometer.core.instrument.MeterRegistry registry;

  SimulatedLibrary prod() { return simulator.environment("prod"); }

  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  /** Each test starts with an empty queue and the default limit: one import per target at a time. */
  @org.junit.jupiter.api.BeforeEach
  void emptyQueue() {
    jdbc.update("DELETE FROM FERRY_QUEUE_SLOT");
    jdbc.update("DELETE FROM FERRY_QUEUE_ENTRY");
    properties.getQueue().getImports().setMaxConcurrent(1);
  }

  @AfterEach
  void defaultQueue() {
    properties.getQueue().getEnvironments().clear();
    properties.getQueue().setUndoRespectsWindows(false);
    properties.getQueue().getImports().setMaxConcurrent(0); // as the test profile has it
  }

  @Test
  void twoApprovedTogetherImportOneAfterTheOther() {
    Queued queued = secondBehindFirst("Queue first", "Queue second");
    ProcessInstance first = queued.first();
    ProcessInstance second = queued.second();

    assertThat(second).isWaitingAt("Gateway_WaitForSlot");
    assertThat(runtime.getVariable(second.getId(), "queuePosition")).isEqualTo(1);
    assertThat(runtime.getVariable(second.getId(), "queueMessage")).isEqualTo("waiting for Queue first (importing, 0 %)");
    assertThat(importedAtTarget(second)).as("the second import has not reached the target").isFalse();

    driver.runJobs(first.getId()); // the first import's poll finds it imported and frees the slot
    assertThat(first).isWaitingAt("review-import");
    assertThat(second).as("woken by the freed slot, not by its timer").isNotWaitingAt("Gateway_WaitForSlot");

    driver.runJobs(second.getId());
    assertThat(second).isWaitingAt("review-import").hasPassedInOrder("Task_EnqueueImport", "Task_TryImportSlot",
        "Event_ImportSlotFreed", "Task_TryImportSlot", "replicate-package");
    assertThat(importedAtTarget(second)).isTrue();
    assertThat(runtime.getVariable(second.getId(), "queuePosition")).isNull();
    assertThat(runtime.getVariable(second.getId(), "queueMessage")).isNull();
    assertThat(registry.find("ferry.queue.wait").tag("target", "prod").timer()).isNotNull()
        .satisfies(wait -> assertThat(wait.count()).isGreaterThanOrEqualTo(2));
    assertThat(registry.find("ferry.queue.length").tag("target", "prod").gauge().value()).isZero();
  }

  @Test
  void aGroupWaitsInTheSameQueueAndShowsItOnTheGroup() {
    ProcessInstance first = start(Requests.objectMigration("Queue before the group"));
    ProcessInstance group = runtime.startProcessInstanceByKey("migration-group", "Quarter end queued",
        Map.of("request", org.camunda.spin.plugin.variable.SpinValues.jsonValue(
            Requests.group("Quarter end queued", "Tutorial", "Human Resources").toString()).create()));
    driver.runJobs(group.getId());
    ProcessInstance lifecycle = runtime.createProcessInstanceQuery().superProcessInstanceId(group.getId()).singleResult();
    complete(first, "request-import", REQUESTER, Map.of());
    complete(lifecycle, "request-import", REQUESTER, Map.of());
    approveWithoutRunningJobs(first, Map.of());
    runUntilTheImportIsFollowed(first);
    complete(lifecycle, "approve-import", APPROVER, Map.of("approved", true));

    assertThat(lifecycle).isWaitingAt("Gateway_WaitForSlot");
    assertThat(runtime.getVariable(group.getId(), "queuePosition")).as("published up to the group").isEqualTo(1);
    assertThat(runtime.getVariable(group.getId(), "queueMessage"))
        .isEqualTo("waiting for Queue before the group (importing, 0 %)");

    driver.runJobs(first.getId());
    driver.runJobs(group.getId());
    assertThat(lifecycle).isWaitingAt("review-import");
    assertThat(runtime.getVariable(group.getId(), "queuePosition")).isNull();
  }

  @Test
  void undoWaitsForTheWindowOnlyWhenConfiguredTo() {
    window("prod", SATURDAY_NIGHT);
    properties.getQueue().setUndoRespectsWindows(true);
    at(Instant.parse("2026-12-05T00:30:00Z")); // inside Saturday's window
    ProcessInstance migration = start(Requests.objectMigration("Undo in the window"));
    requestAndApprove(migration);
    assertThat(migration).isWaitingAt("review-import");

    at(Instant.parse("2026-12-05T09:00:00Z")); // the window closed at 05:00 Berlin time
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));
    assertThat(migration).isWaitingAt("Event_WaitForUndoWindow");

    at(Instant.parse("2026-12-12T00:00:00Z")); // next Saturday, 01:00 in Berlin
    driver.runJobs(migration.getId());
    assertThat(migration).isEnded();
    assertThat(variable(migration, "outcome")).isEqualTo("undone");
  }

  @Test
  void withoutALimitBothImportAtOnce() {
    properties.getQueue().getImports().setMaxConcurrent(0);
    Queued queued = approvedOneAfterTheOther("Unlimited first", "Unlimited second");

    assertThat(queued.second()).isWaitingAt("review-import");
  }

  @Test
  void aFailedImportFreesTheSlotForTheNext() {
    Queued queued = secondBehindFirst("Queue fail-import", "Queue after the failure");
    ProcessInstance first = queued.first();
    ProcessInstance second = queued.second();

    driver.runJobs(first.getId());
    driver.runJobs(second.getId());

    assertThat(first).isEnded();
    assertThat(variable(first, "outcome")).isEqualTo("failed");
    assertThat(second).isWaitingAt("review-import");
  }

  @Test
  void anImportApprovedOutsideTheWindowStartsAtTheWindowsOpening() {
    window("prod", SATURDAY_NIGHT);
    at(FRIDAY_NOON);
    ProcessInstance migration = start(Requests.objectMigration("Weekend release"));
    complete(migration, "request-import", REQUESTER, Map.of());
    assertThat((String) variable(approvalOf(migration), "importForecast"))
        .contains("starts at the earliest when SAT 01:00-05:00 Europe/Berlin opens, 2026-12-05T01:00+01:00");

    complete(migration, "approve-import", APPROVER, Map.of("approved", true));

    assertThat(migration).isWaitingAt("Event_WaitForStartTime");
    assertThat(runtime.getVariable(migration.getId(), "queueMessage"))
        .isEqualTo("waits for the window SAT 01:00-05:00 Europe/Berlin, opens 2026-12-05T01:00+01:00");
    assertThat(runtime.getVariable(migration.getId(), "queuePosition")).isEqualTo(1);

    at(Instant.parse("2026-12-04T23:59:00Z")); // a minute before the window opens
    driver.runJobs(migration.getId());
    assertThat(migration).isWaitingAt("Event_WaitForStartTime");
    assertThat(importedAtTarget(migration)).isFalse();

    at(Instant.parse("2026-12-05T00:00:00Z"));
    driver.runJobs(migration.getId());
    assertThat(migration).isWaitingAt("review-import");
    assertThat(importedAtTarget(migration)).isTrue();
    assertThat(startOfImport(migration)).isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
  }

  @Test
  void aChangedConfigurationAppliesToMigrationsAlreadyWaiting() {
    window("prod", SATURDAY_NIGHT);
    at(FRIDAY_NOON);
    ProcessInstance migration = start(Requests.objectMigration("Waits for a window that goes away"));
    requestAndApprove(migration);
    assertThat(migration).isWaitingAt("Event_WaitForStartTime");

    properties.getQueue().getEnvironments().clear(); // no windows: always open
    at(FRIDAY_NOON.plus(properties.getQueue().getRecheckInterval()));
    driver.runJobs(migration.getId());

    assertThat(migration).isWaitingAt("review-import");
  }

  @Test
  void theApproversImportAtIsHonoured() {
    at(FRIDAY_NOON);
    ProcessInstance migration = start(Requests.objectMigration("Import at three"));
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("approved", true, "importAt", "2026-12-04T16:00+01:00"));

    assertThat(migration).isWaitingAt("Event_WaitForStartTime");
    assertThat(runtime.getVariable(migration.getId(), "queueMessage"))
        .isEqualTo("waits for the chosen import time 2026-12-04T15:00Z");

    at(Instant.parse("2026-12-04T14:59:00Z"));
    driver.runJobs(migration.getId());
    assertThat(importedAtTarget(migration)).isFalse();

    at(Instant.parse("2026-12-04T15:00:00Z"));
    driver.runJobs(migration.getId());
    assertThat(migration).isWaitingAt("review-import");
    assertThat(startOfImport(migration)).isEqualTo(Instant.parse("2026-12-04T15:00:00Z"));
  }

  @Test
  void anImportTimeThatIsNoDateRefusesTheApprovalSayingWhatToSend() {
    ProcessInstance migration = start(Requests.objectMigration("Import at never"));
    complete(migration, "request-import", REQUESTER, Map.of());

    assertThatThrownBy(() -> complete(migration, "approve-import", APPROVER,
        Map.of("approved", true, "importAt", "next saturday")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("importAt 'next saturday' is not a date")
        .hasMessageContaining("2026-12-05T01:00+01:00");
    assertThat(approvalOf(migration)).isWaitingAt("approve-import");

    dev.ferry.support.FerryHttp.Answer refused = new dev.ferry.support.FerryHttp(port).post(APPROVER, APPROVER,
        "/engine-rest/task/" + task(migration, "approve-import").getId() + "/complete", "{\"variables\": {"
            + "\"approved\": {\"value\": true, \"type\": \"Boolean\"}, \"importAt\": {\"value\": \"next saturday\"}}}");
    assertThat(refused.status()).as("Tasklist and REST: the approver's mistake, not a server error").isEqualTo(400);
    assertThat(refused.json().at("/message").asText()).startsWith("importAt 'next saturday' is not a date");
    assertThat(approvalOf(migration)).isWaitingAt("approve-import");
  }

  @Test
  void aSlotWhoseLeaseRanOutGoesToTheNext() {
    at(FRIDAY_NOON);
    Queued queued = secondBehindFirst("Queue holder stall-import", "Queue behind a dead holder");
    ProcessInstance first = queued.first();
    ProcessInstance second = queued.second();

    // nobody follows the first import any more (its node died, its jobs are stuck): its lease runs out
    at(FRIDAY_NOON.plus(properties.getQueue().getLease()).plusSeconds(1));
    driver.runJobs(second.getId());

    assertThat(second).isWaitingAt("review-import");
  }

  @Test
  void deletingAWaitingOrImportingMigrationLeavesTheQueue() {
    Queued queued = secondBehindFirst("Queue deleted stall-import", "Queue after the deleted");
    ProcessInstance first = queued.first();
    ProcessInstance second = queued.second();

    runtime.deleteProcessInstance(first.getId(), "cancelled by an operator");
    driver.runJobs(second.getId());

    assertThat(second).isWaitingAt("review-import");
  }

  @Test
  void operatorsSeeTheQueueMoveAMigrationUpAndReleaseAStuckSlot() {
    ProcessInstance stuck = start(Requests.objectMigration("Operator stuck stall-import"));
    ProcessInstance early = start(Requests.objectMigration("Operator early"));
    ProcessInstance urgent = start(Requests.objectMigration("Operator urgent"));
    for (ProcessInstance migration : List.of(stuck, early, urgent)) {
      complete(migration, "request-import", REQUESTER, Map.of());
    }
    approveWithoutRunningJobs(stuck, Map.of());
    runUntilTheImportIsFollowed(stuck);
    complete(early, "approve-import", APPROVER, Map.of("approved", true));
    complete(urgent, "approve-import", APPROVER, Map.of("approved", true));
    dev.ferry.support.FerryHttp http = new dev.ferry.support.FerryHttp(port);

    com.fasterxml.jackson.databind.JsonNode prod = queueOf(http.get("admin", ADMIN_PASSWORD, "/ferry/api/queue").json());
    assertThat(prod.at("/maxConcurrent").asInt()).isEqualTo(1);
    assertThat(prod.at("/running/0/businessKey").asText()).isEqualTo("Operator stuck stall-import");
    assertThat(prod.at("/running/0/status").asText()).isEqualTo("importing, 0 %");
    assertThat(prod.at("/waiting/0/businessKey").asText()).isEqualTo("Operator early");
    assertThat(prod.at("/waiting/1/businessKey").asText()).isEqualTo("Operator urgent");
    assertThat(http.get(REQUESTER, REQUESTER, "/ferry/api/queue").status()).isEqualTo(403);
    assertThat(http.post(APPROVER, APPROVER, "/ferry/api/queue/Operator%20urgent/move-up", "").status()).isEqualTo(403);

    dev.ferry.support.FerryHttp.Answer moved = http.post("admin", ADMIN_PASSWORD,
        "/ferry/api/queue/Operator%20urgent/move-up", "");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().at("/position").asInt()).isEqualTo(1);
    assertThat(queueOf(http.get("admin", ADMIN_PASSWORD, "/ferry/api/queue").json()).at("/waiting/0/businessKey")
        .asText()).isEqualTo("Operator urgent");
    assertThat((String) variable(urgent, "queueIntervention")).startsWith("admin moved Operator urgent up in the "
        + "import queue for prod: now 1 in line");
    assertThat(http.post("admin", ADMIN_PASSWORD, "/ferry/api/queue/nobody/move-up", "").status()).isEqualTo(404);

    assertThat(http.delete("admin", ADMIN_PASSWORD, "/ferry/api/queue/slots/Operator%20stuck%20stall-import").status())
        .isEqualTo(200);
    assertThat((String) variable(stuck, "queueIntervention")).startsWith("admin released the import slot of "
        + "Operator stuck stall-import on prod");
    driver.runJobs(urgent.getId());
    assertThat(urgent).as("moved up, it takes the released slot first").isWaitingAt("review-import");
    assertThat(early).as("woken when the urgent import ended").isWaitingAt("Task_TryImportSlot");
    driver.runJobs(early.getId());
    assertThat(early).isWaitingAt("review-import");
    assertThat(http.delete("admin", ADMIN_PASSWORD, "/ferry/api/queue/slots/nobody").status()).isEqualTo(404);
  }

  static final String ADMIN_PASSWORD = "admin-secret-for-tests";
  @org.springframework.boot.test.web.server.LocalServerPort int port;

  static com.fasterxml.jackson.databind.JsonNode queueOf(com.fasterxml.jackson.databind.JsonNode all) {
    for (com.fasterxml.jackson.databind.JsonNode target : all.path("imports")) {
      if ("prod".equals(target.path("environment").asText())) {
        return target;
      }
    }
    throw new AssertionError("No queue for prod in " + all);
  }

  void window(String environment, String... windows) {
    FerryProperties.EnvironmentQueue queue = new FerryProperties.EnvironmentQueue();
    queue.setWindows(List.of(windows));
    properties.getQueue().getEnvironments().put(environment, queue);
  }

  static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  boolean importedAtTarget(ProcessInstance migration) {
    Object id = variable(migration, "migrationId");
    return id != null && prod().migration((String) id).isPresent();
  }

  /** When Ferry asked the target to import: the end of the replicate step, on the engine's clock. */
  Instant startOfImport(ProcessInstance migration) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(migration.getId())
        .activityId("replicate-package").singleResult().getEndTime().toInstant();
  }

  record Queued(ProcessInstance first, ProcessInstance second) {
  }

  /** Two approved migrations: the first importing (its import followed), the second waiting for the slot. */
  private Queued secondBehindFirst(String firstName, String secondName) {
    Queued queued = approvedOneAfterTheOther(firstName, secondName);
    assertThat(queued.second()).isWaitingAt("Gateway_WaitForSlot");
    return queued;
  }

  /** Two requested migrations; the first approved and its import followed, then the second approved. */
  private Queued approvedOneAfterTheOther(String firstName, String secondName) {
    ProcessInstance first = start(Requests.objectMigration(firstName));
    ProcessInstance second = start(Requests.objectMigration(secondName));
    complete(first, "request-import", REQUESTER, Map.of());
    complete(second, "request-import", REQUESTER, Map.of());
    approveWithoutRunningJobs(first, Map.of());
    runUntilTheImportIsFollowed(first);
    complete(second, "approve-import", APPROVER, Map.of("approved", true));
    return new Queued(first, second);
  }

  /** Completes approve-import as abe and leaves the jobs for the test to run. */
  void approveWithoutRunningJobs(ProcessInstance migration, Map<String, Object> more) {
    Task task = task(migration, "approve-import");
    identity.setAuthentication(APPROVER, List.of("ferry-approvers"));
    try {
      Map<String, Object> variables = new java.util.HashMap<>(more);
      variables.put("approved", true);
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Runs jobs until the import was asked for and its polling loop waits for the first poll. */
  void runUntilTheImportIsFollowed(ProcessInstance migration) {
    for (int i = 0; i < 50 && !runtime.getActiveActivityIds(migration.getId()).contains("wait-import-finished"); i++) {
      Job job = driver.nextJob(migration.getId());
      if (job == null) {
        break;
      }
      engine.getManagementService().executeJob(job.getId());
    }
    assertThat(migration).isWaitingAt("wait-import-finished");
  }
}
