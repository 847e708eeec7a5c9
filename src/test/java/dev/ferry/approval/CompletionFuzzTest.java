package dev.ferry.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.support.Completion;
import dev.ferry.support.Completion.Json;
import dev.ferry.support.Completion.Raw;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12: whatever a caller sends when completing a task — a variable missing, null, of the wrong
 * type, JSON where text belongs, JSON that does not parse, a Java-serialized object — the
 * answer over {@code /engine-rest} is never a 5xx: it is accepted or refused as the caller's
 * mistake. Every variable a task takes (its form's fields and the API's) is tried with every
 * value, alone and on top of an otherwise valid completion, then random mixes (fixed seed;
 * -Dfuzz.rounds=300 searches longer). A completion that is accepted moves the migration on, so
 * the next one gets a fresh migration waiting at that task. The tasks' sweeps run side by side (each on
 * migrations of its own, driven in its own thread): one sweep keeps one core busy between its requests.
 */
class CompletionFuzzTest extends MigrationScenario {

  private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 30);

  /**
   * Values of every shape: null, text, numbers, booleans, JSON, a huge text and one longer than a text
   * variable holds (4000), and what Camunda itself must refuse.
   */
  private static final List<Object> VALUES = Arrays.asList(null, "", " ", "yes", "true", "false", "approved",
      "changesRequested", 0, 42, -1L, 4.2, true, false, new Json("{\"a\": 1}"), new Json("[1, \"two\"]"),
      new Json("\"text\""), new Json("[]"), "x".repeat(3900), "x".repeat(4001), new Raw("{\"value\": {\"a\": 1}}"),
      new Raw("{\"value\": [1, 2]}"), new Raw("{\"value\": \"maybe\", \"type\": \"Boolean\"}"),
      new Raw("{\"value\": \"soon\", \"type\": \"Date\"}"), new Raw("{\"value\": \"x\", \"type\": \"Teleport\"}"),
      new Raw("{\"value\": \"{not json\", \"type\": \"Json\"}"),
      new Raw("{\"value\": \"rO0ABXQABWhlbGxv\", \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": "
          + "\"java.lang.String\", \"serializationDataFormat\": \"application/x-java-serialized-object\"}}"),
      new Raw("{\"value\": \"{}\", \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": "
          + "\"java.util.HashMap\", \"serializationDataFormat\": \"application/json\"}}"));

  @LocalServerPort int port;
  FerryHttp http;
  final Random random = new Random(20261201);
  final List<String> failures = new ArrayList<>();
  int completions;

  @BeforeEach
  void client() {
    http = new FerryHttp(port);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void approveImport() {
    sweep("approve-import", APPROVER, this::atApproveImport, Completion.with("decision", "approved"),
        "decision", "approved", "changesRequested", "comment", "overrideValidation");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void approveImportAfterAFailedValidation() {
    sweep("approve-import", APPROVER, () -> atApproveImport("Fuzz fail-validation"),
        Completion.with("decision", "approved", "overrideValidation", true, "comment", "on purpose"),
        "decision", "comment", "overrideValidation");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void editPackage() {
    sweep("edit-package", REQUESTER, this::atEditPackage, Completion.with("resubmit", true),
        "resubmit", "editName", "editObjects", "keepObjects", "actionChanges");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void requestAndReviewImport() {
    sweep("request-import", REQUESTER, () -> start(Requests.objectMigration("Fuzz request")), Completion.with(),
        "editFirst");
    sweep("review-import", REQUESTER, this::atReviewImport, Completion.with("undo", false),
        "undo");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void approveUndo() {
    sweep("approve-undo", APPROVER, this::atApproveUndo, Completion.with("approved", false),
        "approved", "comment");
  }

  /**
   * Completes {@code taskKey} over {@code /engine-rest} with each variable set to each value, alone
   * and on top of {@code valid}, then with random mixes; every answer must be below 500.
   */
  private void sweep(String taskKey, String user, Supplier<ProcessInstance> waiting, Completion valid,
      String... variables) {
    ProcessInstance[] migration = {waiting.get()};
    List<Completion> completions = new ArrayList<>();
    completions.add(Completion.with());
    for (String variable : variables) {
      for (Object value : VALUES) {
        completions.add(Completion.with(variable, value));
        completions.add(copy(valid).and(variable, value));
      }
    }
    for (int round = 0; round < ROUNDS; round++) {
      Completion mix = random.nextBoolean() ? copy(valid) : Completion.with();
      for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
        mix.and(variables[random.nextInt(variables.length)], VALUES.get(random.nextInt(VALUES.size())));
      }
      completions.add(mix);
    }
    for (Completion completion : completions) {
      Task task = task(migration[0], taskKey);
      if (task == null) {
        migration[0] = waiting.get();
        task = task(migration[0], taskKey);
      }
      String path = "/engine-rest/task/" + task.getId() + (random.nextBoolean() ? "/complete" : "/submit-form");
      FerryHttp.Answer answer = http.post(user, password(user), path, completion.json());
      this.completions++;
      if (answer.status() >= 500) {
        failures.add(taskKey + " " + completion + " → " + answer.status() + " " + answer.body());
      }
      driver.runJobs(migration[0].getId());
    }
    assertThat(failures).as(this.completions + " completions of " + taskKey).isEmpty();
  }

  private static Completion copy(Completion valid) {
    Completion copy = Completion.with();
    valid.variables().forEach(copy::and);
    return copy;
  }

  private static String password(String user) {
    return Map.of(REQUESTER, "rita", APPROVER, "abe").get(user);
  }

  private ProcessInstance atApproveImport() {
    return atApproveImport("Fuzz approval");
  }

  private ProcessInstance atApproveImport(String name) {
    ProcessInstance migration = start(Requests.objectMigration(name));
    complete(migration, "request-import", REQUESTER, Map.of());
    return migration;
  }

  private ProcessInstance atEditPackage() {
    ProcessInstance migration = atApproveImport("Fuzz edit");
    complete(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested", "comment", "change it"));
    return migration;
  }

  private ProcessInstance atReviewImport() {
    ProcessInstance migration = start(Requests.objectMigration("Fuzz review"));
    requestAndApprove(migration);
    return migration;
  }

  private ProcessInstance atApproveUndo() {
    ProcessInstance migration = atReviewImport();
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    return migration;
  }
}
