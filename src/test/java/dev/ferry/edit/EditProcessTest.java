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
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sending a package back, editing it and resubmitting it: the approval starts again on the rebuilt
 * package, and each Library rule is explained when an edit breaks it.
 */
class EditProcessTest extends MigrationScenario {

  static final ObjectMapper MAPPER = new ObjectMapper();

  @Autowired Simulator simulator;

  SimulatedLibrary dev() { return simulator.environment("dev"); }
  SimulatedLibrary prod() { return simulator.environment("prod"); }

  JsonNode sourceRecord(ProcessInstance migration) {
    return dev().migration((String) variable(migration, "migrationId")).orElseThrow();
  }

    void sendBack(ProcessInstance migration, String comment) {
    complete(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested", "comment", comment));
  }

  @Test
  void changesRequestedThenEditedRebuiltValidatedApprovedAndImported() throws Exception {
    ProcessInstance migration = start(Requests.objectMigration("Quarterly dashboards"));
    complete(migration, "request-import", REQUESTER, Map.of());
    sendBack(migration, "leave Object 2 out and replace Object 1 only if newer");

    ProcessInstance approval = approvalOf(migration);
    assertThat(approval).isWaitingAt("edit-package").hasPassed("mark-sent-back", "read-package-content");
    assertThat(task(migration, "edit-package").getTaskDefinitionKey()).isEqualTo("edit-package");
    assertThat(sourceRecord(migration).at("/importInfo/importRequestStatus").asText())
        .as("the request is back where the Library allows an edit").isEqualTo("rejected");
    assertThat(variable(approval, "approverComment")).isEqualTo("leave Object 2 out and replace Object 1 only if newer");
    assertThat(variable(approval, "editName")).isEqualTo("Quarterly dashboards");
    assertThat((String) variable(approval, "editSettings")).contains("Default action: replace");
    ArrayNode objects = offered(migration);
    assertThat(objects).hasSize(2);
    assertThat(objects.get(0).get("name").asText()).isEqualTo("Object 1");
    assertThat(objects.get(0).get("type").asInt()).isEqualTo(12);

    objects.remove(1);
    ((ObjectNode) objects.get(0)).put("action", "use_newer");
    resubmit(migration, "Quarterly dashboards v2", objects);

    assertThat(approval).isWaitingAt("approve-import")
        .hasPassed("apply-edit", "wait-package-rebuilt", "summarize-edited-package");
    JsonNode rebuilt = sourceRecord(migration);
    assertThat(rebuilt.at("/packageInfo/name").asText()).isEqualTo("Quarterly dashboards v2");
    assertThat(rebuilt.at("/packageInfo/tocView/content")).hasSize(1);
    assertThat(rebuilt.at("/packageInfo/tocView/content/0/action").asText()).isEqualTo("use_newer");
    assertThat(rebuilt.at("/importInfo/importRequestStatus").asText()).as("resubmitted: requested again")
        .isEqualTo("requested");
    assertThat(variable(migration, "packageName")).isEqualTo("Quarterly dashboards v2");
    assertThat(variable(migration, "objectCount")).isEqualTo(1);
    assertThat(variable(migration, "actionCounts")).isEqualTo("use_newer: 1");
    assertThat(variable(migration, "validationStatus")).as("validated again").isEqualTo("validated");
    assertThat(variable(approval, "importRequester")).isEqualTo(REQUESTER);
    assertThat(variable(approval, "decision")).as("no decision carried over").isNull();

    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    assertThat(migration).isWaitingAt("review-import");
    JsonNode imported = prod().migration((String) variable(migration, "migrationId")).orElseThrow();
    assertThat(imported.at("/importInfo/status").asText()).isEqualTo("imported");
    assertThat(imported.at("/packageInfo/tocView/content")).as("the edited package was imported").hasSize(1);
  }

  @Test
  void aRejectedMigrationCanBeEditedAndResubmitted() throws Exception {
    ProcessInstance migration = start(Requests.objectMigration("Rejected then fixed"));
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("approved", false, "comment", "Object 2 must not go"));
    assertThat(approvalOf(migration)).isWaitingAt("edit-package").hasPassed("mark-rejected");
    assertThat(variable(migration, "decision")).isNull(); // only leaves the approval when it ends
    assertThat(variable(approvalOf(migration), "decision")).isEqualTo("rejected");

    ArrayNode objects = offered(migration);
    objects.remove(1);
    resubmit(migration, "Rejected then fixed", objects);
    complete(migration, "approve-import", APPROVER, Map.of("approved", true));

    assertThat(migration).isWaitingAt("review-import");
    assertThat(variable(migration, "importStatus")).isEqualTo("imported");
    assertThat(variable(migration, "decision")).isEqualTo("approved");
  }

  @Test
  void theRequesterMayWithdrawInsteadOfEditing() {
    ProcessInstance migration = start(Requests.objectMigration("Withdrawn dashboards"));
    complete(migration, "request-import", REQUESTER, Map.of());
    sendBack(migration, "not like this");
    complete(migration, "edit-package", REQUESTER, Map.of("resubmit", false));

    assertThat(migration).isEnded().hasPassed("rejected");
    assertThat(approvalOf(migration)).isNull();
    assertThat(variable(migration, "outcome")).isEqualTo("rejected");
    assertThat(prod().migration((String) variable(migration, "migrationId"))).isEmpty();
  }

  @Test
  void aMigrationNobodyResubmitsEndsWhenTheEditWindowCloses() {
    ProcessInstance migration = start(Requests.objectMigration("Forgotten dashboards"));
    complete(migration, "request-import", REQUESTER, Map.of());
    sendBack(migration, "please split it");

    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(15).toMillis()));
    driver.runJobs(migration.getId());

    assertThat(migration).isEnded().hasPassed("rejected");
    assertThat(variable(migration, "outcome")).isEqualTo("rejected");
  }

  @Test
  void sendingBackNeedsACommentAndCompletingTheEditNeedsAChoice() {
    ProcessInstance migration = start(Requests.objectMigration("Comment needed"));
    complete(migration, "request-import", REQUESTER, Map.of());
    assertThatThrownBy(() -> complete(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Say in the comment what the requester");
    assertThatThrownBy(() -> complete(migration, "approve-import", APPROVER, Map.of("decision", "maybe")))
        .hasMessageContaining("must be one of approved, changesRequested, rejected");
    sendBack(migration, "rename it");
    assertThatThrownBy(() -> complete(migration, "edit-package", REQUESTER, Map.of()))
        .hasMessageContaining("needs a choice: complete it with resubmit = true");
    assertThat(approvalOf(migration)).isWaitingAt("edit-package");
  }

  @Test
  void anEditTheLibraryWouldRefuseIsRefusedInTheTaskWithEveryReason() throws Exception {
    ProcessInstance migration = start(Requests.objectMigration("Bad edit"));
    complete(migration, "request-import", REQUESTER, Map.of());
    sendBack(migration, "fix the actions");
    ArrayNode objects = offered(migration);
    ((ObjectNode) objects.get(0)).put("action", "overwrite");
    ((ObjectNode) objects.get(1)).remove("type");

    assertThatThrownBy(() -> resubmit(migration, " ", objects))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("editName: is required")
        .hasMessageContaining("editObjects[0].action: 'overwrite' is not a conflict action")
        .hasMessageContaining("editObjects[1].type: is required");
    assertThatThrownBy(() -> resubmit(migration, "Bad edit", MAPPER.createArrayNode()))
        .hasMessageContaining("editObjects: is empty: a package needs at least one object");
    assertThat(approvalOf(migration)).isWaitingAt("edit-package");
    assertThat(sourceRecord(migration).at("/packageInfo/tocView/content")).as("nothing was sent").hasSize(2);
  }

  @Test
  void anEditTheLibraryRefusesComesBackToTheRequesterWithTheLibrarysReason() throws Exception {
    ProcessInstance migration = start(Requests.objectMigration("Raced edit"));
    complete(migration, "request-import", REQUESTER, Map.of());
    sendBack(migration, "smaller please");
    // meanwhile someone requests the import again straight at the Library: it no longer takes an edit
    dev().patchForTest((String) variable(migration, "migrationId"),
        MAPPER.readTree("{\"importInfo\":{\"importRequestStatus\":\"requested\"}}"));

    ArrayNode objects = offered(migration);
    objects.remove(1);
    resubmit(migration, "Raced edit", objects);

    ProcessInstance approval = approvalOf(migration);
    assertThat(approval).isWaitingAt("edit-package").hasPassed("edit-refused");
    assertThat((String) variable(approval, "editRefusal")).startsWith("The Library refused the edit:")
        .contains("PUT /api/migrations/").contains("requested");
    assertThat(sourceRecord(migration).at("/packageInfo/tocView/content")).hasSize(2);
  }

  @Test
  void aRebuildThatFailsComesBackForAnotherEditAndACreateFailedPackageCanBeEdited() throws Exception {
    ProcessInstance migration = start(Requests.objectMigration("Rebuild"));
    complete(migration, "request-import", REQUESTER, Map.of());
    sendBack(migration, "rename");
    resubmit(migration, "Rebuild fail-create", offered(migration));

    ProcessInstance approval = approvalOf(migration);
    assertThat(approval).isWaitingAt("edit-package").hasPassed("note-rebuild-failed");
    assertThat(variable(migration, "packageStatus")).isEqualTo("create_failed");
    assertThat((String) variable(approval, "editRefusal")).startsWith("The Library could not build the edited package:");
    assertThat(variable(migration, "failureMessage")).as("the migration did not fail").isNull();

    resubmit(migration, "Rebuild fixed", offered(migration));
    assertThat(approval).isWaitingAt("approve-import");
    assertThat(variable(migration, "packageStatus")).isEqualTo("created");
    assertThat(variable(approval, "editRefusal")).isNull();
    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    assertThat(migration).isWaitingAt("review-import");
  }

  @Test
  void afterAFailedValidationTheRequesterMayEditBeforeRequesting() throws Exception {
    ProcessInstance migration = start(Requests.objectMigration("Edit first fail-validation"));
    assertThat(variable(migration, "validationStatus")).isEqualTo("validation_failed");
    complete(migration, "request-import", REQUESTER, Map.of("editFirst", true));
    assertThat(approvalOf(migration)).isWaitingAt("edit-package").hasNotPassed("mark-requested");
    assertThat(sourceRecord(migration).at("/importInfo/importRequestStatus").asText()).isEqualTo("pending");

    resubmit(migration, "Edit first", offered(migration));

    ProcessInstance approval = approvalOf(migration);
    assertThat(approval).isWaitingAt("approve-import");
    assertThat(variable(migration, "validationStatus")).isEqualTo("validated");
    assertThat(sourceRecord(migration).at("/importInfo/importRequestStatus").asText()).isEqualTo("requested");
    complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    assertThat(migration).isWaitingAt("review-import");
  }

  @Test
  void theTasklistFormEditsThroughTheChecklistAndActionLines() throws Exception {
    ProcessInstance migration = start(Requests.objectMigration("Form edit"));
    complete(migration, "request-import", REQUESTER, Map.of());
    sendBack(migration, "only Object 1, older wins");
    String first = offered(migration).get(0).get("id").asText();
    assertThat(String.valueOf(variable(approvalOf(migration), "editChoices"))).contains("Object 2 (");

    assertThatThrownBy(() -> complete(migration, "edit-package", REQUESTER, Map.of("resubmit", true,
        "keepObjects", SpinValues.jsonValue("[\"" + first + "\"]").create(), "actionChanges", "Nope: replace")))
        .hasMessageContaining("actionChanges line 1: 'Nope' is not an object kept in the package");
    complete(migration, "edit-package", REQUESTER, Map.of("resubmit", true,
        "keepObjects", SpinValues.jsonValue("[\"" + first + "\"]").create(), "actionChanges", "Object 1: use_older"));

    assertThat(approvalOf(migration)).isWaitingAt("approve-import");
    JsonNode rebuilt = sourceRecord(migration);
    assertThat(rebuilt.at("/packageInfo/tocView/content")).hasSize(1);
    assertThat(rebuilt.at("/packageInfo/tocView/content/0/action").asText()).isEqualTo("use_older");
  }

  @Test
  void theEditorBecomesTheRequesterSoTheyCannotApproveTheirOwnEdit() throws Exception {
    String both = "rob-" + System.nanoTime(); // a requester who also approves
    identity.saveUser(identity.newUser(both));
    identity.createMembership(both, "ferry-requesters");
    identity.createMembership(both, "ferry-approvers");
    try {
      ProcessInstance migration = start(Requests.objectMigration("Own edit"));
      complete(migration, "request-import", REQUESTER, Map.of());
      sendBack(migration, "rename");
      Map<String, Object> edit = new HashMap<>();
      edit.put("editName", "Own edit v2");
      edit.put("editObjects", SpinValues.jsonValue(offered(migration).toString()).create());
      edit.put("resubmit", true);
      complete(migration, "edit-package", both, edit);
      assertThat(variable(approvalOf(migration), "importRequester")).isEqualTo(both);

      assertThatThrownBy(() -> complete(migration, "approve-import", both, Map.of("decision", "approved")))
          .hasMessageContaining("Four eyes: " + both + " asked for this");
      complete(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
      assertThat(migration).isWaitingAt("review-import");
    } finally {
      identity.deleteUser(both);
    }
  }
}
