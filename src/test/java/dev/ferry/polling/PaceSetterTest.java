package dev.ferry.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.polling.PollPlanner.Model;
import dev.ferry.polling.PollPlanner.Track;
import dev.ferry.polling.PollPlanner.Window;
import dev.ferry.support.MigrationScenario;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When a step of their kind ends, the first migrations of a burst to finish set the pace: loops
 * that back off blind (no progress from the Library, nothing expected) are brought forward, and
 * loops whose window is still wide look just after the expected end instead of once more to narrow it.
 */
class PaceSetterTest extends MigrationScenario {

  static final long NOW = 1_800_000_000_000L;

  @Autowired PaceSetter paceSetter;
  @Autowired ManagementService management;
  @Autowired PlatformTransactionManager transactions;

  final PollPlanner planner = new PollPlanner(PollPlannerTest.DEFAULTS);

  final List<String> loops = new ArrayList<>();

  @AfterEach
  void endLoops() {
    loops.forEach(id -> runtime.deleteProcessInstance(id, "test over"));
    ClockUtil.reset();
  }

  /** A polling loop for {@code check} between dev and prod, started 20 s ago, whose next look is in 40 s. */
  ProcessInstance loop(String check, Model model, double progress) {
    return loop(check, new Track(NOW - 20_000, 3, 20_000, progress,
        model == Model.LINEAR ? new Window(70_000, 71_000) : Window.OPEN, model, 40_000, 0), NOW + 40_000);
  }

  ProcessInstance loop(String check, Track track, long due) {
    ClockUtil.setCurrentTime(new Date(NOW));
    ProcessInstance loop = runtime.startProcessInstanceByKey("library-poll", Map.of("kind", "migration", "check", check,
        "sourceEnvironment", "dev", "targetEnvironment", "prod"));
    loops.add(loop.getId());
    runtime.setVariable(loop.getId(), PollingPolicy.TRACK, track.encode());
    management.setJobDuedate(timer(loop).getId(), new Date(due));
    return loop;
  }

  Job timer(ProcessInstance loop) {
    return management.createJobQuery().processInstanceId(loop.getId()).timers().singleResult();
  }

  @Test
  void aBlindLoopOfTheStepThatEndedLooksJustAfterItsExpectedEndOthersKeepTheirPlans() {
    ProcessInstance blind = loop("package-created", Model.NONE, 0);
    ProcessInstance withProgress = loop("package-created", Model.LINEAR, 28);
    ProcessInstance otherStep = loop("import-finished", Model.NONE, 0);
    String step = "migration:package-created:dev>prod";

    paceSetter.waiting(step);
    // as the look that saw a step end does it: inside its transaction, moved once that has committed
    new TransactionTemplate(transactions).executeWithoutResult(status ->
        paceSetter.stepEnded(step, new Window(24_000, 25_000), planner));

    assertThat(timer(blind).getDuedate()).as("started 20 s ago, expected to take 25 s: in 5.15 s")
        .isEqualTo(new Date(NOW + 5_150));
    assertThat(timer(withProgress).getDuedate()).as("its own forecast stands").isEqualTo(new Date(NOW + 40_000));
    assertThat(timer(otherStep).getDuedate()).isEqualTo(new Date(NOW + 40_000));

    management.setJobDuedate(timer(blind).getId(), new Date(NOW + 40_000));
    paceSetter.stepEnded(step, new Window(24_000, 25_000), planner);
    assertThat(timer(blind).getDuedate()).as("no loop planned a look that may move since: nothing is asked")
        .isEqualTo(new Date(NOW + 40_000));
  }

  @Test
  void aLoopWhoseExpectedEndHasPassedLooksAtOnceAndALaterOneIsNotPostponed() {
    ProcessInstance blind = loop("package-created", Model.NONE, 0);
    String step = "migration:package-created:dev>prod";
    assertThat(paceSetter.moveLooks(step, new Window(9_000, 10_000), planner)).isEqualTo(1);
    assertThat(timer(blind).getDuedate()).as("10 s expected, 20 s gone: now").isEqualTo(new Date(NOW));

    management.setJobDuedate(timer(blind).getId(), new Date(NOW + 3_000));
    assertThat(paceSetter.moveLooks(step, new Window(59_000, 60_000), planner)).isZero();
    assertThat(timer(blind).getDuedate()).isEqualTo(new Date(NOW + 3_000));
  }

  @Test
  void aLoopWhoseWindowIsStillWideLooksJustAfterTheEndTheStepsOfItsKindTookAndNotBeforeToNarrowIt() {
    // started 2 s ago at 10%: it ends 18.2-20 s after its start; it planned a look at 18.93 s to narrow that
    Track wide = new Track(NOW - 2000, 1, 2000, 10, new Window(18_182, 20_000), Model.LINEAR, 16_932, 0.0055);
    ProcessInstance loop = loop("package-created", wide, NOW - 2000 + 18_932);
    String step = "migration:package-created:dev>prod";

    assertThat(paceSetter.moveLooks(step, new Window(20_000, 20_040), planner)).isEqualTo(1);
    assertThat(timer(loop).getDuedate()).as("20 s, as the last ones took, and 150 ms: its last look")
        .isEqualTo(new Date(NOW - 2000 + 20_150));

    assertThat(paceSetter.moveLooks(step, new Window(24_000, 25_000), planner))
        .as("the last ones took longer than this one can").isZero();
    assertThat(timer(loop).getDuedate()).isEqualTo(new Date(NOW - 2000 + 20_150));
  }

  @Test
  void aLoopThatIsLookingRightNowOrIsAboutToKeepsItsPlanSoItsLookDoesNotFailAtItsCommit() {
    ProcessInstance looking = loop("package-created", Model.NONE, 0);
    ProcessInstance aboutTo = loop("package-created", Model.NONE, 0);
    String step = "migration:package-created:dev>prod";
    String lockedTimer = timer(looking).getId();
    commands().execute(context -> {
      JobEntity timer = context.getJobManager().findJobById(lockedTimer);
      timer.setLockOwner("another-node");
      timer.setLockExpirationTime(new Date(NOW + 300_000));
      return null;
    });
    management.setJobDuedate(timer(aboutTo).getId(), new Date(NOW + 100));

    assertThat(paceSetter.moveLooks(step, new Window(24_000, 25_000), planner)).isZero();
    assertThat(timer(looking).getDuedate()).as("held by a job executor").isEqualTo(new Date(NOW + 40_000));
    assertThat(timer(aboutTo).getDuedate()).as("due in 100 ms, within the margin").isEqualTo(new Date(NOW + 100));

    commands().execute(context -> {
      context.getJobManager().findJobById(lockedTimer).setLockOwner(null);
      return null;
    });
    assertThat(paceSetter.moveLooks(step, new Window(24_000, 25_000), planner)).as("released").isEqualTo(1);
    assertThat(timer(looking).getDuedate()).isEqualTo(new Date(NOW + 5_150));
  }

  CommandExecutor commands() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
  }
}
