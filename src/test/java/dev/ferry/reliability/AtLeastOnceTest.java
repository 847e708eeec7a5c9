package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.simulator.Endpoint;
import dev.ferry.simulator.SimulatedLibrary;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Jobs run at least once. When Ferry dies after the Library answered but before the job
 * committed, the job runs again; it must not create a second package, import twice, or send an
 * approval the Library has already taken.
 */
@Import(AtLeastOnceTest.Crashes.class)
class AtLeastOnceTest extends MigrationScenario {

  @TestConfiguration
  static class Crashes {
    @Bean
    CrashAfterCall crashAfterCall() {
      return new CrashAfterCall();
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<ListsInAnotherShape> listsInAnotherShape() {
      var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new ListsInAnotherShape());
      registration.addUrlPatterns("/simulator/*");
      return registration;
    }
  }

  /**
   * When on, the simulated Libraries list migrations as Ferry once guessed they would
   * ({@code {"total", "migrations"}}) instead of {@code {"total", "data"}}: a Library Ferry cannot read.
   */
  static class ListsInAnotherShape extends org.springframework.web.filter.OncePerRequestFilter {
    static volatile boolean on;

    @Override
    protected boolean shouldNotFilter(jakarta.servlet.http.HttpServletRequest request) {
      return !on || !"GET".equals(request.getMethod()) || !request.getRequestURI().endsWith("/api/migrations");
    }

    @Override
    protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
        jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
        throws jakarta.servlet.ServletException, java.io.IOException {
      var held = new org.springframework.web.util.ContentCachingResponseWrapper(response);
      chain.doFilter(request, held);
      ObjectNode page = (ObjectNode) new ObjectMapper().readTree(held.getContentAsByteArray());
      page.set("migrations", page.remove("data"));
      byte[] body = page.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      held.resetBuffer();
      held.getOutputStream().write(body);
      held.copyBodyToResponse();
    }
  }

  @Autowired Simulator simulator;
  @Autowired MigrationsClient migrations;

  SimulatedLibrary dev() { return simulator.environment("dev"); }
  SimulatedLibrary prod() { return simulator.environment("prod"); }

  @AfterEach
  void disarm() {
    CrashAfterCall.ARMED.clear();
    ListsInAnotherShape.on = false;
  }

  /** Runs jobs, letting time pass so that a job that failed once is due again. */
  void runWithRetries(ProcessInstance instance) {
    for (int round = 0; round < 3; round++) {
      driver.runJobs(instance.getId());
      ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 2_000));
    }
    driver.runJobs(instance.getId());
  }

  void completeAndRetry(ProcessInstance migration, String task, String user, Map<String, Object> variables) {
    complete(migration, task, user, variables);
    runWithRetries(migration);
  }

  @Test
  void createThatRunsTwiceMakesOnePackage() {
    CrashAfterCall.ARMED.add("create-package");
    long before = dev().accepted(Endpoint.POST_MIGRATION);

    ProcessInstance migration = runtime.startProcessInstanceByKey("migration", "Twice created",
        Map.of("request", SpinValues.jsonValue(Requests.objectMigration("Twice created").toString()).create()));
    runWithRetries(migration);

    assertThat(dev().accepted(Endpoint.POST_MIGRATION) - before).isEqualTo(1);
    assertThat(approvalOf(migration)).isWaitingAt("request-import");
    assertThat(dev().migrations().stream().filter(m -> m.at("/packageInfo/name").asText().equals("Twice created")))
        .hasSize(1);
  }

  @Test
  void aListFerryCannotReadStopsTheRetryWithAnIncidentInsteadOfASecondPackage() {
    CrashAfterCall.ARMED.add("create-package");
    ListsInAnotherShape.on = true;
    long before = dev().accepted(Endpoint.POST_MIGRATION);

    ProcessInstance migration = runtime.startProcessInstanceByKey("migration", "Unreadable list",
        Map.of("request", SpinValues.jsonValue(Requests.objectMigration("Unreadable list").toString()).create()));
    for (int round = 0; round < 3; round++) {
      runWithRetries(migration);
    }

    org.camunda.bpm.engine.runtime.Incident incident = runtime.createIncidentQuery()
        .processInstanceId(migration.getId()).singleResult();
    assertThat(incident).as("an incident once the retries are spent").isNotNull();
    assertThat(incident.getActivityId()).isEqualTo("create-package");
    assertThat(incident.getIncidentMessage()).contains("Could not read the answer of GET /api/migrations",
        "the fields [total, migrations]", "does not repeat the call blindly");
    assertThat(dev().accepted(Endpoint.POST_MIGRATION) - before).as("no second package").isEqualTo(1);
  }

  @Test
  void approvalsReplicationAndUndoThatRunTwiceReachTheLibraryOnce() {
    CrashAfterCall.ARMED.addAll(java.util.List.of("mark-requested", "mark-approved", "replicate-package",
        "request-undo", "trigger-undo"));
    long requested = dev().accepted(Endpoint.PATCH_IMPORT_REQUESTED);
    long approved = dev().accepted(Endpoint.PATCH_IMPORT_APPROVED);
    long imports = prod().accepted(Endpoint.PUT_MIGRATION);
    long undoRequested = prod().accepted(Endpoint.PATCH_UNDO_REQUESTED);
    long undoApproved = prod().accepted(Endpoint.PATCH_UNDO_APPROVED);

    ProcessInstance migration = start(Requests.objectMigration("Twice everything"));
    completeAndRetry(migration, "request-import", REQUESTER, Map.of());
    completeAndRetry(migration, "approve-import", APPROVER, Map.of("approved", true));
    assertThat(migration).isWaitingAt("review-import");
    completeAndRetry(migration, "review-import", REQUESTER, Map.of("undo", true));
    completeAndRetry(migration, "approve-undo", APPROVER, Map.of("approved", true));

    assertThat(variable(migration, "outcome")).isEqualTo("undone");
    assertThat(runtime.createIncidentQuery().processInstanceId(migration.getId()).count()).isZero();
    assertThat(dev().accepted(Endpoint.PATCH_IMPORT_REQUESTED) - requested).isEqualTo(1);
    assertThat(dev().accepted(Endpoint.PATCH_IMPORT_APPROVED) - approved).isEqualTo(1);
    assertThat(prod().accepted(Endpoint.PUT_MIGRATION) - imports).isEqualTo(1);
    assertThat(prod().accepted(Endpoint.PATCH_UNDO_REQUESTED) - undoRequested).isEqualTo(1);
    assertThat(prod().accepted(Endpoint.PATCH_UNDO_APPROVED) - undoApproved).isEqualTo(1);
  }

  @Test
  void anEditThatRunsTwiceReachesTheLibraryOnceAndValidationMayRunAgain() throws Exception {
    CrashAfterCall.ARMED.addAll(java.util.List.of("set-import-target", "start-validation", "mark-validating", "mark-sent-back", "apply-edit"));
    long edits = dev().accepted(Endpoint.PUT_PACKAGE_INFO);

    ProcessInstance migration = runtime.startProcessInstanceByKey("migration", "Twice edited",
        Map.of("request", SpinValues.jsonValue(Requests.objectMigration("Twice edited").toString()).create()));
    runWithRetries(migration);
    assertThat(variable(migration, "validationStatus")).isEqualTo("validated");
    completeAndRetry(migration, "request-import", REQUESTER, Map.of());
    completeAndRetry(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested", "comment", "one"));
    com.fasterxml.jackson.databind.node.ArrayNode rows = offered(migration);
    rows.remove(1);
    completeAndRetry(migration, "edit-package", REQUESTER, Map.of("resubmit", true, "editName", "Twice edited",
        "editObjects", SpinValues.jsonValue(rows.toString()).create()));

    assertThat(approvalOf(migration)).isWaitingAt("approve-import");
    assertThat(runtime.createIncidentQuery().processInstanceId(approvalOf(migration).getId()).count()).isZero();
    assertThat(dev().accepted(Endpoint.PUT_PACKAGE_INFO) - edits).as("the edit reached the Library once").isEqualTo(1);
    assertThat(dev().migration((String) variable(migration, "migrationId")).orElseThrow()
        .at("/packageInfo/tocView/content")).hasSize(1);
  }

  @Test
  void groupWhoseStepsRunTwiceIsCreatedApprovedImportedAndUndoneOnce() {
    CrashAfterCall.ARMED.addAll(java.util.List.of("create-package", "mark-requested", "mark-approved",
        "replicate-package", "request-undo", "trigger-undo"));
    long created = dev().accepted(Endpoint.POST_MIGRATION_GROUP);
    long requested = dev().accepted(Endpoint.PATCH_GROUP_IMPORT_REQUESTED);
    long approved = dev().accepted(Endpoint.PATCH_GROUP_IMPORT_APPROVED);
    long imports = prod().accepted(Endpoint.PUT_MIGRATION_GROUP);
    long undoRequested = prod().accepted(Endpoint.PATCH_GROUP_UNDO_REQUESTED);
    long undoApproved = prod().accepted(Endpoint.PATCH_GROUP_UNDO_APPROVED);

    ProcessInstance group = runtime.startProcessInstanceByKey("migration-group", "Twice grouped",
        Map.of("request", SpinValues.jsonValue(Requests.group("Twice grouped", "Tutorial").toString()).create()));
    runWithRetries(group);
    ProcessInstance migration = runtime.createProcessInstanceQuery().superProcessInstanceId(group.getId())
        .singleResult();
    completeAndRetry(migration, "request-import", REQUESTER, Map.of());
    completeAndRetry(migration, "approve-import", APPROVER, Map.of("approved", true));
    completeAndRetry(migration, "review-import", REQUESTER, Map.of("undo", true));
    completeAndRetry(migration, "approve-undo", APPROVER, Map.of("approved", true));

    assertThat(variable(group, "outcome")).isEqualTo("undone");
    assertThat(dev().accepted(Endpoint.POST_MIGRATION_GROUP) - created).isEqualTo(1);
    assertThat(dev().accepted(Endpoint.PATCH_GROUP_IMPORT_REQUESTED) - requested).isEqualTo(1);
    assertThat(dev().accepted(Endpoint.PATCH_GROUP_IMPORT_APPROVED) - approved).isEqualTo(1);
    assertThat(prod().accepted(Endpoint.PUT_MIGRATION_GROUP) - imports).isEqualTo(1);
    assertThat(prod().accepted(Endpoint.PATCH_GROUP_UNDO_REQUESTED) - undoRequested).isEqualTo(1);
    assertThat(prod().accepted(Endpoint.PATCH_GROUP_UNDO_APPROVED) - undoApproved).isEqualTo(1);
  }

  @Test
  void transferThatRunsTwiceUploadsOneFileAndImportsOnce() {
    CrashAfterCall.ARMED.addAll(java.util.List.of("create-shared-file", "replicate-package"));
    long files = prod().accepted(Endpoint.POST_SHARED_FILE);
    long imports = prod().accepted(Endpoint.POST_MIGRATION_FROM_SHARED_FILE);
    Migration source = migrations.create(LibraryScope.of("dev", Requests.SOURCE_PROJECT),
        Requests.objectMigration("Twice transferred"));
    migrations.get(LibraryScope.of("dev", Requests.SOURCE_PROJECT), source.id(), false);
    ObjectNode request = new ObjectMapper().createObjectNode();
    request.putObject("source").put("environment", "dev").put("migrationId", source.id());
    request.putObject("target").put("environment", "prod").putObject("project").put("id", Requests.TARGET_PROJECT);

    ProcessInstance transfer = runtime.startProcessInstanceByKey("package-transfer",
        Map.of("request", SpinValues.jsonValue(request.toString()).create()));
    runWithRetries(transfer);
    ProcessInstance migration = runtime.createProcessInstanceQuery().superProcessInstanceId(transfer.getId())
        .singleResult();
    completeAndRetry(migration, "request-import", REQUESTER, Map.of());
    completeAndRetry(migration, "approve-import", APPROVER, Map.of("approved", true));

    assertThat(migration).isWaitingAt("review-import");
    assertThat(prod().accepted(Endpoint.POST_SHARED_FILE) - files).isEqualTo(1);
    assertThat(prod().accepted(Endpoint.POST_MIGRATION_FROM_SHARED_FILE) - imports).isEqualTo(1);
  }
}
