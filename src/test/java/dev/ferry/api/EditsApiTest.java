package dev.ferry.api;

import dev.ferry.support.Problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.simulator.SimulatedLibrary;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code PUT /ferry/api/migrations/{businessKey}/package}: edits for automation, with the Library's rules as 400s. */
class EditsApiTest extends MigrationScenario {

  static final ObjectMapper MAPPER = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired Simulator simulator;
  @Autowired dev.ferry.library.MigrationsClient migrations;
  FerryHttp http;

  @BeforeEach
  void client() {
    http = new FerryHttp(port);
  }

  SimulatedLibrary dev() { return simulator.environment("dev"); }

  ProcessInstance waitingForApproval(String key) {
    ProcessInstance migration = runtime.startProcessInstanceByKey("migration", key, Map.of("request",
        SpinValues.jsonValue(Requests.objectMigration(key).toString()).create()));
    driver.runJobs(migration.getId());
    complete(migration, "request-import", REQUESTER, Map.of());
    return migration;
  }

  ObjectNode edit(String name, String... actions) {
    ObjectNode body = MAPPER.createObjectNode().put("name", name);
    ArrayNode objects = body.putArray("objects");
    for (int i = 0; i < actions.length; i++) {
      objects.addObject().put("id", String.format("%032X", i + 1)).put("name", "Object " + (i + 1)).put("type", 12)
          .put("action", actions[i]);
    }
    return body;
  }

  FerryHttp.Answer put(String user, String key, JsonNode body) {
    return http.put(user, user, "/ferry/api/migrations/" + key.replace(" ", "%20") + "/package", body.toString());
  }

  @Test
  void aRequesterEditsAMigrationWaitingForApprovalAndItComesBackRebuiltForApproval() {
    ProcessInstance migration = waitingForApproval("API edit");

    FerryHttp.Answer answer = put(REQUESTER, "API edit", edit("API edit v2", "use_older"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    assertThat(answer.json().get("status").asText()).isEqualTo("rebuilding");
    assertThat(answer.json().get("processInstanceId").asText()).isEqualTo(migration.getId());
    driver.runJobs(migration.getId());
    assertThat(approvalOf(migration)).isWaitingAt("approve-import").hasPassed("edit-while-waiting", "mark-withdrawn",
        "apply-edit");
    JsonNode source = dev().migration((String) variable(migration, "migrationId")).orElseThrow();
    assertThat(source.at("/packageInfo/name").asText()).isEqualTo("API edit v2");
    assertThat(source.at("/packageInfo/tocView/content")).hasSize(1);
    assertThat(source.at("/packageInfo/tocView/content/0/action").asText()).isEqualTo("use_older");
    assertThat(source.at("/importInfo/importRequestStatus").asText()).isEqualTo("requested");
    assertThat(variable(migration, "validationStatus")).isEqualTo("validated");

    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    assertThat(migration).isWaitingAt("review-import");
  }

  @Test
  void aMigrationWaitingForItsRequesterTakesTheEditThroughTheEditTask() {
    ProcessInstance migration = waitingForApproval("API edit task");
    complete(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested", "comment", "one object"));

    FerryHttp.Answer answer = put(REQUESTER, "API edit task", edit("API edit task", "replace"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    driver.runJobs(migration.getId());
    assertThat(approvalOf(migration)).isWaitingAt("approve-import").hasPassed("edit-package");
    assertThat(variable(approvalOf(migration), "importRequester")).isEqualTo(REQUESTER);
    assertThat(variable(migration, "objectCount")).isEqualTo(1);
  }

  @Test
  void everyBrokenRuleIsA400NamingTheField() {
    waitingForApproval("API bad edit");
    ObjectNode body = edit(" ", "overwrite", "replace");
    body.put("type", "configuration");
    body.put("purpose", "project_merge");
    ((ObjectNode) body.at("/objects/1")).remove("type");

    FerryHttp.Answer answer = put(REQUESTER, "API bad edit", body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(Problems.fields(answer.json())).containsExactlyInAnyOrder("type", "purpose", "name", "objects[0].action",
        "objects[1].type");
    assertThat(answer.body()).contains("cannot change: the package's type is 'project'")
        .contains("'overwrite' is not a conflict action");
  }

  @Test
  void aRequesterMayEditBeforeRequestingAndTheEditCountsAsTheRequest() {
    ProcessInstance migration = runtime.startProcessInstanceByKey("migration", "API before request", Map.of("request",
        SpinValues.jsonValue(Requests.objectMigration("API before request fail-validation").toString()).create()));
    driver.runJobs(migration.getId());
    assertThat(approvalOf(migration)).isWaitingAt("request-import");
    assertThat(variable(migration, "validationStatus")).isEqualTo("validation_failed");

    FerryHttp.Answer answer = put(REQUESTER, "API before request", edit("API before request fixed", "replace"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    driver.runJobs(migration.getId());
    assertThat(approvalOf(migration)).isWaitingAt("approve-import").hasPassed("edit-before-request", "apply-edit")
        .hasNotPassed("mark-withdrawn");
    assertThat(variable(migration, "validationStatus")).as("validated again, without the marker").isEqualTo("validated");
    assertThat(variable(approvalOf(migration), "importRequester")).isEqualTo(REQUESTER);
  }

  @Test
  void aMigrationThatIsBusyAtTheLibraryOrThatDoesNotExistIsRefused() {
    ProcessInstance migration = runtime.startProcessInstanceByKey("migration", "API busy", Map.of("request",
        SpinValues.jsonValue(Requests.objectMigration("API busy stall-validation").toString()).create()));
    driver.runJobs(migration.getId(), 12);
    assertThat(approvalOf(migration)).isWaitingAt("wait-validation");

    FerryHttp.Answer busy = put(REQUESTER, "API busy", edit("API busy", "replace"));
    assertThat(busy.status()).isEqualTo(400);
    assertThat(busy.body()).contains("is busy at the Library")
        .contains("edit it once it waits at 'Request import', 'Approve import' or 'Edit package'");

    FerryHttp.Answer missing = put(REQUESTER, "No such migration", edit("x", "replace"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("No running migration has business key 'No such migration'");

    FerryHttp.Answer unreadable = http.put(REQUESTER, REQUESTER, "/ferry/api/migrations/API%20busy/package", "{");
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.body()).contains("is not valid JSON");
    runtime.deleteProcessInstance(migration.getId(), "test done: its validation never ends");
  }

  @Test
  void anUploadedMigrationCannotBeEdited() {
    dev.ferry.library.LibraryScope source = dev.ferry.library.LibraryScope.of("dev", Requests.SOURCE_PROJECT);
    String sourceId = migrations.create(source, Requests.objectMigration("API upload")).id();
    migrations.get(source, sourceId, false);
    ObjectNode request = MAPPER.createObjectNode();
    request.putObject("source").put("environment", "dev").put("migrationId", sourceId);
    request.putObject("target").put("environment", "prod").putObject("project").put("id", Requests.TARGET_PROJECT);
    ProcessInstance transfer = runtime.startProcessInstanceByKey("package-transfer", "API upload",
        Map.of("request", SpinValues.jsonValue(request.toString()).create()));
    driver.runJobs(transfer.getId());
    ProcessInstance migration = runtime.createProcessInstanceQuery().superProcessInstanceId(transfer.getId())
        .singleResult();
    assertThat(approvalOf(migration)).isWaitingAt("request-import");

    FerryHttp.Answer answer = put(REQUESTER, "API upload", edit("API upload", "replace"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(Problems.fields(answer.json())).containsExactly("migration");
    assertThat(answer.body()).contains("the Library cannot edit uploaded migrations");
  }

  @Test
  void onlyRequestersEditAndStrangersAreNotLetIn() {
    waitingForApproval("API who");
    assertThat(put(APPROVER, "API who", edit("API who", "replace")).status()).isEqualTo(403);
    assertThat(http.put(null, null, "/ferry/api/migrations/API%20who/package", edit("x", "replace").toString())
        .status()).isEqualTo(401);
  }

  @Test
  void aGroupIsEditedThroughTheSameEndpointWithItsRowsNamingTheirPackage() throws Exception {
    ProcessInstance group = runtime.startProcessInstanceByKey("migration-group", "API group", Map.of("request",
        SpinValues.jsonValue(Requests.group("API group", "Tutorial").toString()).create()));
    driver.runJobs(group.getId());
    ProcessInstance migration = runtime.createProcessInstanceQuery().superProcessInstanceId(group.getId())
        .singleResult();
    complete(migration, "request-import", REQUESTER, Map.of());
    ObjectNode body = MAPPER.createObjectNode().put("name", "API group edited");
    body.putArray("objects").addObject().put("package", "Tutorial (00000000000000000000000000ABC000)")
        .put("id", String.format("%032X", 0xDEF000)).put("name", "Report 0").put("type", 3).put("action", "replace");
    ObjectNode unknown = body.deepCopy();
    ((ObjectNode) unknown.at("/objects/0")).put("package", "Sales");

    FerryHttp.Answer refused = put(REQUESTER, "API group", unknown);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(Problems.fields(refused.json())).containsExactly("objects[0].package");

    FerryHttp.Answer answer = put(REQUESTER, "API group", body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    driver.runJobs(group.getId());
    assertThat(variable(approvalOf(migration), "editRefusal")).isNull();
    assertThat(approvalOf(migration)).isWaitingAt("approve-import");
    JsonNode source = simulator.environment("dev").group((String) variable(migration, "migrationId")).orElseThrow();
    assertThat(source.path("name").asText()).isEqualTo("API group edited");
    assertThat(source.path("migrations")).as("the configuration package left the group").hasSize(1);
  }
}
