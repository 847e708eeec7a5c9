package dev.ferry.simulator;

import static dev.ferry.simulator.Sandbox.configurationPackage;
import static dev.ferry.simulator.Sandbox.json;
import static dev.ferry.simulator.Sandbox.projectPackage;
import static dev.ferry.simulator.Sandbox.refusal;
import static dev.ferry.simulator.Sandbox.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PackageCreationTest {

  private final Sandbox sandbox = new Sandbox();
  private final SimulatedLibrary dev = sandbox.dev;

  @Test
  void createAnswersExactlyTheDocumentedShortForm() {
    ObjectNode answer = dev.create(sandbox.devSession, Sandbox.SOURCE_PROJECT, projectPackage("Sales"));

    String[] ids = answer.path("id").asText().split(":");
    assertThat(ids).hasSize(2).allMatch(id -> id.matches("[0-9A-F]{32}"));
    assertThat(answer).isEqualTo(json("""
        {
          "id": "%s:%s",
          "packageInfo": {"id": "%s", "status": "creating", "progress": 0},
          "importInfo": {"id": "%s", "status": "pending", "importRequestStatus": "pending",
                         "undoRequestStatus": "pending", "progress": 0}
        }
        """.formatted(ids[0], ids[1], ids[0], ids[1])));
  }

  @Test
  void thePackageIsBuiltOverTheCreateDurationWithRisingProgress() {
    String id = sandbox.create(projectPackage("Sales"));

    assertThat(sandbox.onDev(id).path("packageInfo").path("progress").asInt()).isZero();
    sandbox.clock.advance(Duration.ofSeconds(5));
    JsonNode halfway = sandbox.onDev(id);
    assertThat(status(halfway, "packageInfo")).isEqualTo("creating");
    assertThat(halfway.path("packageInfo").path("progress").asInt()).isEqualTo(50);
    assertThat(halfway.path("packageInfo").path("storage").isEmpty()).isTrue();

    sandbox.clock.advance(Duration.ofSeconds(5));
    JsonNode built = sandbox.onDev(id);
    assertThat(status(built, "packageInfo")).isEqualTo("created");
    assertThat(built.path("packageInfo").path("progress").asInt()).isEqualTo(100);
    assertThat(built.path("packageInfo").path("storage").path("size").asLong()).isPositive();
    assertThat(built.path("packageInfo").path("storage").path("path").asText())
        .matches("mstr/shared/migrations/packages/2022-03-16/[0-9A-F]{32}\\.mmp");
    assertThat(built.path("packageInfo").path("lastUpdatedDate").asText()).isEqualTo("2022-03-16T07:38:50.125+0000");
  }

  @Test
  void theRecordHasTheDocumentedShapeAndKeepsWhatTheCallerSent() {
    String id = sandbox.create(projectPackage("Sales"));
    sandbox.clock.advance(Sandbox.CREATE);

    JsonNode record = dev.get(sandbox.devSession, id, true);
    JsonNode packageInfo = record.path("packageInfo");
    JsonNode importInfo = record.path("importInfo");

    assertThat(packageInfo.path("replicated").asBoolean(true)).isFalse();
    assertThat(packageInfo.path("type").asText()).isEqualTo("project");
    assertThat(packageInfo.has("purpose")).isFalse();
    assertThat(packageInfo.path("name").asText()).isEqualTo("Sales");
    assertThat(packageInfo.path("creator").path("name").asText()).isEqualTo("ferry");
    assertThat(packageInfo.path("creator").path("id").asText()).matches("[0-9A-F]{32}");
    assertThat(packageInfo.path("creationDate").asText()).isEqualTo("2022-03-16T07:38:40.125+0000");
    assertThat(packageInfo.path("environment").path("name").asText()).isEqualTo("dev");
    assertThat(packageInfo.path("project")).isEqualTo(json("""
        {"id": "%s", "name": "MicroStrategy Tutorial"}""".formatted(Sandbox.SOURCE_PROJECT)));
    assertThat(packageInfo.path("message").asText()).isEmpty();
    assertThat(packageInfo.path("deleted").asBoolean(true)).isFalse();
    assertThat(packageInfo.path("existing").asBoolean()).isTrue();
    assertThat(packageInfo.path("tocView")).isEqualTo(projectPackage("Sales").path("packageInfo").path("tocView"));
    assertThat(packageInfo.path("ferryNote").asText()).isEqualTo("kept as sent");

    assertThat(importInfo.path("creator").isEmpty()).isTrue();
    assertThat(importInfo.path("environment").path("name").asText()).isEqualTo("prod");
    assertThat(importInfo.path("project").path("id").asText()).isEqualTo(Sandbox.TARGET_PROJECT);
    assertThat(importInfo.path("undoStorage").isEmpty()).isTrue();
    assertThat(status(record, "importInfo")).isEqualTo("pending");
    assertThat(importInfo.path("message").asText()).isEmpty();
    assertThat(importInfo.path("deleted").asBoolean(true)).isFalse();
    assertThat(record.path("version").asText()).isEqualTo("1");
  }

  @Test
  void aProjectMergeIsVersionTwo() {
    ObjectNode body = projectPackage("Merge");
    ((ObjectNode) body.get("packageInfo")).put("purpose", "project_merge");

    JsonNode record = sandbox.onDev(sandbox.create(body));

    assertThat(record.path("packageInfo").path("purpose").asText()).isEqualTo("project_merge");
    assertThat(record.path("version").asText()).isEqualTo("2");
  }

  @Test
  void aProjectPackageNeedsTheProjectHeader() {
    SimulatorError error = refusal(() -> dev.create(sandbox.devSession, null, projectPackage("Sales")));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.getMessage()).contains("X-MSTR-ProjectID", "required");
  }

  @Test
  void aConfigurationPackageMustNotSendTheProjectHeader() {
    SimulatorError error =
        refusal(() -> dev.create(sandbox.devSession, Sandbox.SOURCE_PROJECT, configurationPackage("Users")));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("X-MSTR-ProjectID", "must not be sent", "configuration");
    JsonNode record = sandbox.onDev(sandbox.create(configurationPackage("Users")));
    assertThat(record.path("packageInfo").path("type").asText()).isEqualTo("configuration");
    assertThat(record.path("packageInfo").has("project")).isFalse();
  }

  @Test
  void incompleteOrInvalidBodiesAreRefused() {
    assertRefused(body -> body.remove("packageInfo"), "ERR007", "packageInfo");
    assertRefused(body -> info(body).remove("name"), "ERR007", "packageInfo.name");
    assertRefused(body -> info(body).remove("type"), "ERR007", "packageInfo.type");
    assertRefused(body -> info(body).remove("tocView"), "ERR007", "packageInfo.tocView");
    assertRefused(body -> info(body).remove("environment"), "ERR006", "packageInfo.environment");
    assertRefused(body -> ((ObjectNode) body.get("importInfo")).remove("environment"), "ERR006",
        "importInfo.environment");
    assertRefused(body -> info(body).put("type", "dossier"), "ERR006", "'project' or 'configuration'");
    assertRefused(body -> info(body).put("purpose", "copy"), "ERR006", "'object_migration' or 'project_merge'");
    assertThat(dev.migrations()).isEmpty();
  }

  @Test
  void contentIsShownOnlyWhenAskedFor() {
    String id = sandbox.create(projectPackage("Sales"));

    assertThat(dev.get(sandbox.devSession, id, false).path("packageInfo").has("tocView")).isFalse();
    assertThat(dev.get(sandbox.devSession, id, false).path("packageInfo").has("treeView")).isFalse();
    assertThat(dev.get(sandbox.devSession, id, true).path("packageInfo").has("tocView")).isTrue();
    assertThat(dev.get(sandbox.devSession, id, true).path("packageInfo").has("treeView")).isTrue();
  }

  @Test
  void anUnknownMigrationIsNotFound() {
    SimulatorError error = refusal(() -> sandbox.onDev("0123:4567"));

    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(error.code()).isEqualTo("ERR004");
  }

  @Test
  void withAZeroDurationThePackageIsBuiltAtTheFirstRead() {
    Sandbox instant = new Sandbox(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    ObjectNode answer = instant.dev.create(instant.devSession, Sandbox.SOURCE_PROJECT, projectPackage("Sales"));

    assertThat(status(answer, "packageInfo")).isEqualTo("creating");
    assertThat(status(instant.onDev(answer.path("id").asText()), "packageInfo")).isEqualTo("created");
  }

  private void assertRefused(Consumer<ObjectNode> breakBody, String code, String mentioning) {
    ObjectNode body = projectPackage("Sales");
    breakBody.accept(body);
    SimulatorError error = refusal(() -> dev.create(sandbox.devSession, Sandbox.SOURCE_PROJECT, body));
    assertThat(error.code()).as(mentioning).isEqualTo(code);
    assertThat(error.getMessage()).contains(mentioning);
  }

  private static ObjectNode info(ObjectNode body) {
    return (ObjectNode) body.get("packageInfo");
  }
}
