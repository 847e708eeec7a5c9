package dev.ferry.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ferry.engine.FerryProperties;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** How a polling loop starts, how long it waits between looks, and when it gives up. */
@Tag("fast")
class PollingPolicyTest {

  final FerryProperties properties = new FerryProperties();
  final StepDurations durations = new StepDurations();
  final Map<String, Object> variables = new HashMap<>(Map.of("kind", "migration", "check", "import-finished",
      "sourceEnvironment", "dev", "targetEnvironment", "prod"));
  final DelegateExecution execution = mock(DelegateExecution.class);

  PollingPolicyTest() {
    when(execution.getVariable(anyString())).thenAnswer(call -> variables.get((String) call.getArgument(0)));
    Mockito.doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1))).when(execution)
        .setVariable(anyString(), Mockito.any());
    ClockUtil.setCurrentTime(new Date(1_700_000_000_000L));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aNewLoopFirstLooksAfterTheInitialIntervalAndEndsAtTheTimeout() {
    PollingPolicy policy = new PollingPolicy(properties, durations, new PaceSetter(null, null));
    policy.execute(execution);
    assertThat(variables.get("pollInterval")).isEqualTo("PT2S");
    assertThat(variables.get("pollDeadline")).isEqualTo(new Date(1_700_000_000_000L + Duration.ofHours(4).toMillis()));
    assertThat(policy.isPast((Date) variables.get("pollDeadline"))).isFalse();

    ClockUtil.setCurrentTime(new Date(1_700_000_000_000L + Duration.ofHours(4).toMillis()));
    assertThat(policy.isPast((Date) variables.get("pollDeadline"))).as("the deadline itself is past").isTrue();
  }

  @Test
  void aStepWhoseDurationIsKnownIsFirstLookedAtJustAfterItsExpectedEnd() {
    String step = PollingPolicy.step(execution);
    durations.record(step, 30_000);
    durations.record(step, 30_400);
    new PollingPolicy(properties, durations, new PaceSetter(null, null)).execute(execution);
    long firstLook = Duration.parse((String) variables.get("pollInterval")).toMillis();
    assertThat(firstLook).as("not the initial 2 s: aimed at the end of a 30 s step").isBetween(29_000L, 31_000L);
  }

  @Test
  void aBlindLoopTakesTheExpectedEndOnceAStepOfItsKindHasEnded() {
    PollingPolicy policy = new PollingPolicy(properties, durations, new PaceSetter(null, null));
    long now = ClockUtil.getCurrentTime().getTime();
    variables.put("pollTrack", new PollPlanner.Track(now - 20_000, 3, 20_000, 0, PollPlanner.Window.OPEN,
        PollPlanner.Model.NONE, 10_000, 0).encode());
    assertThat(policy.track(execution).model()).as("nothing known yet").isEqualTo(PollPlanner.Model.NONE);

    String step = PollingPolicy.step(execution);
    durations.record(step, 30_000);
    durations.record(step, 30_400);
    PollPlanner.Track informed = policy.track(execution);
    assertThat(informed.model()).isEqualTo(PollPlanner.Model.EXPECTED);
    assertThat(policy.planner().next(informed, now, 0.0).delay()).as("aimed at the end of a 30 s step, 10 s on")
        .isBetween(10_000L, 11_000L);
  }

  @Test
  void durationsThatDisagreeTeachNothing() {
    durations.record("s", 10_000);
    assertThat(durations.expected("s", 600)).as("one duration is not enough").isNull();
    durations.record("s", 40_000);
    assertThat(durations.expected("s", 600)).as("10 s and 40 s do not agree").isNull();
  }

  @Test
  void theWaitNeverOvershootsTheDeadlineNorUndercutsTheShortestInterval() {
    PollingPolicy policy = new PollingPolicy(properties, durations, new PaceSetter(null, null));
    long now = ClockUtil.getCurrentTime().getTime();
    assertThat(policy.interval(60_000, new Date(now + 10_000), now)).as("deadline in 10 s").isEqualTo("PT10.15S");
    assertThat(policy.interval(100, new Date(now + 10_000), now)).as("at least min-interval").isEqualTo("PT0.5S");
    assertThat(policy.interval(5_000, new Date(now + 60_000), now)).isEqualTo("PT5S");
  }
}
