package dev.ferry.access;

import static dev.ferry.support.Problems.fields;
import static dev.ferry.support.Problems.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.support.Completion;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import dev.ferry.support.WebappSession;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Four eyes cannot be talked around: a user in both groups (pat) who asked for an import or an undo
 * cannot approve it by sending {@code importRequester} / {@code undoRequester} = someone else with
 * the decision, nor by writing it first through the engine's variable API. A task takes only its
 * form's fields; anything else is a 400 naming the variable and what the task accepts, and nothing
 * changes: the variable keeps its value and the task stays open.
 */
class TaskInputsTest extends MigrationScenario {

  private static final String PAT = "pat";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "admin-secret-for-tests";
  private static final String APPROVE_IMPORT_FIELDS = "approved, changesRequested, comment, decision, importAt, "
      + "overrideValidation";

  @LocalServerPort int port;
  FerryHttp http;

  @BeforeEach
  void client() {
    http = new FerryHttp(port);
    ensureInBothGroups("pat");
  }

  @Test
  void aRequesterInBothGroupsCannotApproveTheirOwnImportBySendingAnotherRequester() {
    ProcessInstance migration = start(Requests.objectMigration("Four eyes spoofed request"));
    complete(migration, "request-import", PAT, Map.of());
    ProcessInstance approval = approvalOf(migration);
    assertThat(runtime.getVariable(approval.getId(), "importRequester")).isEqualTo(PAT);
    Task task = task(migration, "approve-import");

    String body = Completion.with("decision", "approved", "importRequester", REQUESTER).json();
    for (String path : List.of("/engine-rest/task/" + task.getId() + "/complete",
        "/engine-rest/task/" + task.getId() + "/submit-form")) {
      refused(http.post(PAT, PAT, path, body), path, "importRequester", "'Approve import' accepts only its form's "
          + "fields (" + APPROVE_IMPORT_FIELDS + "); leave out importRequester");
      assertUnchanged(approval, task, "importRequester", PAT);
    }
    FerryHttp.Answer tasklist = tasklist(PAT).post(
        "/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form", body);
    refused(tasklist, "Tasklist submit-form", "importRequester", "leave out importRequester");
    assertUnchanged(approval, task, "importRequester", PAT);

    // other Ferry variables, several at once: each is named
    FerryHttp.Answer several = http.post(PAT, PAT, "/engine-rest/task/" + task.getId() + "/complete",
        Completion.with("decision", "approved", "kind", "transfer", "validationStatus", "validated").json());
    assertThat(several.status()).as(several.body()).isEqualTo(400);
    assertThat(fields(several.json())).containsExactly("kind", "validationStatus");
    assertThat(message(several.json(), "kind")).isEqualTo("is not a field of 'Approve import', which accepts only "
        + APPROVE_IMPORT_FIELDS + ".");
    assertUnchanged(approval, task, "validationStatus", runtime.getVariable(approval.getId(), "validationStatus"));

    // and four eyes still holds with the form's fields only
    FerryHttp.Answer own = http.post(PAT, PAT, "/engine-rest/task/" + task.getId() + "/complete",
        Completion.with("decision", "approved").json());
    assertThat(own.status()).as(own.body()).isEqualTo(403);
    FerryHttp.Answer other = http.post(APPROVER, "abe", "/engine-rest/task/" + task.getId() + "/complete",
        Completion.with("decision", "approved").json());
    assertThat(other.status()).as(other.body()).isEqualTo(204);
  }

  @Test
  void aRequesterInBothGroupsCannotApproveTheirOwnUndoBySendingAnotherRequester() {
    ProcessInstance migration = start(Requests.objectMigration("Four eyes spoofed undo"));
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    complete(migration, "review-import", PAT, Map.of("undo", true));
    Task task = task(migration, "approve-undo");
    assertThat(runtime.getVariable(migration.getId(), "undoRequester")).isEqualTo(PAT);

    String body = Completion.with("approved", true, "undoRequester", REQUESTER).json();
    for (String path : List.of("/engine-rest/task/" + task.getId() + "/complete",
        "/engine-rest/task/" + task.getId() + "/submit-form")) {
      refused(http.post(PAT, PAT, path, body), path, "undoRequester",
          "'Approve undo' accepts only its form's fields (approved, comment); leave out undoRequester");
      assertUnchanged(migration, task, "undoRequester", PAT);
    }
    refused(tasklist(PAT).post("/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form", body),
        "Tasklist submit-form", "undoRequester", "leave out undoRequester");
    assertUnchanged(migration, task, "undoRequester", PAT);

    // the review cannot name another requester either
    FerryHttp.Answer forbidden = http.post(PAT, PAT, "/engine-rest/task/" + task.getId() + "/complete",
        Completion.with("approved", true).json());
    assertThat(forbidden.status()).as(forbidden.body()).isEqualTo(403);
  }

  @Test
  void aReviewCannotNameAnotherUndoRequester() {
    ProcessInstance migration = start(Requests.objectMigration("Spoofed review"));
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    Task review = task(migration, "review-import");

    FerryHttp.Answer answer = http.post(PAT, PAT, "/engine-rest/task/" + review.getId() + "/complete",
        Completion.with("undo", true, "undoRequester", REQUESTER, "undoPossible", true).json());
    refused(answer, "review", "undoRequester", "'Review import' accepts only its form's fields (comment, undo)");
    assertThat(fields(answer.json())).containsExactly("undoPossible", "undoRequester");
    assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
    assertThat(runtime.getVariable(migration.getId(), "undo")).isEqualTo(false);
  }

  @Test
  void ferryRestDecisionsRefuseFieldsTheyDoNotTake() {
    ProcessInstance migration = start(Requests.objectMigration("Spoofed-Ferry-REST"));
    String key = migration.getBusinessKey();
    FerryHttp.Answer request = http.post(PAT, PAT, "/ferry/api/migrations/" + key + "/import-request",
        "{\"editFirst\": false, \"importRequester\": \"rita\"}");
    assertThat(request.status()).as(request.body()).isEqualTo(400);
    assertThat(request.contentType()).startsWith("application/problem+json");
    assertThat(fields(request.json())).containsExactly("importRequester");
    assertThat(message(request.json(), "importRequester")).isEqualTo("is not a field of this decision; it takes "
        + "editFirst");
    assertThat(task(migration, "request-import")).as("still waiting").isNotNull();

    complete(migration, "request-import", PAT, Map.of());
    ProcessInstance approval = approvalOf(migration);
    Task task = task(migration, "approve-import");
    FerryHttp.Answer decision = http.post(PAT, PAT, "/ferry/api/migrations/" + key + "/import-decision",
        "{\"decision\": \"approved\", \"importRequester\": \"rita\"}");
    assertThat(decision.status()).as(decision.body()).isEqualTo(400);
    assertThat(fields(decision.json())).containsExactly("importRequester");
    assertThat(message(decision.json(), "importRequester")).isEqualTo("is not a field of this decision; it takes "
        + "comment, decision, overrideValidation");
    assertUnchanged(approval, task, "importRequester", PAT);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).as("not claimed").isNull();

    for (String path : List.of("review", "undo-decision")) {
      FerryHttp.Answer answer = http.post(PAT, PAT, "/ferry/api/migrations/" + key + "/" + path,
          "{\"undoRequester\": \"rita\"}");
      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(fields(answer.json())).contains("undoRequester");
    }
  }

  @Test
  void onlyAnAdminWritesFerrysVariablesThroughTheEngineApi() {
    ProcessInstance migration = start(Requests.objectMigration("Spoofed variables"));
    complete(migration, "request-import", PAT, Map.of());
    ProcessInstance approval = approvalOf(migration);
    Task task = task(migration, "approve-import");
    String executionId = task.getExecutionId();

    List<String[]> writes = List.of(
        new String[] {"PUT", "/engine-rest/task/" + task.getId() + "/variables/importRequester",
            "{\"value\": \"rita\", \"type\": \"String\"}"},
        new String[] {"PUT", "/engine-rest/task/" + task.getId() + "/localVariables/importRequester",
            "{\"value\": \"rita\", \"type\": \"String\"}"},
        new String[] {"POST", "/engine-rest/task/" + task.getId() + "/variables",
            "{\"modifications\": {\"importRequester\": {\"value\": \"rita\"}}}"},
        new String[] {"PUT", "/engine-rest/process-instance/" + approval.getId() + "/variables/importRequester",
            "{\"value\": \"rita\", \"type\": \"String\"}"},
        new String[] {"POST", "/engine-rest/process-instance/" + approval.getId() + "/variables",
            "{\"modifications\": {\"importRequester\": {\"value\": \"rita\"}}}"},
        new String[] {"PUT", "/engine-rest/execution/" + executionId + "/localVariables/importRequester",
            "{\"value\": \"rita\", \"type\": \"String\"}"});
    for (String[] write : writes) {
      FerryHttp.Answer answer = "PUT".equals(write[0]) ? http.put(PAT, PAT, write[1], write[2])
          : http.post(PAT, PAT, write[1], write[2]);
      assertThat(answer.status()).as(write[0] + " " + write[1] + " → " + answer.body()).isEqualTo(403);
      assertThat(answer.json().get("message").asText()).as(write[1]).contains("importRequester");
      assertUnchanged(approval, task, "importRequester", PAT);
    }
    FerryHttp.Answer onTask = http.put(PAT, PAT, "/engine-rest/task/" + task.getId() + "/variables/importRequester",
        "{\"value\": \"rita\", \"type\": \"String\"}");
    assertThat(onTask.contentType()).startsWith("application/problem+json");
    assertThat(message(onTask.json(), "importRequester")).isEqualTo("is Ferry's own variable of task 'Approve "
        + "import': only a member of camunda-admin may change it. The task's form takes " + APPROVE_IMPORT_FIELDS
        + ".");
    FerryHttp.Answer delete = http.delete(PAT, PAT, "/engine-rest/task/" + task.getId()
        + "/variables/importRequester");
    assertThat(delete.status()).as(delete.body()).isEqualTo(403);
    assertUnchanged(approval, task, "importRequester", PAT);

    // nor through a message that carries variables (Ferry REST's edit correlates package-edited)
    FerryHttp.Answer message = http.post(PAT, PAT, "/engine-rest/message", "{\"messageName\": \"package-edited\", "
        + "\"processInstanceId\": \"" + approval.getId() + "\", \"processVariables\": {\"importRequester\": "
        + "{\"value\": \"rita\"}}}");
    assertThat(message.status()).as(message.body()).isEqualTo(403);
    assertUnchanged(approval, task, "importRequester", PAT);

    // a field of the task's form may be set on the task by whoever works it
    FerryHttp.Answer comment = http.put(APPROVER, "abe", "/engine-rest/task/" + task.getId() + "/variables/comment",
        "{\"value\": \"draft\", \"type\": \"String\"}");
    assertThat(comment.status()).as(comment.body()).isEqualTo(204);

    // an admin may still intervene
    FerryHttp.Answer admin = http.put(ADMIN, ADMIN_PASSWORD, "/engine-rest/process-instance/" + approval.getId()
        + "/variables/importRequester", "{\"value\": \"rita\", \"type\": \"String\"}");
    assertThat(admin.status()).as(admin.body()).isEqualTo(204);
    assertThat(runtime.getVariable(approval.getId(), "importRequester")).isEqualTo(REQUESTER);
  }

  private static void refused(FerryHttp.Answer answer, String path, String field, String sentence) {
    assertThat(answer.status()).as(path + " → " + answer.body()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    JsonNode problem = answer.json();
    assertThat(problem.get("title").asText()).isEqualTo("Decision refused");
    assertThat(problem.get("message").asText()).contains(sentence).doesNotContain("ENGINE-");
    assertThat(fields(problem)).contains(field);
  }

  private void assertUnchanged(ProcessInstance instance, Task task, String variable, Object value) {
    assertThat(runtime.getVariable(instance.getId(), variable)).as(variable).isEqualTo(value);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
  }

  private WebappSession tasklist(String user) {
    WebappSession session = WebappSession.logIn(port, "tasklist", user, user);
    assertThat(session.loginStatus()).isEqualTo(200);
    return session;
  }



}
