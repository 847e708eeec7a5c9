package dev.ferry.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * Two simulated Libraries, {@code dev} (source) and {@code prod} (target), with Ferry logged in
 * to both, a hand-moved clock, and the steps of a migration as one-liners so that each test
 * reads as the scenario it checks.
 */
class Sandbox {

  static final String PASSWORD = "s3cret";
  static final String SOURCE_PROJECT = "B19DEDCC11D4E0EFC000EB9495D0F44F";
  static final String TARGET_PROJECT = "C29DEDCC11D4E0EFC000EB9495D0F44A";
  static final Duration CREATE = Duration.ofSeconds(10);
  static final Duration IMPORT = Duration.ofSeconds(15);
  static final Duration UNDO = Duration.ofSeconds(10);
  /** Unlike the create duration, so a test notices which one a validation waits for. */
  static final Duration VALIDATION = Duration.ofSeconds(20);

  static final ObjectMapper JSON = new ObjectMapper();

  final MutableClock clock = new MutableClock(Instant.parse("2022-03-16T07:38:40.125Z"));
  final Simulator simulator;
  final SimulatedLibrary dev;
  final SimulatedLibrary prod;
  final SessionKey devSession;
  final SessionKey prodSession;

  Sandbox() {
    this(CREATE, IMPORT, UNDO);
  }

  Sandbox(Duration create, Duration importing, Duration undo) {
    this(properties -> {
      properties.setCreateDuration(create);
      properties.setImportDuration(importing);
      properties.setUndoDuration(undo);
    });
  }

  /** Default durations ({@link #CREATE}, {@link #IMPORT}, {@link #UNDO}, {@link #VALIDATION}) changed by {@code settings}. */
  Sandbox(java.util.function.Consumer<SimulatorProperties> settings) {
    SimulatorProperties properties = new SimulatorProperties();
    properties.setCreateDuration(CREATE);
    properties.setImportDuration(IMPORT);
    properties.setUndoDuration(UNDO);
    properties.setValidationDuration(VALIDATION);
    settings.accept(properties);
    simulator = new Simulator(properties, PASSWORD, clock);
    dev = simulator.environment("dev");
    prod = simulator.environment("prod");
    devSession = dev.login(credentials("ferry", PASSWORD));
    prodSession = prod.login(credentials("ferry", PASSWORD));
  }

  static ObjectNode credentials(String username, String password) {
    ObjectNode body = JSON.createObjectNode();
    body.put("username", username);
    body.put("password", password);
    body.put("loginMode", 1);
    return body;
  }

  /** The documented request body of a project package, with a field the Library does not know. */
  static ObjectNode projectPackage(String name) {
    return json("""
        {
          "packageInfo": {
            "type": "project",
            "name": "%s",
            "environment": {"id": "http://localhost/simulator/dev", "name": "dev"},
            "project": {"name": "MicroStrategy Tutorial"},
            "tocView": {
              "settings": {
                "updateSchema": ["recal_table_logical_size"],
                "aclOnReplacingObjects": "replace",
                "aclOnNewObjects": ["inherit_acl_as_dest_folder"],
                "defaultAction": "replace"
              },
              "content": [
                {"id": "8D679D5111D3E4981000E787EC6DE8A4", "name": "Year", "type": 12,
                 "action": "replace", "includeDependents": true}
              ]
            },
            "treeView": {},
            "ferryNote": "kept as sent"
          },
          "importInfo": {
            "environment": {"id": "http://localhost/simulator/prod", "name": "prod"},
            "project": {"id": "%s", "name": "MicroStrategy Tutorial"}
          }
        }
        """.formatted(name, TARGET_PROJECT));
  }

  static ObjectNode configurationPackage(String name) {
    ObjectNode body = projectPackage(name);
    ObjectNode packageInfo = (ObjectNode) body.get("packageInfo");
    packageInfo.put("type", "configuration");
    packageInfo.remove("project");
    ((ObjectNode) body.get("importInfo")).remove("project");
    return body;
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static SimulatorError refusal(Runnable call) {
    try {
      call.run();
    } catch (SimulatorError error) {
      return error;
    }
    throw new AssertionError("expected the Library to refuse the call");
  }

  static ObjectNode patchBody(String field, String value) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("importInfo").put(field, value);
    return body;
  }

  // --- steps -------------------------------------------------------------------------------------

  String create(ObjectNode body) {
    String projectId = "project".equals(body.path("packageInfo").path("type").asText()) ? SOURCE_PROJECT : null;
    return dev.create(devSession, projectId, body).path("id").asText();
  }

  ObjectNode onDev(String migrationId) {
    return dev.get(devSession, migrationId, false);
  }

  /** The dev Library's journal entry of this migration: its calls and steps (start, end, seen, looks). */
  JsonNode journalOfDev(String migrationId) {
    return java.util.stream.StreamSupport.stream(dev.journal().path("migrations").spliterator(), false)
        .filter(m -> m.path("id").asText().equals(migrationId)).findFirst().orElseThrow();
  }

  ObjectNode onProd(String migrationId) {
    return prod.get(prodSession, migrationId, false);
  }

  ObjectNode patchDev(String migrationId, String field, String value) {
    return dev.patch(devSession, null, migrationId, patchBody(field, value));
  }

  ObjectNode patchProd(String migrationId, String field, String value, String projectId) {
    return prod.patch(prodSession, projectId, migrationId, patchBody(field, value));
  }

  /** Built, requested and approved on the source. */
  String approved(ObjectNode body) {
    String id = create(body);
    clock.advance(CREATE);
    assertThat(onDev(id).path("packageInfo").path("status").asText()).isEqualTo("created");
    patchDev(id, "importRequestStatus", "requested");
    patchDev(id, "importRequestStatus", "approved");
    return id;
  }

  /** What Ferry sends to the target: the source's full definition with replicated = true. */
  ObjectNode replicaOf(String migrationId) {
    ObjectNode definition = dev.get(devSession, migrationId, true);
    ((ObjectNode) definition.get("packageInfo")).put("replicated", true);
    return definition;
  }

  ObjectNode startImport(String migrationId) {
    String projectId = "project".equals(replicaOf(migrationId).path("packageInfo").path("type").asText())
        ? TARGET_PROJECT : null;
    return prod.importPackage(prodSession, projectId, migrationId, replicaOf(migrationId));
  }

  /** Approved on the source and imported on the target. */
  String imported(ObjectNode body) {
    String id = approved(body);
    startImport(id);
    clock.advance(IMPORT);
    return id;
  }

  /** Built on the source; answers the migration id. */
  String created(ObjectNode body) {
    String id = create(body);
    clock.advance(CREATE);
    assertThat(status(onDev(id), "packageInfo")).isEqualTo("created");
    return id;
  }

  /** {@code PUT /api/migrations/{id}/packageInfo} on the source. */
  ObjectNode edit(String migrationId, ObjectNode packageInfo) {
    return dev.editPackage(devSession, migrationId, packageInfo);
  }

  static String status(JsonNode migration, String info) {
    return migration.path(info).path("status").asText();
  }
}
