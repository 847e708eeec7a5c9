package dev.ferry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code notification}: sending is a job of its own, so a mail server that is down never touches the migration. */
class NotificationModelTest extends ModelTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = coverageOf("notification", 1.0);

  @Override
  List<String> models() {
    return List.of("notification");
  }

  @Test
  void aNotificationIsSentInAJobOfItsOwn() {
    ProcessInstance notification = runtime.startProcessInstanceByKey("notification");
    assertThat(notification).isWaitingAt("Task_SendNotification");
    assertThat(library.calls).isEmpty();

    execute(job());
    assertThat(notification).isEnded().hasPassedInOrder("Event_NotificationRequested", "Task_SendNotification",
        "Event_NotificationSent");
    assertThat(library.calls).containsExactly("sendNotification");
  }

  @Test
  void aFailedSendBecomesAnIncidentAfterItsRetries() {
    org.camunda.bpm.engine.test.mock.Mocks.register("sendNotification",
        (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> {
          throw new IllegalStateException("Connection refused: mail.example.com:25");
        });
    ProcessInstance notification = runtime.startProcessInstanceByKey("notification");
    driver.runJobs(notification.getId());
    assertThat(notification).isActive().isWaitingAt("Task_SendNotification");
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(notification.getId()).singleResult()
        .getIncidentMessage()).contains("Connection refused");
  }
}
