package dev.ferry.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A mail server that is down: the notification's sending fails, is retried on Ferry's retry cycle
 * and becomes an incident of the notification — while the migration goes on as if nothing happened.
 */
@TestPropertySource(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=1"})
class MailServerDownTest extends MigrationScenario {

  @Autowired ManagementService management;

  @Test
  void aMailThatCannotBeSentIsRetriedThenAnIncidentAndTheMigrationGoesOn() {
    ProcessInstance migration = start(Requests.objectMigration("Mail server down"));
    assertThat(task(migration, "request-import")).as("the migration waits for its request").isNotNull();

    ProcessInstance notice = runtime.createProcessInstanceQuery().processDefinitionKey(Notifications.PROCESS)
        .processInstanceBusinessKey("Mail server down").singleResult();
    assertThat(notice).isNotNull();
    assertThat(runtime.getVariable(notice.getId(), "recipients")).isEqualTo("rita@ferry.local");
    for (int attempt = 1; attempt <= 3; attempt++) {
      Job job = management.createJobQuery().processInstanceId(notice.getId()).singleResult();
      assertThat(job.getRetries()).isGreaterThan(0);
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("127.0.0.1");
    }
    Incident incident = runtime.createIncidentQuery().processInstanceId(notice.getId()).singleResult();
    assertThat(incident).as("after the retries, an incident in Cockpit").isNotNull();
    assertThat(incident.getActivityId()).isEqualTo("Task_SendNotification");

    assertThat(runtime.createIncidentQuery().processInstanceId(migration.getId()).count()).isZero();
    complete(migration, "request-import", REQUESTER, Map.of());
    driver.runJobs(migration.getId());
    assertThat(task(migration, "approve-import")).as("the migration went on").isNotNull();
  }
}
