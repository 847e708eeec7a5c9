package dev.ferry.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A look at the Library that is due goes before other due work: under load the job executor's
 * queue would otherwise make it as late as the work queued before it, and the step it was aimed
 * at would be noticed late.
 */
class LooksFirstTest extends MigrationScenario {

  @Autowired ManagementService management;

  final List<String> started = new ArrayList<>();

  @AfterEach
  void deleteMigrations() {
    started.forEach(id -> runtime.deleteProcessInstanceIfExists(id, "test over", true, true, true, true));
  }

  ProcessInstance startOnly(String name) {
    ProcessInstance migration = runtime.startProcessInstanceByKey("migration", name,
        Map.of("request", SpinValues.jsonValue(Requests.objectMigration(name).toString()).create()));
    started.add(migration.getId());
    return migration;
  }

  /** The due jobs in the order the job executor acquires them. */
  List<String> acquisitionOrder() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context ->
        context.getJobManager().findNextJobsToExecute(new Page(0, 10_000))).stream()
        .map(AcquirableJobEntity::getId).toList();
  }

  /** The next look of a migration that has checked its request, asked for its package and waits for it. */
  Job lookOfAMigrationWaitingForItsPackage(String name) {
    ProcessInstance waiting = startOnly(name);
    driver.runJobs(waiting.getId(), 2);
    ProcessInstance loop = runtime.createProcessInstanceQuery().superProcessInstanceId(waiting.getId())
        .processDefinitionKey("library-poll").singleResult();
    assertThat(loop).as("after checking its request and asking for its package, it waits for it").isNotNull();
    return management.createJobQuery().processInstanceId(loop.getId()).timers().singleResult();
  }

  @Test
  void aDueLookIsTakenBeforeWorkThatWasDueEarlier() {
    Job look = lookOfAMigrationWaitingForItsPackage("looks-first-1");
    Job check = management.createJobQuery().processInstanceId(startOnly("looks-first-2").getId()).singleResult();

    long now = ClockUtil.getCurrentTime().getTime();
    management.setJobDuedate(check.getId(), new Date(now - 60_000));
    management.setJobDuedate(look.getId(), new Date(now - 1_000));

    List<String> order = acquisitionOrder();
    assertThat(order).contains(look.getId(), check.getId());
    assertThat(order.indexOf(look.getId())).as("the look, due a minute after the other migration's check of its request")
        .isLessThan(order.indexOf(check.getId()));
  }

  @Test
  void aLookIsNotTakenBeforeItIsDue() {
    Job look = lookOfAMigrationWaitingForItsPackage("looks-first-3");
    assertThat(look.getDuedate()).isAfter(ClockUtil.getCurrentTime());
    assertThat(acquisitionOrder()).doesNotContain(look.getId());
  }
}
