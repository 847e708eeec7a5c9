package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.ferry.simulator.SimulatedFaults;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A Library that errs, lags or refuses: retries absorb the passing trouble, the lasting kind becomes a readable incident. */
class LibraryTroubleTest extends MigrationScenario {

  @Autowired SimulatedFaults faults;

  @AfterEach
  void calm() {
    faults.clear();
  }

  void runWithRetries(ProcessInstance instance, int rounds) {
    for (int round = 0; round < rounds; round++) {
      driver.runJobs(instance.getId());
      ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 2_000));
    }
  }

  void completeAndRetry(ProcessInstance migration, String task, String user, Map<String, Object> variables) {
    complete(migration, task, user, variables);
    runWithRetries(migration, 4);
  }

  @Test
  void aLibraryFailingEveryFifthCallStillCompletesTheMigrationThroughRetries() {
    faults.set(0.2, Duration.ofMillis(20));
    ProcessInstance migration = runtime.startProcessInstanceByKey("migration", "Bumpy road",
        Map.of("request", SpinValues.jsonValue(Requests.objectMigration("Bumpy road").toString()).create()));
    runWithRetries(migration, 4);
    completeAndRetry(migration, "request-import", REQUESTER, Map.of());
    completeAndRetry(migration, "approve-import", APPROVER, Map.of("approved", true));
    completeAndRetry(migration, "review-import", REQUESTER, Map.of("undo", true));
    completeAndRetry(migration, "approve-undo", APPROVER, Map.of("approved", true));

    assertThat(variable(migration, "outcome")).isEqualTo("undone");
    assertThat(runtime.createIncidentQuery().processInstanceId(migration.getId()).count()).isZero();
  }

  @Test
  void revokedPrivilegesBecomeAnIncidentThatNamesThemAndARetryFinishesOnceRestored() {
    ProcessInstance migration = start(Requests.objectMigration("No rights"));
    faults.revokePrivileges("prod", true);
    complete(migration, "request-import", REQUESTER, Map.of());
    completeAndRetry(migration, "approve-import", APPROVER, Map.of("approved", true));

    Incident incident = runtime.createIncidentQuery().processInstanceId(migration.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("replicate-package");
    assertThat(incident.getIncidentMessage()).contains("Library 'prod'", "403", "ERR0014")
        .contains("lacks a privilege or permission").contains("Apply package");

    faults.revokePrivileges("prod", false);
    engine.getManagementService().setJobRetries(incident.getConfiguration(), 1);
    driver.runJobs(migration.getId());
    assertThat(migration).isWaitingAt("review-import");
  }
}
