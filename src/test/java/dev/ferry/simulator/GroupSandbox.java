package dev.ferry.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Sandbox} for migration groups: request bodies (the documented sample and small
 * variants) and the steps of a group migration as one-liners.
 */
class GroupSandbox {

  /** The documented sample request of {@code POST /api/migrationGroups}, verbatim. */
  static final String DOCUMENTED_REQUEST = """
      {
        "name": "test_migrationGroup",
        "sourceEnvironment": {"id": "environment_url_src", "name": "environment_src"},
        "targetEnvironment": {"id": "environment_url_tar", "name": "environment_tar"},
        "treeView": {},
        "migrations": [
          {
            "packageInfo": {
              "type": "configuration",
              "tocView": {
                "settings": {
                  "aclOnReplacingObjects": "replace",
                  "aclOnNewObjects": ["inherit_acl_as_dest_folder"],
                  "defaultAction": "keep_both"
                },
                "content": [
                  {"id": "989875724CB91A7EC2E365BD0228EB50", "type": 34, "action": "use_existing",
                   "includeDependents": false, "level": "project_object"}
                ]
              }
            },
            "importInfo": {}
          },
          {
            "packageInfo": {
              "type": "project",
              "project": {"id": "B19DEDCC11D4E0EFC000EB9495D0F44F", "name": "Category"},
              "tocView": {
                "settings": {
                  "updateSchema": ["recal_table_logical_size"],
                  "aclOnReplacingObjects": "replace",
                  "aclOnNewObjects": ["inherit_acl_as_dest_folder"],
                  "defaultAction": "keep_both"
                },
                "content": [
                  {"id": "0DFE6FB4356F4FA2A0C1C10D0B415355", "name": "Add",
                   "version": "1F348F3E11EB7C9D8F150080EF651EEA", "type": 11, "action": "force_replace",
                   "includeDependents": false, "level": "project_object"},
                  {"id": "1334ECBB11E78F4D109F0080EFD55D0D", "name": "SaveAsDocumentTest",
                   "version": "6283BF7211EB7CA13A950080EFE5963B", "type": 55, "action": "use_existing",
                   "includeDependents": false, "level": "project_object"}
                ]
              }
            },
            "importInfo": {"project": {"id": "B19DEDCC11D4E0EFC000EB9495D0F44F", "name": "name"}}
          }
        ],
        "version": "2"
      }
      """;

  final Sandbox sandbox;
  final SimulatedLibrary dev;
  final SimulatedLibrary prod;

  GroupSandbox() {
    this(new Sandbox());
  }

  GroupSandbox(Sandbox sandbox) {
    this.sandbox = sandbox;
    this.dev = sandbox.dev;
    this.prod = sandbox.prod;
  }

  static ObjectNode documentedRequest() {
    return Sandbox.json(DOCUMENTED_REQUEST);
  }

  /** A group of the given packages, without keep_both, so its import leaves undo packages. */
  static ObjectNode group(String name, ObjectNode... packages) {
    ObjectNode body = Sandbox.json("""
        {
          "name": "%s",
          "sourceEnvironment": {"id": "http://localhost/simulator/dev", "name": "dev"},
          "targetEnvironment": {"id": "http://localhost/simulator/prod", "name": "prod"},
          "treeView": {},
          "migrations": [],
          "version": "2"
        }
        """.formatted(name));
    ArrayNode migrations = (ArrayNode) body.get("migrations");
    for (ObjectNode migration : packages) {
      migrations.add(migration);
    }
    return body;
  }

  static ObjectNode configuration() {
    return Sandbox.json("""
        {
          "packageInfo": {
            "type": "configuration",
            "tocView": {
              "settings": {"aclOnReplacingObjects": "replace", "defaultAction": "replace"},
              "content": [{"id": "989875724CB91A7EC2E365BD0228EB50", "name": "User_Korean", "type": 34,
                           "action": "replace", "includeDependents": false, "level": "configuration_object"}]
            }
          },
          "importInfo": {}
        }
        """);
  }

  /** A project package; {@code projectName} may carry a failure marker. */
  static ObjectNode project(String projectId, String projectName) {
    return Sandbox.json("""
        {
          "packageInfo": {
            "type": "project",
            "project": {"id": "%s", "name": "%s"},
            "tocView": {
              "settings": {"updateSchema": [], "aclOnReplacingObjects": "replace", "defaultAction": "replace"},
              "content": [{"id": "8D679D5111D3E4981000E787EC6DE8A4", "name": "Year", "type": 12,
                           "action": "replace", "includeDependents": true, "level": "project_object"}]
            }
          },
          "importInfo": {"project": {"id": "%s", "name": "%s"}}
        }
        """.formatted(projectId, projectName, projectId, projectName));
  }

  /** A project id made of one repeated hex digit, e.g. {@code projectId('A')}. */
  static String projectId(char digit) {
    return String.valueOf(digit).repeat(32);
  }

  /** Config, Alpha, Beta, Gamma. */
  static ObjectNode threeProjects(String name) {
    return group(name, configuration(), project(projectId('A'), "Alpha"), project(projectId('B'), "Beta"),
        project(projectId('C'), "Gamma"));
  }

  static List<String> statuses(JsonNode group, String info) {
    List<String> statuses = new ArrayList<>();
    group.path("migrations").forEach(m -> statuses.add(m.path(info).path("status").asText()));
    return statuses;
  }

  static ObjectNode patchBody(String field, String value) {
    return Sandbox.JSON.createObjectNode().put(field, value);
  }

  // --- steps -------------------------------------------------------------------------------------

  String create(ObjectNode body) {
    return dev.createGroup(sandbox.devSession, body).path("id").asText();
  }

  ObjectNode onDev(String groupId) {
    return dev.getGroup(sandbox.devSession, groupId, false);
  }

  ObjectNode onProd(String groupId) {
    return prod.getGroup(sandbox.prodSession, groupId, false);
  }

  ObjectNode patchDev(String groupId, String field, String value) {
    return dev.patchGroup(sandbox.devSession, groupId, patchBody(field, value));
  }

  ObjectNode patchProd(String groupId, String field, String value) {
    return prod.patchGroup(sandbox.prodSession, groupId, patchBody(field, value));
  }

  void advance(Duration duration, int times) {
    sandbox.clock.advance(duration.multipliedBy(times));
  }

  /** Built (every package in turn), requested and approved on the source. */
  String approved(ObjectNode body) {
    String id = create(body);
    advance(Sandbox.CREATE, body.path("migrations").size());
    assertThat(statuses(onDev(id), "packageInfo")).containsOnly("created");
    patchDev(id, "importRequestStatus", "requested");
    patchDev(id, "importRequestStatus", "approved");
    return id;
  }

  /** What Ferry sends to the target: the source's full definition with replicated = true everywhere. */
  ObjectNode replicaOf(String groupId) {
    ObjectNode definition = dev.getGroup(sandbox.devSession, groupId, true);
    definition.get("migrations").forEach(m -> ((ObjectNode) m.get("packageInfo")).put("replicated", true));
    return definition;
  }

  ObjectNode startImport(String groupId) {
    return startImport(groupId, null);
  }

  ObjectNode startImport(String groupId, String generateUndo) {
    return prod.importGroup(sandbox.prodSession, groupId, replicaOf(groupId), generateUndo);
  }

  /** Approved on the source and imported on the target (every package in turn). */
  String imported(ObjectNode body) {
    String id = approved(body);
    startImport(id);
    advance(Sandbox.IMPORT, body.path("migrations").size());
    return id;
  }
}
