package dev.ferry.approval;

import static dev.ferry.support.Problems.fields;
import static dev.ferry.support.Problems.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.support.Completion;
import dev.ferry.support.Completion.Json;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import dev.ferry.support.WebappSession;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12: a completion that breaks a task's decision rule is the caller's mistake, never a server
 * error. Over {@code /engine-rest} (complete and submit-form) it is a 400
 * {@code application/problem+json} naming the variable and what to send; over the webapps' engine
 * API, which Tasklist calls, the same 400 whose {@code message} (what Tasklist shows) is the plain
 * sentence, not Camunda's wrapped ENGINE-03051 text. Four eyes is a 403 on both. The task stays open.
 */
class RefusedDecisionsTest extends MigrationScenario {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, String> PASSWORDS = Map.of(REQUESTER, "rita", APPROVER, "abe", "pat", "pat");

  @LocalServerPort int port;
  FerryHttp http;

  @BeforeEach
  void client() {
    http = new FerryHttp(port);
  }

  @Test
  void approvingAfterAFailedValidationNeedsOverrideValidationAndACommentSaysWhy() {
    ProcessInstance migration = start(Requests.objectMigration("Refused fail-validation"));
    complete(migration, "request-import", REQUESTER, Map.of());
    Task approval = task(migration, "approve-import");

    JsonNode refused = refused(approval, APPROVER, Completion.with("decision", "approved"),
        "The validation on the target failed", "overrideValidation", "comment");
    assertThat(message(refused, "overrideValidation")).contains("must be true").contains("validation_failed");
    refused(approval, APPROVER, Completion.with("decision", "approved", "overrideValidation", true),
        "Approving despite the validation needs a reason: say why in the comment.", "comment");

    FerryHttp.Answer approved = http.post(APPROVER, "abe", "/engine-rest/task/" + approval.getId() + "/complete",
        Completion.with("decision", "approved", "overrideValidation", true, "comment", "replaced on purpose").json());
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);
  }

  @Test
  void sendingBackNeedsACommentAndTheDecisionMustBeOneOfThree() {
    ProcessInstance migration = start(Requests.objectMigration("Refused send back"));
    complete(migration, "request-import", REQUESTER, Map.of());
    Task approval = task(migration, "approve-import");

    refused(approval, APPROVER, Completion.with("decision", "changesRequested"),
        "Say in the comment what the requester should change before you send the package back.", "comment");
    refused(approval, APPROVER, Completion.with("decision", "maybe"),
        "'Approve import' got decision 'maybe'; it must be one of approved, changesRequested, rejected.", "decision");
    refused(approval, APPROVER, Completion.with(),
        "'Approve import' needs a decision: complete it with the variable decision = approved", "decision");
  }

  @Test
  void anUploadedPackageCannotBeSentBack() {
    ProcessInstance built = start(Requests.objectMigration("Refused transfer source"));
    ObjectNode request = MAPPER.createObjectNode();
    request.putObject("source").put("environment", "dev").put("migrationId", (String) variable(built, "migrationId"));
    request.putObject("target").put("environment", "prod").putObject("project").put("id", Requests.TARGET_PROJECT);
    ProcessInstance transfer = runtime.startProcessInstanceByKey("package-transfer",
        Map.of("request", SpinValues.jsonValue(request.toString()).create()));
    driver.runJobs(transfer.getId());
    ProcessInstance migration = runtime.createProcessInstanceQuery().superProcessInstanceId(transfer.getId())
        .singleResult();
    complete(migration, "request-import", REQUESTER, Map.of());

    refused(task(migration, "approve-import"), APPROVER,
        Completion.with("decision", "changesRequested", "comment", "smaller please"),
        "An uploaded package cannot be edited, so it cannot be sent back for changes", "decision");
  }

  @Test
  void fourEyesIsA403WithItsOwnSentenceOnBothPaths() {
    ensureInBothGroups("pat");
    ProcessInstance migration = start(Requests.objectMigration("Refused own approval"));
    complete(migration, "request-import", "pat", Map.of());

    forbidden(task(migration, "approve-import"), "pat", Completion.with("decision", "approved"),
        "Four eyes: pat asked for this and cannot also approve it.");
  }

  @Test
  void theEditNeedsAChoiceAndEveryRowTheLibraryWouldRefuseIsNamedByItsVariable() throws Exception {
    ProcessInstance migration = start(Requests.objectMigration("Refused edit"));
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested", "comment", "fix it"));
    Task edit = task(migration, "edit-package");

    refused(edit, REQUESTER, Completion.with(), "'Edit package' needs a choice: complete it with resubmit = true",
        "resubmit");
    ArrayNode rows = offered(migration);
    ((ObjectNode) rows.get(0)).put("action", "overwrite");
    ((ObjectNode) rows.get(1)).remove("type");
    JsonNode refused = refused(edit, REQUESTER, Completion.with("resubmit", true, "editName", " ",
            "editObjects", new Json(rows.toString())), "The edit cannot be sent to the Library: editName: is required",
        "editName", "editObjects[0].action", "editObjects[1].type");
    assertThat(message(refused, "editObjects[0].action")).startsWith("'overwrite' is not a conflict action");

    String first = rows.get(0).get("id").asText();
    refused(edit, REQUESTER, Completion.with("resubmit", true, "keepObjects", new Json("[\"" + first + "\"]"),
            "actionChanges", "Nope: replace"),
        "The edit cannot be sent to the Library: actionChanges line 1: 'Nope' is not an object kept in the package",
        "actionChanges line 1");
    refused(edit, REQUESTER, Completion.with("resubmit", true, "keepObjects", new Json("[]")),
        "keepObjects: is empty: a package needs at least one object", "keepObjects");
  }

  @Test
  void undoIsRefusedWhereTheLibraryKeptNoUndoPackageAndNeedsAChoice() {
    ProcessInstance migration = start(Requests.objectMigration("Refused undo", 2, "keep_both"));
    requestAndApprove(migration);
    Task review = task(migration, "review-import");

    refused(review, REQUESTER, Completion.with("undo", true),
        "This import cannot be undone: the Library generated no undo package", "undo");
    refused(review, REQUESTER, Completion.with("undo", "later"),
        "'Review import' needs a choice: complete it with undo = true", "undo");
    refused(review, REQUESTER, Completion.with("undo", 1), "got '1'", "undo");
  }

  @Test
  void approvingAnUndoNeedsADecisionAndFourEyes() {
    ensureInBothGroups("pat");
    ProcessInstance migration = start(Requests.objectMigration("Refused undo approval"));
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    complete(migration, "review-import", "pat", Map.of("undo", true));
    Task approval = task(migration, "approve-undo");

    refused(approval, APPROVER, Completion.with(),
        "'Approve undo' needs a decision: complete it with the variable approved = true or false.", "approved");
    refused(approval, APPROVER, Completion.with("approved", "perhaps"), "needs a decision", "approved");
    forbidden(approval, "pat", Completion.with("approved", true), "Four eyes: pat asked for this");
  }

  /**
   * Completes the task as {@code user} over {@code /engine-rest} (complete and submit-form) and over
   * Tasklist's path; each answers 400 naming {@code fields}, with {@code sentence} as detail and
   * message. Answers the problem.
   */
  private JsonNode refused(Task task, String user, Completion completion, String sentence, String... fields) {
    String body = completion.json();
    JsonNode problem = null;
    for (String path : List.of("/engine-rest/task/" + task.getId() + "/complete",
        "/engine-rest/task/" + task.getId() + "/submit-form")) {
      FerryHttp.Answer answer = http.post(user, PASSWORDS.get(user), path, body);
      assertThat(answer.status()).as(path + " " + body + " → " + answer.body()).isEqualTo(400);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      problem = answer.json();
      assertThat(problem.get("title").asText()).isEqualTo("Decision refused");
      assertThat(problem.get("status").asInt()).isEqualTo(400);
      assertThat(problem.get("detail").asText()).contains(sentence).doesNotContain("ENGINE-");
      assertThat(fields(problem)).as(answer.body()).containsExactlyInAnyOrder(fields);
    }
    FerryHttp.Answer tasklist = tasklist(user).post(
        "/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form", body);
    assertThat(tasklist.status()).as(tasklist.body()).isEqualTo(400);
    assertThat(tasklist.json().get("message").asText()).contains(sentence)
        .doesNotContain("ENGINE-").doesNotContain("TaskListener").doesNotContain("Cannot submit task form");
    assertThat(fields(tasklist.json())).containsExactlyInAnyOrder(fields);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
    return problem;
  }

  /** As {@link #refused}, for four eyes: 403 on every path, with its own sentence. */
  private void forbidden(Task task, String user, Completion completion, String sentence) {
    String body = completion.json();
    for (String path : List.of("/engine-rest/task/" + task.getId() + "/complete",
        "/engine-rest/task/" + task.getId() + "/submit-form")) {
      FerryHttp.Answer answer = http.post(user, PASSWORDS.get(user), path, body);
      assertThat(answer.status()).as(path + " → " + answer.body()).isEqualTo(403);
      assertThat(answer.json().get("message").asText()).startsWith(sentence);
    }
    FerryHttp.Answer tasklist = tasklist(user).post(
        "/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form", body);
    assertThat(tasklist.status()).as(tasklist.body()).isEqualTo(403);
    assertThat(tasklist.json().get("message").asText()).startsWith(sentence);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
  }

  private WebappSession tasklist(String user) {
    WebappSession session = WebappSession.logIn(port, "tasklist", user, PASSWORDS.get(user));
    assertThat(session.loginStatus()).isEqualTo(200);
    return session;
  }



}
