package dev.ferry.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The {@code migration-group} model: a configuration package and project packages built,
 * approved once, imported in order and undone as one, through the same lifecycle as one package.
 */
class GroupProcessTest extends MigrationScenario {

  @Autowired Simulator simulator;

  SimulatedLibrary prod() { return simulator.environment("prod"); }

  ProcessInstance startGroup(ObjectNode body) {
    ProcessInstance group = runtime.startProcessInstanceByKey("migration-group", body.path("name").asText(),
        Map.of("request", SpinValues.jsonValue(body.toString()).create()));
    driver.runJobs(group.getId());
    return group;
  }

  /** The migration the group runs in, where its tasks are. */
  ProcessInstance lifecycle(ProcessInstance group) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(group.getId()).singleResult();
  }

  List<String> targetStatuses(ProcessInstance group) {
    List<String> statuses = new ArrayList<>();
    prod().group((String) variable(group, "migrationId")).orElseThrow().get("migrations")
        .forEach(m -> statuses.add(m.at("/importInfo/status").asText()));
    return statuses;
  }

  JsonNode json(ProcessInstance instance, String name) throws Exception {
    return new ObjectMapper().readTree(String.valueOf(variable(instance, name)));
  }

  @Test
  void groupIsBuiltApprovedOnceAndImportedAsOne() throws Exception {
    ProcessInstance group = startGroup(Requests.group("Quarter end", "Tutorial", "Human Resources"));
    ProcessInstance migration = lifecycle(group);

    assertThat(approvalOf(migration)).isWaitingAt("request-import");
    assertThat(variable(group, "packageStatus")).as("published up to the group").isEqualTo("created");
    JsonNode summaries = json(migration, "packageSummaries");
    assertThat(summaries).hasSize(3);
    assertThat(summaries.get(0).get("type").asText()).isEqualTo("configuration");
    assertThat(summaries.get(1).get("objects").asText()).isEqualTo("2 (force_replace: 1, use_existing: 1)");
    assertThat(variable(migration, "objectCount")).isEqualTo(5);

    requestAndApprove(migration);
    assertThat(migration).isWaitingAt("review-import");
    assertThat(targetStatuses(group)).containsOnly("imported").hasSize(3);
    assertThat(json(group, "packages")).allSatisfy(p -> assertThat(p.get("importStatus").asText()).isEqualTo("imported"));

    complete(migration, "review-import", REQUESTER, Map.of("undo", false));
    assertThat(group).isEnded();
    assertThat(variable(group, "outcome")).isEqualTo("imported");
  }

  @Test
  void firstFailedPackageEndsTheGroupNamingIt() {
    ProcessInstance group = startGroup(Requests.group("Broken build", "Tutorial", "Sales fail-create"));

    assertThat(group).isEnded();
    assertThat(variable(group, "outcome")).isEqualTo("failed");
    assertThat((String) variable(group, "failureMessage")).startsWith("Package creation failed on 'dev' for 1 of 3")
        .contains("Sales fail-create");
  }

  @Test
  void failedImportOfOnePackageEndsTheGroupNamingIt() {
    ProcessInstance group = startGroup(Requests.group("Import breaks", "Tutorial", "HR fail-import"));
    requestAndApprove(lifecycle(group));

    assertThat(group).isEnded();
    assertThat(variable(group, "outcome")).isEqualTo("failed");
    assertThat((String) variable(group, "failureMessage")).startsWith("Import failed on 'prod'")
        .contains("HR fail-import");
  }

  @Test
  void rejectedGroupIsNeverImported() {
    ProcessInstance group = startGroup(Requests.group("Not now", "Tutorial"));
    ProcessInstance migration = lifecycle(group);
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("approved", false));
    complete(migration, "edit-package", REQUESTER, Map.of("resubmit", false));

    assertThat(variable(group, "outcome")).isEqualTo("rejected");
    assertThat(prod().group((String) variable(group, "migrationId"))).isEmpty();
  }

  @Test
  void groupIsUndoneAsOne() {
    ProcessInstance group = startGroup(Requests.group("Undo all", "Tutorial", "Human Resources"));
    ProcessInstance migration = lifecycle(group);
    requestAndApprove(migration);
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));

    assertThat(variable(group, "outcome")).isEqualTo("undone");
    assertThat(targetStatuses(group)).containsOnly("undo_success");
  }

  @Test
  void oneFailedUndoDoesNotStopTheOthersAndEachPackageIsReported() throws Exception {
    ProcessInstance group = startGroup(Requests.group("Partly undone", "Tutorial", "HR fail-undo", "Sales"));
    ProcessInstance migration = lifecycle(group);
    requestAndApprove(migration);
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));

    assertThat(variable(group, "outcome")).isEqualTo("undo_failed");
    assertThat(targetStatuses(group)).containsExactlyInAnyOrder("undo_success", "undo_success", "undo_success",
        "undo_failed");
    assertThat((String) variable(group, "failureMessage")).startsWith("Undo failed on 'prod' for 1 of 4")
        .contains("HR fail-undo");
    assertThat(json(group, "packages")).extracting(p -> p.get("importStatus").asText())
        .containsExactlyInAnyOrder("undo_success", "undo_success", "undo_success", "undo_failed");
  }

  @Test
  void badGroupStartedDirectlyEndsAsInvalidWithTheReasons() {
    ObjectNode body = Requests.group("Wrong order", "Tutorial", "Tutorial copy");
    body.withArray("migrations").add(body.withArray("migrations").remove(0));
    String tutorial = body.at("/migrations/0/packageInfo/project/id").asText();
    ((ObjectNode) body.at("/migrations/1/packageInfo/project")).put("id", tutorial);

    ProcessInstance group = startGroup(body);

    assertThat(group).isEnded();
    assertThat(variable(group, "outcome")).isEqualTo("invalid");
    assertThat((String) variable(group, "violations"))
        .contains("migrations[2].packageInfo.type: the configuration package must come first")
        .contains("already has a package at migrations[0]");
  }
}
