package dev.ferry.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.simulator.SimulatedLibrary;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Editing a migration group before import: one edit rebuilds every package, failing fast, then approval again. */
class GroupEditProcessTest extends MigrationScenario {

  static final ObjectMapper MAPPER = new ObjectMapper();

  @Autowired Simulator simulator;

  SimulatedLibrary dev() { return simulator.environment("dev"); }
  SimulatedLibrary prod() { return simulator.environment("prod"); }

  ProcessInstance lifecycle(String name, String... projects) {
    ProcessInstance group = runtime.startProcessInstanceByKey("migration-group", name, Map.of("request",
        SpinValues.jsonValue(Requests.group(name, projects).toString()).create()));
    driver.runJobs(group.getId());
    return runtime.createProcessInstanceQuery().superProcessInstanceId(group.getId()).singleResult();
  }

  @Test
  void aGroupSentBackIsEditedRebuiltApprovedAndImportedAsEdited() throws Exception {
    ProcessInstance migration = lifecycle("Group to edit", "Tutorial", "Human Resources");
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested",
        "comment", "no Metric 1 for HR, and use the newer Report 0"));

    assertThat(approvalOf(migration)).isWaitingAt("edit-package");
    ArrayNode objects = offered(migration);
    assertThat(objects).hasSize(5);
    List<String> packages = new ArrayList<>();
    objects.forEach(o -> packages.add(o.get("package").asText()));
    assertThat(packages).as("in the Library's order").containsExactly("configuration",
        "Human Resources (00000000000000000000000000ABC001)", "Human Resources (00000000000000000000000000ABC001)",
        "Tutorial (00000000000000000000000000ABC000)", "Tutorial (00000000000000000000000000ABC000)");
    assertThat(objects.get(2).get("name").asText()).isEqualTo("Metric 1");
    assertThat(objects.get(3).get("name").asText()).isEqualTo("Report 0");
    ((ObjectNode) objects.get(3)).put("action", "use_newer");
    objects.remove(2); // Metric 1 of Human Resources
    resubmit(migration, "Group edited", objects);

    ProcessInstance approval = approvalOf(migration);
    assertThat(approval).isWaitingAt("approve-import").hasPassed("apply-edit", "wait-package-rebuilt")
        .hasNotPassed("validate");
    JsonNode source = dev().group((String) variable(migration, "migrationId")).orElseThrow();
    assertThat(source.path("name").asText()).isEqualTo("Group edited");
    assertThat(source.path("migrations")).allSatisfy(m ->
        assertThat(m.at("/packageInfo/status").asText()).isEqualTo("created"));
    assertThat(variable(migration, "objectCount")).isEqualTo(4);

    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    assertThat(migration).isWaitingAt("review-import");
    JsonNode target = prod().group((String) variable(migration, "migrationId")).orElseThrow();
    int imported = 0;
    for (JsonNode m : target.path("migrations")) {
      assertThat(m.at("/importInfo/status").asText()).isEqualTo("imported");
      imported += m.at("/packageInfo/tocView/content").size();
      if (m.at("/packageInfo/project/name").asText().equals("Tutorial")) {
        assertThat(m.at("/packageInfo/tocView/content/0/action").asText()).isEqualTo("use_newer");
      }
    }
    assertThat(imported).as("the edited objects reached the target").isEqualTo(4);
  }

  @Test
  void anEditedRowMustNameAPackageOfTheGroup() throws Exception {
    ProcessInstance migration = lifecycle("Group bad edit", "Tutorial");
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "rejected", "comment", "no"));
    ArrayNode objects = offered(migration);
    ((ObjectNode) objects.get(1)).put("package", "Sales");

    assertThatThrownBy(() -> resubmit(migration, "Group bad edit", objects))
        .hasMessageContaining("editObjects[1].package: 'Sales' is not a package of this group: use one of configuration, "
            + "Tutorial (00000000000000000000000000ABC000)");
  }

  @Test
  void aGroupRebuildThatFailsFastComesBackToTheRequester() throws Exception {
    ProcessInstance migration = lifecycle("Group rebuild", "Tutorial");
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested", "comment", "rename"));
    resubmit(migration, "Group rebuild fail-create", offered(migration));

    ProcessInstance approval = approvalOf(migration);
    assertThat(approval).isWaitingAt("edit-package").hasPassed("note-rebuild-failed");
    assertThat((String) variable(approval, "editRefusal")).startsWith("The Library could not build the edited package:");
  }
}
