package dev.ferry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code queue-slot}: a validation or creation waits here while its environment is busy, and tries
 * again when a slot is freed (the fast path) or when its retry time comes (the fallback).
 */
class QueueSlotModelTest extends ModelTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = coverageOf("queue-slot", 1.0);

  private final Deque<String> answers = new ArrayDeque<>();
  private int tries;

  @Override
  List<String> models() {
    return List.of("queue-slot");
  }

  /** The queue answers {@code states} in turn (then "granted"); a busy answer asks to try again in a minute. */
  private ProcessInstance waitForSlot(String... states) {
    answers.addAll(List.of(states));
    Mocks.register("trySlot", (JavaDelegate) execution -> {
      tries++;
      String state = answers.isEmpty() ? "granted" : answers.poll();
      execution.setVariable("queueState", state);
      execution.setVariable("queueNextTry", new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
    });
    return runtime.startProcessInstanceByKey("queue-slot", Map.of("queue", "validations", "environment", "prod"));
  }

  @Test
  void aFreeEnvironmentGrantsTheSlotAtOnceWithoutAJob() {
    ProcessInstance slot = waitForSlot();
    assertThat(slot).isEnded().hasPassedInOrder("Event_SlotWanted", "Task_TrySlot", "Gateway_Slot", "Event_SlotTaken");
    assertThat(tries).isEqualTo(1);
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(slot.getId()).count()).isZero();
  }

  @Test
  void aBusyEnvironmentIsTriedAgainAsSoonAsASlotIsFreed() {
    ProcessInstance slot = waitForSlot("busy");
    assertThat(slot).isWaitingAt("Gateway_WaitForSlot");

    runtime.createMessageCorrelation("queue-slot-freed").processInstanceId(slot.getId()).correlate();
    assertThat(slot).isEnded().hasPassedInOrder("Task_TrySlot", "Gateway_WaitForSlot", "Event_SlotFreed",
        "Task_TrySlot", "Event_SlotTaken");
    assertThat(slot).hasNotPassed("Event_SlotRetry");
    assertThat(tries).isEqualTo(2);
  }

  @Test
  void aBusyEnvironmentIsTriedAgainAtItsRetryTimeWhenNoMessageComes() {
    ProcessInstance slot = waitForSlot("busy", "busy");
    assertThat(job(slot).getDuedate()).isEqualTo(variable(slot, "queueNextTry"));

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
    execute(job(slot));
    assertThat(slot).isWaitingAt("Gateway_WaitForSlot");
    assertThat(tries).isEqualTo(2);

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
    execute(job(slot));
    assertThat(slot).isEnded().hasPassed("Event_SlotRetry", "Event_SlotTaken").hasNotPassed("Event_SlotFreed");
    assertThat(tries).isEqualTo(3);
  }
}
