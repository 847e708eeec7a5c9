package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.support.Completion;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import dev.ferry.support.WebappSession;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A String variable longer than the engine's text column (4000 characters): sent by a caller, it is
 * a 400 problem naming the variable and the limit on every entry point, and nothing happens (no
 * instance, the task stays open); written by Ferry while a process runs, it is stored cut, with a note.
 */
class LongTextTest extends MigrationScenario {

  private static final String TOO_LONG = "x".repeat(TextLimit.MAX + 1);
  private static final String AT_LIMIT = "y".repeat(TextLimit.MAX);

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  FerryHttp http;

  @BeforeEach
  void client() {
    http = new FerryHttp(port);
  }

  @Test
  void aStartOverEngineRestOrTasklistWithALongCommentIsRefusedAndStartsNothing() {
    String key = "Long start " + System.nanoTime();
    for (String how : List.of("start", "submit-form")) {
      FerryHttp.Answer refused = http.post(REQUESTER, "rita", "/engine-rest/process-definition/key/migration/" + how,
          startBody(key, TOO_LONG));
      assertThat(refused.status()).as(how + " → " + refused.body()).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertTooLong(refused.json(), "comment");
    }
    WebappSession tasklist = WebappSession.logIn(port, "tasklist", REQUESTER, "rita");
    assertThat(tasklist.loginStatus()).isEqualTo(200);
    FerryHttp.Answer inTasklist = tasklist.post(
        "/camunda/api/engine/engine/default/process-definition/key/migration/submit-form", startBody(key, TOO_LONG));
    assertThat(inTasklist.status()).as("Tasklist's start form: " + inTasklist.body()).isEqualTo(400);
    assertThat(inTasklist.json().path("message").asText()).contains("'comment' has 4001 characters");
    assertTooLong(inTasklist.json(), "comment");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).count())
        .as("no instance was started").isZero();

    FerryHttp.Answer started = http.post(REQUESTER, "rita", "/engine-rest/process-definition/key/migration/start",
        startBody(key, AT_LIMIT));
    assertThat(started.status()).as("4000 characters fit: " + started.body()).isEqualTo(200);
    String id = started.json().path("id").asText();
    assertThat(runtime.getVariable(id, "comment")).isEqualTo(AT_LIMIT);
  }

  @Test
  void aStartOverFerryRestKeepsLongTextInItsJsonRequest() {
    String key = "Long description " + System.nanoTime();
    ObjectNode body = Requests.objectMigration(key).put("description", "d".repeat(20_000));
    FerryHttp.Answer started = http.post(REQUESTER, "rita", "/ferry/api/migrations?businessKey="
        + key.replace(" ", "%20"), body.toString());
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    driver.runJobs(started.json().path("processInstanceId").asText());
    assertThat(String.valueOf(runtime.getVariable(started.json().path("processInstanceId").asText(), "request")))
        .contains("d".repeat(20_000));
  }

  @Test
  void aLongCommentOnATaskIsRefusedOnEveryPathAndTheTaskStaysOpen() {
    ProcessInstance migration = start(Requests.objectMigration("Long comment " + System.nanoTime()));
    complete(migration, "request-import", REQUESTER, Map.of());
    Task approval = task(migration, "approve-import");
    String body = Completion.with("decision", "changesRequested", "comment", TOO_LONG).json();

    for (String how : List.of("complete", "submit-form")) {
      FerryHttp.Answer refused = http.post(APPROVER, "abe", "/engine-rest/task/" + approval.getId() + "/" + how, body);
      assertThat(refused.status()).as(how + " → " + refused.body()).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertTooLong(refused.json(), "comment");
    }
    WebappSession tasklist = WebappSession.logIn(port, "tasklist", APPROVER, "abe");
    assertThat(tasklist.loginStatus()).isEqualTo(200);
    FerryHttp.Answer inTasklist = tasklist.post(
        "/camunda/api/engine/engine/default/task/" + approval.getId() + "/submit-form", body);
    assertThat(inTasklist.status()).as(inTasklist.body()).isEqualTo(400);
    assertThat(inTasklist.json().path("message").asText()).as("what Tasklist shows")
        .contains("'comment' has 4001 characters", "shorten it").doesNotContain("ENGINE-");
    assertTooLong(inTasklist.json(), "comment");

    FerryHttp.Answer overFerry = http.post(APPROVER, "abe", "/ferry/api/migrations/" + migration.getBusinessKey()
        .replace(" ", "%20") + "/import-decision", "{\"decision\": \"changesRequested\", \"comment\": \"" + TOO_LONG
        + "\"}");
    assertThat(overFerry.status()).as(overFerry.body()).isEqualTo(400);
    assertThat(overFerry.contentType()).startsWith("application/problem+json");
    assertTooLong(overFerry.json(), "comment");

    assertThat(tasks.createTaskQuery().taskId(approval.getId()).singleResult()).as("the task is still open")
        .isNotNull().extracting(Task::getAssignee).as("and nobody claimed it").isNull();
    assertThat(runtime.createVariableInstanceQuery().variableName("comment").list())
        .noneMatch(v -> String.valueOf(v.getValue()).startsWith("xxxx"));

    FerryHttp.Answer decided = http.post(APPROVER, "abe", "/engine-rest/task/" + approval.getId() + "/complete",
        Completion.with("decision", "changesRequested", "comment", AT_LIMIT).json());
    assertThat(decided.status()).as("4000 characters fit: " + decided.body()).isEqualTo(204);
    driver.runJobs(migration.getId());
    assertThat(task(migration, "edit-package")).as("sent back with the comment").isNotNull();
    assertThat(variable(approvalOf(migration), "approverComment")).isEqualTo(AT_LIMIT);
  }

  @Test
  void aLongTextFerryWritesWhileAProcessRunsIsStoredCutWithANote() {
    Deployment deployment = repository.createDeployment().name("long-text-probe")
        .addModelInstance("long-text-probe.bpmn", Bpmn.createExecutableProcess("long-text-probe")
            .camundaHistoryTimeToLive(1).startEvent()
            .serviceTask().camundaExpression("${execution.setVariable('copied', source.prop('text').stringValue())}")
            .userTask().endEvent().done())
        .deploy();
    try {
      ObjectNode source = new ObjectMapper().createObjectNode().put("text", "Library says: " + "z".repeat(9000));
      ProcessInstance probe = runtime.startProcessInstanceByKey("long-text-probe",
          Map.of("source", SpinValues.jsonValue(source.toString()).create()));

      String stored = (String) runtime.getVariable(probe.getId(), "copied");
      assertThat(stored).hasSize(TextLimit.MAX).startsWith("Library says: zzz")
          .endsWith("[cut: 9014 characters, a text variable holds 4000]");
      assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(probe.getId())
          .variableName("copied").singleResult().getValue()).isEqualTo(stored);
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }

  private static String startBody(String key, String comment) {
    ObjectNode body = new ObjectMapper().createObjectNode().put("businessKey", key);
    ObjectNode variables = body.putObject("variables");
    variables.putObject("request").put("value", Requests.objectMigration(key).toString()).put("type", "Json");
    variables.putObject("comment").put("value", comment).put("type", "String");
    return body.toString();
  }

  private static void assertTooLong(JsonNode problem, String field) {
    assertThat(problem.path("status").asInt()).as(problem.toString()).isEqualTo(400);
    assertThat(problem.at("/violations/0/field").asText()).as(problem.toString()).isEqualTo(field);
    assertThat(problem.at("/violations/0/message").asText())
        .contains("'" + field + "' has 4001 characters", "at most 4000", "shorten it");
    assertThat(problem.path("detail").asText()).doesNotContain("ENGINE-").doesNotContain("Exception");
  }
}
