package dev.ferry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code library-poll}: looks again while the Library is busy, ends done, failed or timed out. */
class LibraryPollModelTest extends ModelTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = coverageOf("library-poll", 1.0);

  @Override
  List<String> models() {
    return List.of("library-poll");
  }

  ProcessInstance startPoll() {
    return runtime.startProcessInstanceByKey("library-poll", Map.of("check", "import-finished"));
  }

  @Test
  void theLoopLooksAgainAfterItsIntervalUntilTheStepIsDone() {
    library.poll("import-finished", "waiting", "waiting", "done");
    ProcessInstance poll = startPoll();
    assertThat(poll).isWaitingAt("wait");
    // the timer waits pollInterval, as start-polling set it
    assertThat(job().getDuedate()).isCloseTo(new java.util.Date(org.camunda.bpm.engine.impl.util.ClockUtil
        .getCurrentTime().getTime() + 1000), 0);

    execute(job());
    assertThat(poll).isWaitingAt("wait");
    execute(job());
    assertThat(poll).isWaitingAt("wait");
    execute(job());
    assertThat(poll).isEnded().hasPassedInOrder("start-polling", "wait", "check-status", "status", "wait",
        "check-status", "wait", "check-status", "poll-done");
    assertThat(variable(poll, "pollOutcome")).isEqualTo("done");
  }

  @Test
  void aFailedOrTimedOutStepEndsTheLoopWithItsOutcome() {
    library.poll("import-finished", "failed");
    ProcessInstance failed = startPoll();
    assertThat(failed).isWaitingAt("wait");
    execute(job());
    assertThat(failed).isEnded().hasPassed("poll-failed");
    assertThat(variable(failed, "failureMessage")).isEqualTo("import-finished failed");

    library.poll("import-finished", "waiting", "timed_out");
    ProcessInstance timedOut = startPoll();
    assertThat(timedOut).isWaitingAt("wait");
    execute(job());
    execute(job());
    assertThat(timedOut).isEnded().hasPassed("poll-timed-out").hasNotPassed("poll-done", "poll-failed");
  }
}
