package dev.ferry.simulator;

import static dev.ferry.simulator.GroupSandbox.configuration;
import static dev.ferry.simulator.GroupSandbox.documentedRequest;
import static dev.ferry.simulator.GroupSandbox.group;
import static dev.ferry.simulator.GroupSandbox.project;
import static dev.ferry.simulator.GroupSandbox.projectId;
import static dev.ferry.simulator.GroupSandbox.statuses;
import static dev.ferry.simulator.GroupSandbox.threeProjects;
import static dev.ferry.simulator.Sandbox.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST and GET /api/migrationGroups on the source: the group rules, building in turn, fail fast, order. */
class MigrationGroupCreationTest {

  private final GroupSandbox groups = new GroupSandbox();
  private final Sandbox sandbox = groups.sandbox;

  @Test
  void theDocumentedRequestCreatesAGroupWithTheDocumentedAnswer() {
    JsonNode answer = groups.dev.createGroup(sandbox.devSession, documentedRequest());

    String id = answer.path("id").asText();
    assertThat(id).matches("[0-9A-F]{32}:[0-9A-F]{32}");
    String[] groupIds = id.split(":");
    List<String[]> packageIds = new ArrayList<>();
    answer.path("migrations").forEach(m -> packageIds.add(m.path("id").asText().split(":")));
    assertThat(packageIds).hasSize(2).allSatisfy(ids -> {
      assertThat(ids).hasSize(2);
      assertThat(ids[0]).matches("[0-9A-F]{32}");
      assertThat(ids[1]).matches("[0-9A-F]{32}");
    });
    assertThat(answer).isEqualTo(Sandbox.json("""
        {
          "id": "%1$s:%2$s",
          "name": "test_migrationGroup",
          "importRequestStatus": "pending",
          "undoRequestStatus": "pending",
          "migrations": [
            {
              "id": "%3$s:%4$s",
              "packageInfo": {"id": "%3$s", "groupId": "%1$s", "status": "creating", "progress": 0.0},
              "importInfo": {"id": "%4$s", "groupId": "%2$s", "status": "pending", "progress": 0.0}
            },
            {
              "id": "%5$s:%6$s",
              "packageInfo": {"id": "%5$s", "groupId": "%1$s", "status": "empty", "progress": 0.0},
              "importInfo": {"id": "%6$s", "groupId": "%2$s", "status": "pending", "progress": 0.0}
            }
          ]
        }
        """.formatted(groupIds[0], groupIds[1], packageIds.get(0)[0], packageIds.get(0)[1], packageIds.get(1)[0],
        packageIds.get(1)[1])));
    assertThat(answer.toString()).contains("\"progress\":0.0");
  }

  @Test
  void theGroupIsReadInTheDocumentedShape() {
    String id = groups.create(documentedRequest());
    sandbox.clock.advance(Sandbox.CREATE.multipliedBy(2));

    JsonNode group = groups.onDev(id);

    assertThat(group.fieldNames()).toIterable().containsExactly("id", "name", "sourceEnvironment",
        "targetEnvironment", "treeView", "importRequestStatus", "undoRequestStatus", "creationDate",
        "lastUpdatedDate", "migrations", "version");
    assertThat(group.path("treeView").asText()).isEqualTo("{}");
    assertThat(group.path("sourceEnvironment")).isEqualTo(Sandbox.json(
        "{\"id\": \"environment_url_src\", \"name\": \"environment_src\"}"));
    assertThat(group.path("version").asText()).isEqualTo("1");
    assertThat(group.path("creationDate").asText()).isEqualTo("2022-03-16T07:38:40.125+0000");
    assertThat(group.path("lastUpdatedDate").asText()).as("when the last package was built")
        .isEqualTo("2022-03-16T07:39:00.125+0000");

    JsonNode configuration = group.path("migrations").path(0);
    assertThat(configuration.path("packageInfo").fieldNames()).toIterable().containsExactly("id", "groupId", "name",
        "replicated", "purpose", "type", "creator", "creationDate", "lastUpdatedDate", "storage", "project", "status",
        "message", "progress", "deleted", "existing");
    assertThat(configuration.path("packageInfo").path("name").asText()).isEqualTo("test_migrationGroup");
    assertThat(configuration.path("packageInfo").path("purpose").asText()).isEqualTo("migration_group");
    assertThat(configuration.path("packageInfo").path("project").isEmpty()).isTrue();
    assertThat(configuration.path("packageInfo").path("creator").path("name").asText()).isEqualTo("ferry");
    assertThat(configuration.path("packageInfo").path("storage").path("path").asText())
        .matches("mstr/shared/migrations/packages/2022-03-16/[0-9A-F]{32}\\.mmp");
    assertThat(configuration.path("packageInfo").path("progress").isDouble()).isTrue();
    assertThat(configuration.path("importInfo").fieldNames()).toIterable().containsExactly("id", "groupId",
        "creator", "creationDate", "lastUpdatedDate", "status", "progress", "message", "undoStorage", "project",
        "deleted");

    JsonNode category = group.path("migrations").path(1);
    assertThat(category.path("packageInfo").path("purpose").asText()).isEqualTo("migration_group_child");
    assertThat(category.path("packageInfo").path("name").asText()).isEqualTo("test_migrationGroup");
    assertThat(category.path("packageInfo").path("project")).isEqualTo(Sandbox.json(
        "{\"id\": \"B19DEDCC11D4E0EFC000EB9495D0F44F\", \"name\": \"Category\"}"));
    assertThat(category.path("importInfo").path("project").path("name").asText()).isEqualTo("name");
    assertThat(statuses(group, "packageInfo")).containsExactly("created", "created");
    assertThat(statuses(group, "importInfo")).containsExactly("pending", "pending");
  }

  @Test
  void packagesAreBuiltOneAfterAnother() {
    String id = groups.create(threeProjects("Quarterly"));
    assertThat(statuses(groups.onDev(id), "packageInfo")).containsExactly("creating", "empty", "empty", "empty");

    sandbox.clock.advance(Duration.ofSeconds(15));
    JsonNode halfWay = groups.onDev(id);
    assertThat(statuses(halfWay, "packageInfo")).containsExactly("created", "creating", "empty", "empty");
    assertThat(halfWay.path("migrations").path(0).path("packageInfo").path("progress").asDouble()).isEqualTo(100.0);
    assertThat(halfWay.path("migrations").path(1).path("packageInfo").path("progress").asDouble()).isEqualTo(50.0);

    sandbox.clock.advance(Duration.ofSeconds(25));
    assertThat(statuses(groups.onDev(id), "packageInfo")).containsExactly("created", "created", "created", "created");
  }

  @Test
  void aLateReadSeesWhatPollingWouldHaveSeen() {
    String id = groups.create(threeProjects("Quarterly"));

    sandbox.clock.advance(Duration.ofSeconds(35)); // three packages done, the fourth half-way

    JsonNode group = groups.onDev(id);
    assertThat(statuses(group, "packageInfo")).containsExactly("created", "created", "created", "creating");
    assertThat(group.path("migrations").path(3).path("packageInfo").path("progress").asDouble()).isEqualTo(50.0);
  }

  @Test
  void creationFailsFast() {
    String id = groups.create(group("Quarterly", configuration(), project(projectId('A'), "Alpha"),
        project(projectId('B'), "Beta fail-create"), project(projectId('C'), "Gamma")));

    sandbox.clock.advance(Duration.ofMinutes(10));

    JsonNode group = groups.onDev(id);
    assertThat(statuses(group, "packageInfo")).containsExactly("created", "created", "create_failed", "empty");
    assertThat(group.path("migrations").path(2).path("packageInfo").path("message").asText())
        .contains("Package creation failed");
    assertThat(refusal(() -> groups.patchDev(id, "importRequestStatus", "requested")).getMessage())
        .contains("'create_failed'", "'empty'", "project 'Gamma'", "needs package status 'created' for every package");
  }

  @Test
  void aMarkerInTheCallersPackageNameOrTheGroupNameWorksToo() {
    ObjectNode body = threeProjects("Quarterly");
    ((ObjectNode) body.path("migrations").path(1).path("packageInfo")).put("name", "alpha STALL-CREATE");
    String stalled = groups.create(body);
    String failed = groups.create(threeProjects("Quarterly fail-create"));

    sandbox.clock.advance(Duration.ofMinutes(10));

    JsonNode stalledGroup = groups.onDev(stalled);
    assertThat(statuses(stalledGroup, "packageInfo")).containsExactly("created", "creating", "empty", "empty");
    assertThat(stalledGroup.path("migrations").path(1).path("packageInfo").path("name").asText())
        .as("the Library names every package after its group").isEqualTo("Quarterly");
    assertThat(statuses(groups.onDev(failed), "packageInfo"))
        .containsExactly("create_failed", "empty", "empty", "empty");
  }

  @Test
  void packagesAreListedByProjectNameWithTheConfigurationPackageFirst() {
    ObjectNode body = group("Quarterly", configuration(), project(projectId('1'), "Zeta"),
        project(projectId('2'), "alpha"), project(projectId('3'), "Beta"));

    JsonNode created = groups.dev.createGroup(sandbox.devSession, body);
    JsonNode listed = groups.onDev(created.path("id").asText());

    assertThat(projectNames(listed)).containsExactly("", "alpha", "Beta", "Zeta");
    assertThat(listed.path("migrations").path(0).path("packageInfo").path("type").asText())
        .isEqualTo("configuration");
    assertThat(statuses(listed, "packageInfo")).as("Zeta, built second, is listed last")
        .containsExactly("creating", "empty", "empty", "empty");
    assertThat(created.path("migrations").path(1).path("id")).as("the POST answer keeps the request order")
        .isEqualTo(listed.path("migrations").path(3).path("id"));
  }

  @Test
  void theContentIsShownOnlyWhenAskedFor() {
    ObjectNode body = documentedRequest();
    ((ObjectNode) body.path("migrations").path(1).path("packageInfo")).putObject("treeView").put("folder", "x");
    String id = groups.create(body);

    JsonNode plain = groups.dev.getGroup(sandbox.devSession, id, false);
    JsonNode full = groups.dev.getGroup(sandbox.devSession, id, true);

    assertThat(plain.path("migrations")).allSatisfy(m -> {
      assertThat(m.path("packageInfo").has("tocView")).isFalse();
      assertThat(m.path("packageInfo").has("treeView")).isFalse();
    });
    assertThat(full.path("migrations").path(1).path("packageInfo").path("tocView"))
        .isEqualTo(body.path("migrations").path(1).path("packageInfo").path("tocView"));
    assertThat(full.path("migrations").path(1).path("packageInfo").path("treeView").path("folder").asText())
        .isEqualTo("x");
    assertThat(groups.dev.group(id)).hasValueSatisfying(g -> assertThat(g).isEqualTo(full));
  }

  @Test
  void theConfigurationPackageMustComeFirst() {
    SimulatorError error = refusal(() -> groups.create(group("G", project(projectId('A'), "Alpha"),
        configuration())));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("configuration package must come first", "migrations[1]");
    assertThat(refusal(() -> groups.create(group("G", configuration(), configuration()))).getMessage())
        .contains("at most one configuration package");
  }

  @Test
  void aProjectHasAtMostOnePackage() {
    SimulatorError error = refusal(() -> groups.create(group("G", project(projectId('A'), "Alpha"),
        project(projectId('B'), "Beta"), project(projectId('A'), "Alpha again"))));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("Project " + projectId('A'), "two packages", "migrations[0]",
        "migrations[2]", "at most one package");
  }

  @Test
  void aGroupHoldsAtMostOneHundredPackages() {
    ObjectNode hundred = manyProjects(100);
    ObjectNode hundredAndOne = manyProjects(101);

    assertThat(groups.create(hundred)).isNotBlank();
    SimulatorError error = refusal(() -> groups.create(hundredAndOne));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).isEqualTo("A migration group holds at most 100 packages; this one has 101");
  }

  @Test
  void theMaximumIsConfigurable() {
    SimulatorProperties properties = new SimulatorProperties();
    properties.setMaxGroupPackages(2);
    SimulatedLibrary dev = new Simulator(properties, Sandbox.PASSWORD, sandbox.clock).environment("dev");
    SessionKey session = dev.login(Sandbox.credentials("ferry", Sandbox.PASSWORD));

    assertThat(refusal(() -> dev.createGroup(session, manyProjects(3))).getMessage())
        .contains("at most 2 packages");
  }

  @Test
  void aProjectPackageNamesItsProjects() {
    ObjectNode noSource = group("G", project(projectId('A'), "Alpha"));
    ((ObjectNode) noSource.path("migrations").path(0).path("packageInfo")).remove("project");
    ObjectNode noTarget = group("G", configuration(), project(projectId('A'), "Alpha"));
    ((ObjectNode) noTarget.path("migrations").path(1).path("importInfo")).remove("project");

    SimulatorError source = refusal(() -> groups.create(noSource));
    SimulatorError target = refusal(() -> groups.create(noTarget));

    assertThat(source.code()).isEqualTo("ERR007");
    assertThat(source.getMessage()).contains("migrations[0].packageInfo.project.id", "source project");
    assertThat(target.code()).isEqualTo("ERR007");
    assertThat(target.getMessage()).contains("migrations[1].importInfo.project.id", "target project");
  }

  @Test
  void aConfigurationPackageNamesNoProject() {
    ObjectNode body = group("G", configuration(), project(projectId('A'), "Alpha"));
    ((ObjectNode) body.path("migrations").path(0).path("importInfo")).putObject("project").put("id", projectId('A'));

    SimulatorError error = refusal(() -> groups.create(body));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("migrations[0] is a configuration package and must not name a project");
  }

  @Test
  void missingFieldsAreNamed() {
    ObjectNode noName = documentedRequest();
    noName.remove("name");
    ObjectNode noTarget = documentedRequest();
    noTarget.remove("targetEnvironment");
    ObjectNode noPackages = documentedRequest();
    noPackages.remove("migrations");
    ObjectNode noToc = documentedRequest();
    ((ObjectNode) noToc.path("migrations").path(1).path("packageInfo")).remove("tocView");
    ObjectNode badType = documentedRequest();
    ((ObjectNode) badType.path("migrations").path(1).path("packageInfo")).put("type", "cube");

    assertThat(refusal(() -> groups.create(noName)).getMessage()).startsWith("Missing required field: name");
    assertThat(refusal(() -> groups.create(noTarget)).getMessage())
        .startsWith("Missing required field: targetEnvironment.id");
    assertThat(refusal(() -> groups.create(noPackages)).code()).isEqualTo("ERR007");
    assertThat(refusal(() -> groups.create(noToc)).getMessage())
        .startsWith("Missing required field: migrations[1].packageInfo.tocView");
    assertThat(refusal(() -> groups.create(badType)).getMessage()).contains("migrations[1].packageInfo.type 'cube'");
    assertThat(refusal(() -> groups.create(group("G"))).getMessage()).contains("at least one package");
    assertThat(groups.dev.groups()).isEmpty();
  }

  @Test
  void unknownGroupsAndMissingSessionsAreRefused() {
    String id = groups.create(documentedRequest());

    SimulatorError unknown = refusal(() -> groups.onDev("0:0"));
    SimulatorError noSession = refusal(() -> groups.dev.getGroup(new SessionKey(null, null), id, false));
    SimulatorError onTheOtherLibrary = refusal(() -> groups.onProd(id));

    assertThat(unknown.httpStatus()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("ERR004");
    assertThat(noSession.code()).isEqualTo("ERR009");
    assertThat(onTheOtherLibrary.code()).isEqualTo("ERR004");
    assertThat(groups.dev.received(Endpoint.GET_MIGRATION_GROUP)).isEqualTo(2);
    assertThat(groups.dev.accepted(Endpoint.GET_MIGRATION_GROUP)).isZero();
    assertThat(groups.dev.accepted(Endpoint.POST_MIGRATION_GROUP)).isEqualTo(1);
  }

  private static ObjectNode manyProjects(int count) {
    ObjectNode body = group("Many");
    ArrayNode migrations = (ArrayNode) body.get("migrations");
    for (int i = 0; i < count; i++) {
      migrations.add(project("%032X".formatted(i + 1), "Project " + i));
    }
    return body;
  }

  private static List<String> projectNames(JsonNode group) {
    List<String> names = new ArrayList<>();
    group.path("migrations").forEach(m -> names.add(m.path("packageInfo").path("project").path("name").asText("")));
    return names;
  }
}
