package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.FerryProperties;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.simulator.Endpoint;
import dev.ferry.simulator.SimulatedFaults;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Library does the call, then the connection drops before its answer reaches Ferry: the job
 * fails, runs again, and must find what the Library already did instead of doing it twice. For
 * every call that changes a Library, the whole lifecycle runs once without the fault and once with
 * that call's first answer lost; the Libraries must have accepted the same changes, and the
 * lifecycle must end the same way, without an incident.
 */
class LostAnswerTest extends MigrationScenario {

  /** A lifecycle from start to end, with clean-up on, so that the deletes run too. */
  enum Lifecycle { MIGRATION, MERGE, SENT_BACK, GROUP, GROUP_SENT_BACK, TRANSFER }

  /** Every call that changes a Library. */
  static final List<Endpoint> CHANGES = List.of(Endpoint.POST_MIGRATION, Endpoint.PATCH_IMPORT_TARGET,
      Endpoint.PUT_VALIDATION, Endpoint.PATCH_VALIDATING, Endpoint.PATCH_IMPORT_REQUESTED,
      Endpoint.PATCH_IMPORT_APPROVED, Endpoint.PATCH_IMPORT_REJECTED, Endpoint.PUT_PACKAGE_INFO, Endpoint.PUT_MIGRATION,
      Endpoint.PATCH_UNDO_REQUESTED, Endpoint.PATCH_UNDO_APPROVED, Endpoint.DELETE_PACKAGE,
      Endpoint.POST_MIGRATION_GROUP, Endpoint.PATCH_GROUP_IMPORT_REQUESTED, Endpoint.PATCH_GROUP_IMPORT_APPROVED,
      Endpoint.PATCH_GROUP_IMPORT_REJECTED, Endpoint.PUT_GROUP_EDIT, Endpoint.PUT_MIGRATION_GROUP,
      Endpoint.PATCH_GROUP_UNDO_REQUESTED, Endpoint.PATCH_GROUP_UNDO_APPROVED, Endpoint.DELETE_PACKAGE_GROUP,
      Endpoint.POST_SHARED_FILE, Endpoint.PUT_SHARED_FILE_BINARY, Endpoint.POST_MIGRATION_FROM_SHARED_FILE,
      Endpoint.DELETE_SHARED_FILE);

  static Stream<Arguments> lostAnswers() {
    return Stream.of(
        Arguments.of(Lifecycle.MIGRATION, Endpoint.POST_MIGRATION),
        Arguments.of(Lifecycle.MIGRATION, Endpoint.PATCH_IMPORT_TARGET),
        Arguments.of(Lifecycle.MIGRATION, Endpoint.PUT_VALIDATION),
        Arguments.of(Lifecycle.MIGRATION, Endpoint.PATCH_VALIDATING),
        Arguments.of(Lifecycle.MIGRATION, Endpoint.PATCH_IMPORT_REQUESTED),
        Arguments.of(Lifecycle.MIGRATION, Endpoint.PATCH_IMPORT_APPROVED),
        Arguments.of(Lifecycle.MIGRATION, Endpoint.PUT_MIGRATION),
        Arguments.of(Lifecycle.MIGRATION, Endpoint.PATCH_UNDO_REQUESTED),
        Arguments.of(Lifecycle.MIGRATION, Endpoint.PATCH_UNDO_APPROVED),
        Arguments.of(Lifecycle.MIGRATION, Endpoint.DELETE_PACKAGE),
        Arguments.of(Lifecycle.MERGE, Endpoint.POST_MIGRATION),
        Arguments.of(Lifecycle.MERGE, Endpoint.PUT_MIGRATION),
        Arguments.of(Lifecycle.SENT_BACK, Endpoint.PATCH_IMPORT_REJECTED),
        Arguments.of(Lifecycle.SENT_BACK, Endpoint.PUT_PACKAGE_INFO),
        Arguments.of(Lifecycle.GROUP, Endpoint.POST_MIGRATION_GROUP),
        Arguments.of(Lifecycle.GROUP, Endpoint.PATCH_GROUP_IMPORT_REQUESTED),
        Arguments.of(Lifecycle.GROUP, Endpoint.PATCH_GROUP_IMPORT_APPROVED),
        Arguments.of(Lifecycle.GROUP, Endpoint.PUT_MIGRATION_GROUP),
        Arguments.of(Lifecycle.GROUP, Endpoint.PATCH_GROUP_UNDO_REQUESTED),
        Arguments.of(Lifecycle.GROUP, Endpoint.PATCH_GROUP_UNDO_APPROVED),
        Arguments.of(Lifecycle.GROUP, Endpoint.DELETE_PACKAGE_GROUP),
        Arguments.of(Lifecycle.GROUP_SENT_BACK, Endpoint.PATCH_GROUP_IMPORT_REJECTED),
        Arguments.of(Lifecycle.GROUP_SENT_BACK, Endpoint.PUT_GROUP_EDIT),
        Arguments.of(Lifecycle.TRANSFER, Endpoint.POST_SHARED_FILE),
        Arguments.of(Lifecycle.TRANSFER, Endpoint.PUT_SHARED_FILE_BINARY),
        Arguments.of(Lifecycle.TRANSFER, Endpoint.POST_MIGRATION_FROM_SHARED_FILE),
        Arguments.of(Lifecycle.TRANSFER, Endpoint.DELETE_SHARED_FILE),
        Arguments.of(Lifecycle.TRANSFER, Endpoint.DELETE_PACKAGE));
  }

  /** What a lifecycle did: how it ended and the changes each Library accepted ({@code dev:POST_MIGRATION} …). */
  record Run(String outcome, long incidents, Map<String, Long> accepted, long answersLost) {
  }

  private static final Map<Lifecycle, Run> WITHOUT_FAULT = new EnumMap<>(Lifecycle.class);
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final Path NUMBERS = Path.of("target", "lost-answers.txt");

  @Autowired Simulator simulator;
  @Autowired SimulatedFaults faults;
  @Autowired FerryProperties properties;
  @Autowired MigrationsClient migrations;

  @BeforeEach
  void cleanUpAfterEachMigration() {
    properties.getCleanup().setDeletePackages(true);
  }

  @AfterEach
  void keepPackagesAgain() {
    properties.getCleanup().setDeletePackages(false);
    faults.clear();
  }

  @ParameterizedTest(name = "{1} answer lost in a {0}")
  @MethodSource("lostAnswers")
  void aLostAnswerIsRetriedToTheSameEndWithTheChangeMadeOnce(Lifecycle lifecycle, Endpoint lost) {
    Run expected = WITHOUT_FAULT.computeIfAbsent(lifecycle, l -> run(l, null));

    Run actual = run(lifecycle, lost);

    record(lifecycle, lost, actual, expected);
    assertThat(actual.answersLost()).as("the simulator dropped one answer of " + lost).isEqualTo(1);
    assertThat(actual.incidents()).as("incidents").isZero();
    assertThat(actual.outcome()).as("the lifecycle ends as it would have").isEqualTo(expected.outcome());
    if (lost == Endpoint.PUT_VALIDATION) {
      // the one call Ferry repeats: see docs/library-protocol.md ("PUT …/validation")
      Map<String, Long> once = new TreeMap<>(actual.accepted());
      once.merge("prod:" + Endpoint.PUT_VALIDATION, -1L, Long::sum);
      assertThat(once).as("changes accepted, the validation aside").isEqualTo(expected.accepted());
      return;
    }
    assertThat(actual.accepted()).as("changes the Libraries accepted").isEqualTo(expected.accepted());
  }

  private Run run(Lifecycle lifecycle, Endpoint lost) {
    faults.clear();
    if (lost != null) {
      faults.loseAnswers(lost, 1);
    }
    Map<String, Long> before = accepted();
    String name = "Lost " + lifecycle.name().toLowerCase().replace('_', ' ') + " " + RUNS.incrementAndGet();
    ProcessInstance top = switch (lifecycle) {
      case MIGRATION -> migration(start("migration", Requests.objectMigration(name)), true);
      case MERGE -> migration(start("migration", Requests.projectMerge(name)), false);
      case SENT_BACK -> sentBack(start("migration", Requests.objectMigration(name)), name);
      case GROUP -> {
        ProcessInstance group = start("migration-group", Requests.group(name, "Tutorial", "Human Resources"));
        migration(child(group), true);
        yield group;
      }
      case GROUP_SENT_BACK -> {
        ProcessInstance group = start("migration-group", Requests.group(name, "Tutorial", "Human Resources"));
        sentBack(child(group), name);
        yield group;
      }
      case TRANSFER -> {
        ProcessInstance transfer = start("package-transfer", transferOf(name));
        migration(child(transfer), false);
        yield transfer;
      }
    };
    Map<String, Long> after = accepted();
    Map<String, Long> changes = new TreeMap<>();
    after.forEach((key, count) -> {
      long delta = count - before.get(key);
      if (delta != 0) {
        changes.put(key, delta);
      }
    });
    long incidents = history.createHistoricProcessInstanceQuery().rootProcessInstanceId(top.getId()).list().stream()
        .mapToLong(instance -> history.createHistoricIncidentQuery().processInstanceId(instance.getId()).count()).sum();
    Run run = new Run(String.valueOf(variable(top, "outcome")), incidents, changes,
        lost == null ? 0 : faults.answersLost(lost));
    faults.clear();
    return run;
  }

  /** Request, approve, then undo (or keep) the import; ends with the clean-up. */
  private ProcessInstance migration(ProcessInstance migration, boolean undo) {
    completeAndRetry(migration, "request-import", REQUESTER, Map.of());
    completeAndRetry(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    completeAndRetry(migration, "review-import", REQUESTER, Map.of("undo", undo));
    if (undo) {
      completeAndRetry(migration, "approve-undo", APPROVER, Map.of("approved", true));
    }
    return migration;
  }

  /** Request, send back, edit one object away, approve the edited package, keep the import. */
  private ProcessInstance sentBack(ProcessInstance migration, String name) {
    completeAndRetry(migration, "request-import", REQUESTER, Map.of());
    completeAndRetry(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested",
        "comment", "one object fewer"));
    ArrayNode rows;
    try {
      rows = offered(migration);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    rows.remove(rows.size() - 1);
    completeAndRetry(migration, "edit-package", REQUESTER, Map.of("resubmit", true, "editName", name + " edited",
        "editObjects", SpinValues.jsonValue(rows.toString()).create()));
    completeAndRetry(migration, "approve-import", APPROVER, Map.of("decision", "approved"));
    completeAndRetry(migration, "review-import", REQUESTER, Map.of("undo", false));
    return migration;
  }

  private ProcessInstance start(String process, ObjectNode request) {
    ProcessInstance instance = runtime.startProcessInstanceByKey(process,
        Map.of("request", SpinValues.jsonValue(request.toString()).create()));
    runWithRetries(instance);
    return instance;
  }

  private ProcessInstance child(ProcessInstance parent) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(parent.getId()).singleResult();
  }

  /** A transfer of a package built on dev, as a requester would name it. */
  private ObjectNode transferOf(String name) {
    LibraryScope dev = LibraryScope.of("dev", Requests.SOURCE_PROJECT);
    Migration source = migrations.create(dev, Requests.objectMigration(name));
    migrations.get(dev, source.id(), false);
    ObjectNode request = new ObjectMapper().createObjectNode();
    request.putObject("source").put("environment", "dev").put("migrationId", source.id());
    request.putObject("target").put("environment", "prod").putObject("project").put("id", Requests.TARGET_PROJECT);
    return request;
  }

  private void completeAndRetry(ProcessInstance migration, String task, String user, Map<String, Object> variables) {
    complete(migration, task, user, variables);
    runWithRetries(migration);
  }

  /** Runs jobs, letting time pass so that a job that failed once is due again. */
  private void runWithRetries(ProcessInstance instance) {
    for (int round = 0; round < 3; round++) {
      driver.runJobs(instance.getId());
      ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 2_000));
    }
    driver.runJobs(instance.getId());
  }

  private Map<String, Long> accepted() {
    Map<String, Long> counts = new TreeMap<>();
    for (String environment : List.of("dev", "prod")) {
      for (Endpoint endpoint : CHANGES) {
        counts.put(environment + ":" + endpoint, simulator.environment(environment).accepted(endpoint));
      }
    }
    return counts;
  }

  /** The numbers for the record: accepted per endpoint with the lost answer, and without it. */
  private static void record(Lifecycle lifecycle, Endpoint lost, Run actual, Run expected) {
    String line = lifecycle + " lost=" + lost + " answersLost=" + actual.answersLost() + " outcome=" + actual.outcome()
        + "/" + expected.outcome() + " incidents=" + actual.incidents() + " accepted=" + actual.accepted()
        + " expected=" + expected.accepted() + System.lineSeparator();
    try {
      Files.createDirectories(NUMBERS.getParent());
      Files.writeString(NUMBERS, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
