package dev.ferry.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code migration-group}: one migration of kind {@code group}, whose result the group reports. */
class MigrationGroupModelTest extends ModelTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = coverageOf("migration-group", 1.0);

  @Override
  List<String> models() {
    return List.of("migration-group", "migration", "import-approval", "library-poll", "queue-slot");
  }

  @Test
  void aGroupIsMigratedAsOneMigrationOfKindGroupWithoutValidation() {
    ProcessInstance group = start("migration-group", Map.of());
    ProcessInstance migration = called(group, "migration");
    assertThat(variable(migration, "kind")).isEqualTo("group");
    assertThat(migration).isWaitingAt("approval");

    complete(group, "request-import", REQUESTER, Map.of());
    complete(group, "approve-import", APPROVER, Map.of("decision", "approved"));
    complete(group, "review-import", REQUESTER, Map.of("undo", false));
    assertThat(group).isEnded().hasPassedInOrder("group-requested", "group-migration", "group-ended");
    assertThat(variable(group, "outcome")).isEqualTo("imported");
    assertThat(variable(group, "importApprover")).isEqualTo(APPROVER);
    assertThat(library.calls).doesNotContain("startValidation");
  }

  @Test
  void aGroupWhosePackagesFailToBuildReportsTheFailure() {
    library.poll("package-created", "failed");
    ProcessInstance group = start("migration-group", Map.of());
    assertThat(group).isEnded().hasPassed("group-ended");
    assertThat(variable(group, "outcome")).isEqualTo("failed");
    assertThat(variable(group, "failureMessage")).isEqualTo("package-created failed");
    assertThat(variable(group, "packageStatus")).isEqualTo("create_failed");
  }
}
