package dev.ferry.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a migration leaves behind: the polling loops' start and end but none of their looks in
 * history, no variables of the slot waits, no input parameters of service tasks, every status the
 * loops published in the migration's own history, and no attempt records once it has ended.
 */
class QuietPollingHistoryTest extends MigrationScenario {

  @Autowired JdbcTemplate jdbc;

  @Test
  void anImportedMigrationKeepsItsStatusHistoryButNotThePollingLoopsLooksNorItsAttempts() {
    ProcessInstance migration = start(Requests.objectMigration("Quiet dashboards"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM FERRY_ATTEMPT WHERE PROC_INST_ID_ = ?", Long.class,
        migration.getId())).as("the create's attempt while the migration runs").isEqualTo(1);
    requestAndApprove(migration);
    complete(migration, "review-import", REQUESTER, Map.of("undo", false));
    assertThat(migration).isEnded();

    List<HistoricProcessInstance> loops = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey("library-poll").processInstanceBusinessKey(migration.getBusinessKey()).list();
    assertThat(loops).as("created, validated, imported").hasSize(3).allMatch(loop -> loop.getEndTime() != null);
    for (HistoricProcessInstance loop : loops) {
      assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(loop.getId()).count()).isZero();
      assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(loop.getId()).count()).isZero();
      assertThat(history.createHistoricJobLogQuery().processInstanceId(loop.getId()).count()).isZero();
    }
    List<HistoricProcessInstance> slots = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey("queue-slot").processInstanceBusinessKey(migration.getBusinessKey()).list();
    assertThat(slots).as("a creation slot and a validation slot").hasSize(2).allMatch(slot -> slot.getEndTime() != null);
    for (HistoricProcessInstance slot : slots) {
      assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(slot.getId()).count())
          .as("its path stays").isEqualTo(4);
      assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(slot.getId()).count()).isZero();
    }
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(approvalId(migration))
        .variableNameIn("field", "on", "value").count()).as("the request PATCHes' input parameters").isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(approvalId(migration))
        .activityId("mark-requested").count()).as("the PATCH itself stays in history").isEqualTo(1);

    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(approvalId(migration))
        .variableNameIn("packageName", "request").count()).as("what the migration copied into its approval")
        .isEqualTo(2);
    assertThat(history.createHistoricDetailQuery().processInstanceId(approvalId(migration)).variableUpdates().list())
        .extracting(detail -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName())
        .as("no record of the copying (the migration's history has the values); the approver's choice keeps its record")
        .doesNotContain("packageName", "request", "summary", "initiator").contains("approved", "comment");
    assertThat(history.createHistoricDetailQuery().processInstanceId(migration.getId()).variableUpdates().list())
        .extracting(detail -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName())
        .as("the migration's own records of its request and package").contains("request", "packageName");
    assertThat(history.createHistoricDetailQuery().processInstanceId(migration.getId()).variableUpdates().list())
        .extracting(detail -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName())
        .contains("packageStatus", "importStatus", "progress");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(migration.getId())
        .activityId("wait-import-finished").count()).isEqualTo(1);

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM FERRY_ATTEMPT WHERE PROC_INST_ID_ = ? OR PROC_INST_ID_ = ?",
        Long.class, migration.getId(), approvalId(migration))).isZero();
  }

  private String approvalId(ProcessInstance migration) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("import-approval")
        .processInstanceBusinessKey(migration.getBusinessKey()).singleResult().getId();
  }
}
