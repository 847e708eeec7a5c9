package dev.ferry.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.ferry.engine.FerryProperties;
import dev.ferry.simulator.Endpoint;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The validation and creation queues ({@code ferry.queue.validations.max-concurrent},
 * {@code ferry.queue.creations.max-concurrent}): the same database queue as imports, waited for in
 * the called model {@code queue-slot}, with the engine's clock in the test's hand.
 */
class StepQueuesProcessTest extends MigrationScenario {

  static final Instant MONDAY = Instant.parse("2026-12-07T09:00:00Z");

  @Autowired Simulator simulator;
  @Autowired FerryProperties properties;
  @Autowired EnvironmentQueues queues;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void emptyQueues() {
    jdbc.update("DELETE FROM FERRY_QUEUE_SLOT");
    jdbc.update("DELETE FROM FERRY_QUEUE_ENTRY");
    ClockUtil.setCurrentTime(Date.from(MONDAY));
  }

  @AfterEach
  void noLimits() {
    properties.getQueue().getValidations().setMaxConcurrent(0);
    properties.getQueue().getCreations().setMaxConcurrent(0);
    properties.getQueue().getEnvironments().clear();
  }

  @Test
  void withLimitOneOnTheSourceTheSecondCreationStartsWhenTheFirstEnds() {
    creationsOnDev(1); // the source's own limit: ferry.queue.environments.dev.creations.max-concurrent
    ProcessInstance first = startWithoutRunningJobs("Create first");
    runUntil(first, id -> active(first).contains("wait-package-created"));
    long creations = simulator.environment("dev").accepted(Endpoint.POST_MIGRATION);

    ProcessInstance second = start(Requests.objectMigration("Create second"));
    assertThat(second).isWaitingAt("Activity_TakeCreationSlot").hasNotPassed("create-package");
    assertThat(runtime.getVariable(second.getId(), "queuePosition")).isEqualTo(1);
    assertThat(runtime.getVariable(second.getId(), "queueMessage"))
        .isEqualTo("waiting for Create first (creating the package)");
    assertThat(simulator.environment("dev").accepted(Endpoint.POST_MIGRATION)).isEqualTo(creations);

    driver.runJobs(first.getId()); // the first package is created: its slot is freed
    assertThat(first).isWaitingAt("approval");
    driver.runJobs(second.getId());
    assertThat(second).isWaitingAt("approval").hasPassed("create-package");
    assertThat(simulator.environment("dev").accepted(Endpoint.POST_MIGRATION)).isEqualTo(creations + 1);
    assertThat(passedInSlotWait(second)).as("woken by the freed slot, not by its retry timer")
        .contains("Event_SlotFreed").doesNotContain("Event_SlotRetry");
    assertThat(runtime.getVariable(second.getId(), "queuePosition")).isNull();
    assertThat(runtime.getVariable(second.getId(), "queueMessage")).isNull();
    assertThat(rows()).as("nothing left in the queue tables").isZero();
  }

  @Test
  void withLimitOneOnTheTargetTheSecondValidationStartsWhenTheFirstEnds() {
    properties.getQueue().getValidations().setMaxConcurrent(1);
    long validations = simulator.environment("prod").accepted(Endpoint.PUT_VALIDATION);
    ProcessInstance first = startWithoutRunningJobs("Validate first");
    runUntil(first, id -> approvalOf(first) != null && active(approvalOf(first)).contains("wait-validation"));

    ProcessInstance second = start(Requests.objectMigration("Validate second"));
    ProcessInstance waiting = approvalOf(second);
    assertThat(waiting).isWaitingAt("Activity_TakeValidationSlot").hasNotPassed("start-validation");
    assertThat(runtime.getVariable(second.getId(), "queuePosition")).as("shown on the migration").isEqualTo(1);
    assertThat(runtime.getVariable(second.getId(), "queueMessage")).isEqualTo("waiting for Validate first (validating)");
    assertThat(simulator.environment("prod").accepted(Endpoint.PUT_VALIDATION) - validations).isEqualTo(1);

    driver.runJobs(first.getId()); // the first validation finishes: its slot is freed
    assertThat(approvalOf(first)).isWaitingAt("request-import");
    driver.runJobs(second.getId());
    assertThat(waiting).isWaitingAt("request-import").hasPassed("start-validation", "wait-validation");
    assertThat(simulator.environment("prod").accepted(Endpoint.PUT_VALIDATION) - validations).isEqualTo(2);
    assertThat(variable(second, "validationStatus")).isEqualTo("validated");
    assertThat(runtime.getVariable(second.getId(), "queuePosition")).isNull();
    assertThat(rows()).isZero();
  }

  @Test
  void aFailedCreationFreesTheSlotForTheNext() {
    creationsOnDev(1);
    ProcessInstance failing = startWithoutRunningJobs("Create fails fail-create");
    runUntil(failing, id -> active(failing).contains("wait-package-created"));
    ProcessInstance next = start(Requests.objectMigration("Create after the failure"));
    assertThat(next).isWaitingAt("Activity_TakeCreationSlot");

    driver.runJobs(failing.getId());
    assertThat(failing).isEnded();
    assertThat(variable(failing, "outcome")).isEqualTo("failed");
    driver.runJobs(next.getId());
    assertThat(next).isWaitingAt("approval").hasPassed("create-package");
    assertThat(rows()).isZero();
  }

  @Test
  void aGroupWaitsForTheSourceToo() {
    creationsOnDev(1);
    ProcessInstance single = startWithoutRunningJobs("Create before the group");
    runUntil(single, id -> active(single).contains("wait-package-created"));
    ProcessInstance group = runtime.startProcessInstanceByKey("migration-group", "Quarter end created",
        Map.of("request", org.camunda.spin.plugin.variable.SpinValues.jsonValue(
            Requests.group("Quarter end created", "Tutorial", "Human Resources").toString()).create()));
    driver.runJobs(group.getId());
    ProcessInstance lifecycle = runtime.createProcessInstanceQuery().superProcessInstanceId(group.getId()).singleResult();
    assertThat(lifecycle).isWaitingAt("Activity_TakeCreationSlot");
    assertThat(runtime.getVariable(group.getId(), "queueMessage")).as("published up to the group")
        .isEqualTo("waiting for Create before the group (creating the package)");

    driver.runJobs(single.getId());
    driver.runJobs(group.getId());
    assertThat(lifecycle).isWaitingAt("approval").hasPassed("create-package");
    assertThat(runtime.getVariable(group.getId(), "queuePosition")).isNull();
  }

  @Test
  void deletingTheHolderFreesTheSlot() {
    creationsOnDev(1);
    ProcessInstance stuck = startWithoutRunningJobs("Create deleted");
    runUntil(stuck, id -> active(stuck).contains("wait-package-created"));
    ProcessInstance next = start(Requests.objectMigration("Create after the deletion"));
    assertThat(next).isWaitingAt("Activity_TakeCreationSlot");

    runtime.deleteProcessInstance(stuck.getId(), "cancelled by its requester");
    driver.runJobs(next.getId());
    assertThat(next).isWaitingAt("approval").hasPassed("create-package");
  }

  @Test
  void withoutALimitNothingWaitsAndNothingIsStored() {
    ProcessInstance migration = start(Requests.objectMigration("No limits"));
    assertThat(approvalOf(migration)).isWaitingAt("request-import").hasPassed("Activity_TakeValidationSlot");
    assertThat(migration).hasPassed("Activity_TakeCreationSlot", "create-package");
    for (String instance : slotWaits(migration)) {
      assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).list().stream()
          .map(HistoricActivityInstance::getActivityId).toList())
          .as("one try, granted at once").containsExactlyInAnyOrder("Event_SlotWanted", "Task_TrySlot", "Gateway_Slot",
              "Event_SlotTaken");
      assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).count())
          .as("never waited: no retry timer").isZero();
    }
    assertThat(slotWaits(migration)).as("the creation's and the validation's wait").hasSize(2);
    assertThat(rows()).as("no queue row written without a limit").isZero();
  }

  @Test
  void operatorsMoveAWaitingCreationUpAndReleaseAStuckOne() {
    creationsOnDev(1);
    ProcessInstance stuck = startWithoutRunningJobs("Create stuck");
    runUntil(stuck, id -> active(stuck).contains("wait-package-created"));
    ProcessInstance early = start(Requests.objectMigration("Create early"));
    ProcessInstance urgent = start(Requests.objectMigration("Create urgent"));
    assertThat(runtime.getVariable(urgent.getId(), "queuePosition")).isEqualTo(2);

    EnvironmentQueues.TargetQueue dev = queues.view(EnvironmentQueues.CREATIONS, List.of("dev")).get(0);
    assertThat(dev.maxConcurrent()).isEqualTo(1);
    assertThat(dev.running()).extracting(EnvironmentQueues.Running::businessKey).containsExactly("Create stuck");
    assertThat(dev.waiting()).extracting(EnvironmentQueues.Waiting::businessKey)
        .containsExactly("Create early", "Create urgent");

    assertThat(queues.moveUp("Create urgent", "admin")).contains(new EnvironmentQueues.Moved("creations", "dev", 1));
    assertThat((String) variable(urgent, "queueIntervention"))
        .startsWith("admin moved Create urgent up in the creation queue for dev: now 1 in line");
    assertThat(queues.releaseSlot("Create stuck", "admin")).contains(new EnvironmentQueues.Released("creations", "dev"));
    assertThat((String) variable(stuck, "queueIntervention")).startsWith("admin released the creation slot of Create stuck");

    assertThat(urgent).as("moved up, it takes the released slot").isWaitingAt("create-package");
    assertThat(early).isWaitingAt("Activity_TakeCreationSlot");
    driver.runJobs(urgent.getId());
    assertThat(urgent).isWaitingAt("approval");
    assertThat(early).as("woken when the urgent creation ended").isWaitingAt("create-package");
    driver.runJobs(early.getId());
    assertThat(early).isWaitingAt("approval");
  }

  // ------------------------------------------------------------------ helpers

  void creationsOnDev(int limit) {
    FerryProperties.EnvironmentQueue dev = new FerryProperties.EnvironmentQueue();
    dev.getCreations().setMaxConcurrent(limit);
    properties.getQueue().getEnvironments().put("dev", dev);
  }

  ProcessInstance startWithoutRunningJobs(String name) {
    return runtime.startProcessInstanceByKey("migration", name, Map.of("request",
        org.camunda.spin.plugin.variable.SpinValues.jsonValue(Requests.objectMigration(name).toString()).create()));
  }

  /** Runs the migration's jobs one by one until the condition holds (a step midway, before its poll). */
  void runUntil(ProcessInstance migration, Predicate<String> condition) {
    for (int i = 0; i < 100 && !condition.test(migration.getId()); i++) {
      Job job = driver.nextJob(migration.getId());
      if (job == null) {
        break;
      }
      engine.getManagementService().executeJob(job.getId());
    }
    assertThat(condition.test(migration.getId())).as("reached the step; the migration is at %s",
        runtime.getActiveActivityIds(migration.getId())).isTrue();
  }

  List<String> active(ProcessInstance instance) {
    return runtime.getActiveActivityIds(instance.getId());
  }

  /** The queue-slot instances the migration (and its approval) called. */
  List<String> slotWaits(ProcessInstance migration) {
    ProcessInstance approval = approvalOf(migration);
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("queue-slot").list().stream()
        .filter(p -> migration.getId().equals(p.getSuperProcessInstanceId())
            || approval != null && approval.getId().equals(p.getSuperProcessInstanceId()))
        .map(org.camunda.bpm.engine.history.HistoricProcessInstance::getId).toList();
  }

  List<String> passedInSlotWait(ProcessInstance migration) {
    return slotWaits(migration).stream().flatMap(id -> history.createHistoricActivityInstanceQuery()
        .processInstanceId(id).list().stream().map(HistoricActivityInstance::getActivityId)).toList();
  }

  int rows() {
    return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM FERRY_QUEUE_SLOT) + (SELECT COUNT(*) FROM FERRY_QUEUE_ENTRY)",
        Integer.class);
  }
}
