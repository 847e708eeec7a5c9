package dev.ferry.api;

import static dev.ferry.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST /ferry/api/migration-groups}: each documented group rule refused with its message. */
class MigrationGroupsApiTest extends MigrationScenario {

  @LocalServerPort int port;
  FerryHttp http;

  @BeforeEach
  void client() {
    http = new FerryHttp(port);
  }

  FerryHttp.Answer post(ObjectNode body) {
    return http.post(REQUESTER, "rita", "/ferry/api/migration-groups", body.toString());
  }

  @Test
  void validGroupStartsTheMigrationGroupProcess() {
    FerryHttp.Answer answer = post(Requests.group("Quarter end", "Tutorial", "Human Resources"));

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.json().get("businessKey").asText()).isEqualTo("Quarter end");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(answer.json().get("processInstanceId").asText())
        .singleResult().getProcessDefinitionId()).startsWith("migration-group:");
  }

  @Test
  void configurationPackageMustComeFirst() {
    ObjectNode body = Requests.group("Config last", "Tutorial");
    ArrayNode migrations = body.withArray("migrations");
    migrations.add(migrations.remove(0));

    FerryHttp.Answer answer = post(body);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(fields(answer.json())).containsExactly("migrations[1].packageInfo.type");
    assertThat(answer.body()).contains("must come first").contains("corrupt the metadata");
  }

  @Test
  void atMostOnePackagePerProject() {
    ObjectNode body = Requests.group("Twice", "Tutorial", "Tutorial again");
    ((ObjectNode) body.at("/migrations/2/packageInfo/project")).put("id", body.at("/migrations/1/packageInfo/project/id")
        .asText());

    FerryHttp.Answer answer = post(body);
    assertThat(fields(answer.json())).containsExactly("migrations[2].packageInfo.project.id");
    assertThat(answer.body()).contains("already has a package at migrations[1]");
  }

  @Test
  void atMostOneHundredPackages() {
    String[] projects = new String[100];
    for (int i = 0; i < projects.length; i++) {
      projects[i] = "Project " + i;
    }
    FerryHttp.Answer answer = post(Requests.group("Too big", projects));
    assertThat(fields(answer.json())).containsExactly("migrations");
    assertThat(answer.body()).contains("has 101 packages").contains("at most 100").contains("ferry.groups.max-packages");
  }

  @Test
  void projectPackagesNameTheirProjectAndTheConfigurationPackageNone() {
    ObjectNode body = Requests.group("Projects", "Tutorial");
    ((ObjectNode) body.at("/migrations/1/packageInfo")).remove("project");
    ((ObjectNode) body.at("/migrations/1/importInfo")).remove("project");
    ((ObjectNode) body.at("/migrations/0/importInfo")).putObject("project").put("id", Requests.TARGET_PROJECT);

    assertThat(fields(post(body).json())).containsExactlyInAnyOrder("migrations[0].importInfo.project",
        "migrations[1].packageInfo.project.id", "migrations[1].importInfo.project.id");
  }

  @Test
  void conflictActionsSettingsAndEnvironmentsComeFromTheDocumentedLists() {
    ObjectNode body = Requests.group("Lists", "Tutorial");
    ((ObjectNode) body.at("/migrations/1/packageInfo/tocView/content/0")).put("action", "merge");
    ((ObjectNode) body.at("/migrations/0/packageInfo/tocView/settings")).put("aclOnReplacingObjects", "inherit");
    ((ObjectNode) body.get("targetEnvironment")).put("id", "qa");
    body.put("version", "1");

    FerryHttp.Answer answer = post(body);
    assertThat(fields(answer.json())).containsExactlyInAnyOrder("migrations[1].packageInfo.tocView.content[0].action",
        "migrations[0].packageInfo.tocView.settings.aclOnReplacingObjects", "targetEnvironment.id", "version");
    assertThat(answer.body()).contains("'merge' is not a conflict action").contains("'qa' is not a configured");
  }
}
