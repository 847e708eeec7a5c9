package dev.ferry.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.Requests;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sandbox as a newcomer uses it, entirely over HTTP: the job executor runs the polling timers,
 * the simulated Libraries take half a second per step, a requester and an approver work their tasks
 * through the REST API that Tasklist uses, and the outcome is checked on the simulated target.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "end-to-end"})
class SandboxEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @LocalServerPort int port;
  @Autowired Simulator simulator;
  @Autowired dev.ferry.library.MigrationsClient migrations;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  @org.junit.jupiter.api.BeforeEach
  void activateEngine() {
    dev.ferry.support.MigrationScenario.activate(engine);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void fourEyesRefusalOverRestIsA403ThatSaysWhy() {
    if (identity.createUserQuery().userId("pat").count() == 0) {
      org.camunda.bpm.engine.identity.User pat = identity.newUser("pat");
      pat.setPassword("pat");
      identity.saveUser(pat);
      identity.createMembership("pat", "ferry-requesters");
      identity.createMembership("pat", "ferry-approvers");
    }
    FerryHttp http = new FerryHttp(port);
    String key = "FOUR-EYES-" + System.nanoTime();
    assertThat(http.post("pat", "pat", "/ferry/api/migrations?businessKey=" + key,
        Requests.objectMigration("Four eyes over REST").toString()).status()).isEqualTo(201);
    claimAndComplete(http, "pat", awaitTask(http, "pat", key, "request-import"), "{}");

    String approval = awaitTask(http, "pat", key, "approve-import");
    FerryHttp.Answer refused = http.post("pat", "pat", "/engine-rest/task/" + approval + "/complete",
        "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"}}}");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("type").asText()).isEqualTo("AuthorizationException");
    assertThat(refused.json().get("message").asText()).startsWith("Four eyes: pat asked for this");
    assertThat(http.get("pat", "pat", "/engine-rest/task/" + approval).status()).as("still open").isEqualTo(200);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void migrationGoesFromStartToUndoWithTwoUsers() {
    FerryHttp http = new FerryHttp(port);
    String key = "E2E-" + System.nanoTime();

    FerryHttp.Answer started = http.post("rita", "rita", "/ferry/api/migrations?businessKey=" + key,
        Requests.objectMigration("End to end").toString());
    assertThat(started.status()).isEqualTo(201);
    String instance = started.json().get("processInstanceId").asText();

    String request = awaitTask(http, "rita", key, "request-import");
    claimAndComplete(http, "rita", request, "{}");

    String approval = awaitTask(http, "abe", key, "approve-import");
    FerryHttp.Answer refused = http.post("rita", "rita", "/engine-rest/task/" + approval + "/complete",
        "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"}}}");
    assertThat(refused.status()).as("a requester completing the approval").isEqualTo(403);
    claimAndComplete(http, "abe", approval, "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"}}}");

    String review = awaitTask(http, "rita", key, "review-import");
    assertThat(variable(http, instance, "importStatus")).isEqualTo("imported");
    claimAndComplete(http, "rita", review, "{\"variables\": {\"undo\": {\"value\": true, \"type\": \"Boolean\"}}}");

    String undoApproval = awaitTask(http, "abe", key, "approve-undo");
    claimAndComplete(http, "abe", undoApproval,
        "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"}}}");

    await().atMost(PATIENCE).until(() -> "COMPLETED".equals(
        http.get("rita", "rita", "/engine-rest/history/process-instance/" + instance).json().path("state").asText()));
    assertThat(variable(http, instance, "outcome")).isEqualTo("undone");
    String migrationId = variable(http, instance, "migrationId");
    assertThat(simulator.environment("prod").migration(migrationId).orElseThrow().at("/importInfo/status").asText())
        .isEqualTo("undo_success");
    assertThat(simulator.environment("dev").migration(migrationId).orElseThrow()
        .at("/importInfo/importRequestStatus").asText()).isEqualTo("approved");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void groupOfAConfigurationAndTwoProjectPackagesGoesFromStartToUndo() {
    FerryHttp http = new FerryHttp(port);
    String key = "GROUP-" + System.nanoTime();
    FerryHttp.Answer started = http.post("rita", "rita", "/ferry/api/migration-groups?businessKey=" + key,
        Requests.group("Quarter end", "Tutorial", "Human Resources").toString());
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String instance = started.json().get("processInstanceId").asText();

    approveAndUndo(http, key);

    await().atMost(PATIENCE).until(() -> "COMPLETED".equals(
        http.get("rita", "rita", "/engine-rest/history/process-instance/" + instance).json().path("state").asText()));
    assertThat(variable(http, instance, "outcome")).isEqualTo("undone");
    JsonNode target = simulator.environment("prod").group(variable(http, instance, "migrationId")).orElseThrow();
    assertThat(target.get("migrations")).hasSize(3)
        .allSatisfy(m -> assertThat(m.at("/importInfo/status").asText()).isEqualTo("undo_success"));
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void packageTravelsFromDevToProdByDownloadAndUploadAndIsUndone() {
    FerryHttp http = new FerryHttp(port);
    dev.ferry.library.Migration source = migrations.create(
        dev.ferry.library.LibraryScope.of("dev", Requests.SOURCE_PROJECT), Requests.objectMigration("Travelling"));
    await().atMost(PATIENCE).until(() -> "created".equals(migrations.get(
        dev.ferry.library.LibraryScope.of("dev", Requests.SOURCE_PROJECT), source.id(), false).packageStatus()));
    String key = "TRANSFER-" + System.nanoTime();
    FerryHttp.Answer started = http.post("rita", "rita", "/ferry/api/transfers?businessKey=" + key,
        "{\"source\": {\"environment\": \"dev\", \"migrationId\": \"" + source.id() + "\"}, \"target\": "
            + "{\"environment\": \"prod\", \"project\": {\"id\": \"" + Requests.TARGET_PROJECT + "\"}}}");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String instance = started.json().get("processInstanceId").asText();

    approveAndUndo(http, key);

    await().atMost(PATIENCE).until(() -> "COMPLETED".equals(
        http.get("rita", "rita", "/engine-rest/history/process-instance/" + instance).json().path("state").asText()));
    assertThat(variable(http, instance, "outcome")).isEqualTo("undone");
    assertThat(simulator.environment("prod").migration(variable(http, instance, "migrationId")).orElseThrow()
        .at("/importInfo/status").asText()).isEqualTo("undo_success");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void mmpFileHandedToFerryIsImportedAfterApproval() {
    FerryHttp http = new FerryHttp(port);
    String key = "FILE-" + System.nanoTime();
    byte[] content = new byte[100_000];
    new java.util.Random(42).nextBytes(content);
    FerryHttp.Answer started = http.postFile("rita", "rita", "/ferry/api/transfers?businessKey=" + key, "Sales.mmp",
        content, java.util.Map.of("packageType", "project", "packagePurpose", "object_migration",
            "targetEnvironment", "prod", "targetProject", Requests.TARGET_PROJECT));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String instance = started.json().get("processInstanceId").asText();

    claimAndComplete(http, "rita", awaitTask(http, "rita", key, "request-import"), "{}");
    claimAndComplete(http, "abe", awaitTask(http, "abe", key, "approve-import"),
        "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"}}}");
    claimAndComplete(http, "rita", awaitTask(http, "rita", key, "review-import"),
        "{\"variables\": {\"undo\": {\"value\": false, \"type\": \"Boolean\"}}}");

    await().atMost(PATIENCE).until(() -> "COMPLETED".equals(
        http.get("rita", "rita", "/engine-rest/history/process-instance/" + instance).json().path("state").asText()));
    assertThat(variable(http, instance, "outcome")).isEqualTo("imported");
    String fileId = variable(http, instance, "fileId");
    assertThat(simulator.environment("prod").file(fileId).orElseThrow().path("size").asLong()).isEqualTo(100_000);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void approverSeesTheValidationSendsThePackageBackAndTheEditedPackageIsApprovedAndImported() throws Exception {
    FerryHttp http = new FerryHttp(port);
    String key = "EDIT-" + System.nanoTime();
    FerryHttp.Answer started = http.post("rita", "rita", "/ferry/api/migrations?businessKey=" + key,
        Requests.objectMigration("Edited end to end").toString());
    assertThat(started.status()).isEqualTo(201);
    String instance = started.json().get("processInstanceId").asText();
    claimAndComplete(http, "rita", awaitTask(http, "rita", key, "request-import"), "{}");

    String approval = awaitTask(http, "abe", key, "approve-import");
    JsonNode seen = http.get("abe", "abe", "/engine-rest/task/" + approval + "/form-variables").json();
    assertThat(seen.at("/validationStatus/value").asText()).as("the approver sees the validation").isEqualTo("validated");
    claimAndComplete(http, "abe", approval, "{\"variables\": {\"decision\": {\"value\": \"changesRequested\"}, "
        + "\"comment\": {\"value\": \"leave Object 2 out; Object 1 only if newer\"}}}");

    editAndResubmit(http, key, "Edited end to end v2", 2, 1, 0);

    String again = awaitTask(http, "abe", key, "approve-import");
    JsonNode rebuilt = http.get("abe", "abe", "/engine-rest/task/" + again + "/form-variables").json();
    assertThat(rebuilt.at("/validationStatus/value").asText()).isEqualTo("validated");
    assertThat(rebuilt.at("/objectCount/value").asInt()).isEqualTo(1);
    assertThat(rebuilt.at("/packageName/value").asText()).isEqualTo("Edited end to end v2");
    claimAndComplete(http, "abe", again, "{\"variables\": {\"decision\": {\"value\": \"approved\"}}}");
    claimAndComplete(http, "rita", awaitTask(http, "rita", key, "review-import"),
        "{\"variables\": {\"undo\": {\"value\": false, \"type\": \"Boolean\"}}}");

    await().atMost(PATIENCE).until(() -> "COMPLETED".equals(
        http.get("rita", "rita", "/engine-rest/history/process-instance/" + instance).json().path("state").asText()));
    assertThat(variable(http, instance, "outcome")).isEqualTo("imported");
    JsonNode imported = simulator.environment("prod").migration(variable(http, instance, "migrationId")).orElseThrow();
    assertThat(imported.at("/packageInfo/name").asText()).isEqualTo("Edited end to end v2");
    assertThat(imported.at("/packageInfo/tocView/content")).hasSize(1);
    assertThat(imported.at("/packageInfo/tocView/content/0/action").asText()).isEqualTo("use_newer");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aGroupSentBackIsEditedAndTheRebuiltGroupIsApprovedAndImported() throws Exception {
    FerryHttp http = new FerryHttp(port);
    String key = "GROUP-EDIT-" + System.nanoTime();
    FerryHttp.Answer started = http.post("rita", "rita", "/ferry/api/migration-groups?businessKey=" + key,
        Requests.group("Group edited end to end", "Tutorial", "Human Resources").toString());
    assertThat(started.status()).isEqualTo(201);
    String instance = started.json().get("processInstanceId").asText();
    claimAndComplete(http, "rita", awaitTask(http, "rita", key, "request-import"), "{}");
    claimAndComplete(http, "abe", awaitTask(http, "abe", key, "approve-import"), "{\"variables\": {\"decision\": "
        + "{\"value\": \"changesRequested\"}, \"comment\": {\"value\": \"no Metric 1\"}}}");

    editAndResubmit(http, key, "Group edited v2", 5, 2, 3);

    claimAndComplete(http, "abe", awaitTask(http, "abe", key, "approve-import"),
        "{\"variables\": {\"decision\": {\"value\": \"approved\"}}}");
    claimAndComplete(http, "rita", awaitTask(http, "rita", key, "review-import"),
        "{\"variables\": {\"undo\": {\"value\": false, \"type\": \"Boolean\"}}}");
    await().atMost(PATIENCE).until(() -> "COMPLETED".equals(
        http.get("rita", "rita", "/engine-rest/history/process-instance/" + instance).json().path("state").asText()));
    assertThat(variable(http, instance, "outcome")).isEqualTo("imported");
    JsonNode target = simulator.environment("prod").group(variable(http, instance, "migrationId")).orElseThrow();
    assertThat(target.path("name").asText()).isEqualTo("Group edited v2");
    int objects = 0;
    for (JsonNode m : target.get("migrations")) {
      assertThat(m.at("/importInfo/status").asText()).isEqualTo("imported");
      objects += m.at("/packageInfo/tocView/content").size();
    }
    assertThat(objects).isEqualTo(4);
  }

  /**
   * As rita in Edit package, the way Tasklist submits the form: reads the offered rows, removes the
   * one at {@code remove}, sets the one at {@code newer} (counted after the removal) to use_newer,
   * renames the package and resubmits; {@code offered} is how many rows the form showed.
   */
  private static void editAndResubmit(FerryHttp http, String key, String name, int offered, int remove, int newer)
      throws Exception {
    String edit = awaitTask(http, "rita", key, "edit-package");
    // as Tasklist reads them: JSON variables as their text
    JsonNode form = http.get("rita", "rita", "/engine-rest/task/" + edit + "/form-variables?deserializeValues=false")
        .json();
    assertThat(form.at("/editObjects/type").asText()).as(form.toString()).isEqualTo("Json");
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ArrayNode rows =
        (com.fasterxml.jackson.databind.node.ArrayNode) mapper.readTree(form.at("/editObjects/value").asText());
    assertThat(rows).hasSize(offered);
    rows.remove(remove);
    ((com.fasterxml.jackson.databind.node.ObjectNode) rows.get(newer)).put("action", "use_newer");
    com.fasterxml.jackson.databind.node.ObjectNode body = mapper.createObjectNode();
    com.fasterxml.jackson.databind.node.ObjectNode variables = body.putObject("variables");
    variables.putObject("editName").put("value", name);
    variables.putObject("editObjects").put("value", rows.toString()).put("type", "Json");
    variables.putObject("resubmit").put("value", true).put("type", "Boolean");
    claimAndComplete(http, "rita", edit, body.toString());
  }

  private static void approveAndUndo(FerryHttp http, String key) {
    claimAndComplete(http, "rita", awaitTask(http, "rita", key, "request-import"), "{}");
    claimAndComplete(http, "abe", awaitTask(http, "abe", key, "approve-import"),
        "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"}}}");
    claimAndComplete(http, "rita", awaitTask(http, "rita", key, "review-import"),
        "{\"variables\": {\"undo\": {\"value\": true, \"type\": \"Boolean\"}}}");
    claimAndComplete(http, "abe", awaitTask(http, "abe", key, "approve-undo"),
        "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"}}}");
  }

  /** Waits until the user sees the task with that key for that business key, and returns its id. */
  private static String awaitTask(FerryHttp http, String user, String businessKey, String taskKey) {
    String path = "/engine-rest/task?taskDefinitionKey=" + taskKey + "&processInstanceBusinessKey="
        + URLEncoder.encode(businessKey, StandardCharsets.UTF_8);
    JsonNode[] found = new JsonNode[1];
    await().atMost(PATIENCE).until(() -> {
      JsonNode tasks = http.get(user, user, path).json();
      found[0] = tasks.isArray() && tasks.size() == 1 ? tasks.get(0) : null;
      return found[0] != null;
    });
    return found[0].get("id").asText();
  }

  private static void claimAndComplete(FerryHttp http, String user, String taskId, String body) {
    assertThat(http.post(user, user, "/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + user + "\"}")
        .status()).isEqualTo(204);
    FerryHttp.Answer completed = http.post(user, user, "/engine-rest/task/" + taskId + "/complete", body);
    assertThat(completed.status()).as(completed.body()).isIn(200, 204);
  }

  private static String variable(FerryHttp http, String instance, String name) {
    JsonNode variables = http.get("rita", "rita",
        "/engine-rest/history/variable-instance?processInstanceId=" + instance + "&variableName=" + name).json();
    return variables.size() == 0 ? null : variables.get(0).get("value").asText();
  }
}
