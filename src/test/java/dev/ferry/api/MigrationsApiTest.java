package dev.ferry.api;

import static dev.ferry.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST /ferry/api/migrations}: who may call it, what it refuses, and what it starts. */
class MigrationsApiTest extends MigrationScenario {

  @LocalServerPort int port;
  FerryHttp http;

  @BeforeEach
  void client() {
    http = new FerryHttp(port);
  }

  @Test
  void requesterStartsAMigrationAndGetsTheInstanceId() {
    FerryHttp.Answer answer = http.post(REQUESTER, "rita", "/ferry/api/migrations?businessKey=CHG-1042",
        Requests.objectMigration("Sales dashboards").toString());

    assertThat(answer.status()).isEqualTo(201);
    String id = answer.json().get("processInstanceId").asText();
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    assertThat(instance.getBusinessKey()).isEqualTo("CHG-1042");
    assertThat(runtime.getVariable(id, "initiator")).isEqualTo(REQUESTER);
    driver.runJobs(id);
    assertThat(task(instance, "request-import")).isNotNull();
  }

  @Test
  void packageNameIsTheBusinessKeyWhenNoneIsGiven() {
    FerryHttp.Answer answer = http.post(REQUESTER, "rita", "/ferry/api/migrations",
        Requests.configurationMigration("Security roles").toString());
    assertThat(answer.json().get("businessKey").asText()).isEqualTo("Security roles");
  }

  @Test
  void everyViolationIsListedAsProblemJson() {
    ObjectNode body = Requests.objectMigration("Broken");
    ((ObjectNode) body.get("packageInfo")).put("type", "cube");
    ((ObjectNode) body.get("packageInfo")).put("purpose", "teleport");
    ((ObjectNode) body.at("/packageInfo/environment")).put("id", "staging");
    ((ObjectNode) body.at("/packageInfo/tocView/settings")).put("defaultAction", "overwrite");
    long before = runtime.createProcessInstanceQuery().count();

    FerryHttp.Answer answer = http.post(REQUESTER, "rita", "/ferry/api/migrations", body.toString());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(fields(answer.json())).containsExactlyInAnyOrder("packageInfo.type", "packageInfo.purpose",
        "packageInfo.environment.id", "packageInfo.tocView.settings.defaultAction");
    assertThat(answer.json().get("detail").asText()).contains("4 problems");
    assertThat(answer.body()).contains("'staging' is not a configured environment").contains("dev, prod");
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void projectRulesAreCheckedForBothPackageTypes() {
    ObjectNode project = Requests.objectMigration("No projects");
    ((ObjectNode) project.get("packageInfo")).remove("project");
    ((ObjectNode) project.get("importInfo")).remove("project");
    assertThat(fields(http.post(REQUESTER, "rita", "/ferry/api/migrations", project.toString()).json()))
        .containsExactlyInAnyOrder("packageInfo.project.id", "importInfo.project.id");

    ObjectNode configuration = Requests.configurationMigration("With project");
    ((ObjectNode) configuration.get("importInfo")).putObject("project").put("id", Requests.TARGET_PROJECT);
    assertThat(fields(http.post(REQUESTER, "rita", "/ferry/api/migrations", configuration.toString()).json()))
        .containsExactly("importInfo.project");
  }

  @Test
  void projectMergeAcceptsOnlyTheDocumentedMergeActions() {
    ObjectNode merge = Requests.projectMerge("Merge");
    ((ObjectNode) merge.at("/packageInfo/tocView/settings/objectActions/0")).put("action", "force_replace");
    FerryHttp.Answer answer = http.post(REQUESTER, "rita", "/ferry/api/migrations", merge.toString());
    assertThat(fields(answer.json())).containsExactly("packageInfo.tocView.settings.objectActions[0].action");
    assertThat(answer.body()).contains("for a project merge");
  }

  @Test
  void malformedJsonIsRefusedWithWhereItBroke() {
    FerryHttp.Answer answer = http.post(REQUESTER, "rita", "/ferry/api/migrations", "{\"packageInfo\": {");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("is not valid JSON").contains("line 1");
  }

  @Test
  void callersWithoutCredentialsAreTurnedAway() {
    assertThat(http.post(null, null, "/ferry/api/migrations", "{}").status()).isEqualTo(401);
    // a throwaway user: a wrong password makes Camunda hold the account back for a few seconds
    if (identity.createUserQuery().userId("mallory").count() == 0) {
      org.camunda.bpm.engine.identity.User mallory = identity.newUser("mallory");
      mallory.setPassword("right");
      identity.saveUser(mallory);
    }
    assertThat(http.post("mallory", "wrong", "/ferry/api/migrations", "{}").status()).isEqualTo(401);
    assertThat(http.get(null, null, "/engine-rest/task").status()).isEqualTo(401);
    assertThat(http.get(REQUESTER, "rita", "/engine-rest/task").status()).isEqualTo(200);
  }

  @Test
  void approversCannotStartMigrations() {
    FerryHttp.Answer answer = http.post(APPROVER, "abe", "/ferry/api/migrations",
        Requests.objectMigration("Not mine").toString());
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body()).contains("abe");
  }

  @Test
  void sameIdempotencyKeyTwiceReturnsTheFirstMigration() {
    Map<String, String> key = Map.of("Idempotency-Key", "pipeline-run-" + System.nanoTime());
    String body = Requests.objectMigration("Once only").toString();

    FerryHttp.Answer first = http.post(REQUESTER, "rita", "/ferry/api/migrations", body, key);
    FerryHttp.Answer again = http.post(REQUESTER, "rita", "/ferry/api/migrations", body, key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("processInstanceId").asText()).isEqualTo(first.json().get("processInstanceId").asText());
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("Once only").count()).isEqualTo(1);
  }

  @Test
  void racingRequestsWithOneKeyStartOneMigration() throws Exception {
    Map<String, String> key = Map.of("Idempotency-Key", "race-" + System.nanoTime());
    String body = Requests.objectMigration("Raced").toString();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<FerryHttp.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(pool.submit(() -> http.post(REQUESTER, "rita", "/ferry/api/migrations", body, key)));
      }
      Set<String> instances = new HashSet<>();
      for (Future<FerryHttp.Answer> answer : answers) {
        assertThat(answer.get().status()).isIn(200, 201);
        instances.add(answer.get().json().get("processInstanceId").asText());
      }
      assertThat(instances).hasSize(1);
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("Raced").count()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void idempotencyKeysBelongToTheUserWhoSentThem() {
    if (identity.createUserQuery().userId("rob").count() == 0) {
      org.camunda.bpm.engine.identity.User rob = identity.newUser("rob");
      rob.setPassword("rob");
      identity.saveUser(rob);
      identity.createMembership("rob", "ferry-requesters");
    }
    Map<String, String> key = Map.of("Idempotency-Key", "shared-" + System.nanoTime());
    String body = Requests.objectMigration("Two users").toString();

    String rita = http.post(REQUESTER, "rita", "/ferry/api/migrations", body, key).json().get("processInstanceId").asText();
    FerryHttp.Answer rob = http.post("rob", "rob", "/ferry/api/migrations", body, key);

    assertThat(rob.status()).isEqualTo(201);
    assertThat(rob.json().get("processInstanceId").asText()).isNotEqualTo(rita);
  }

}
