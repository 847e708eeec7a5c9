package dev.ferry.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.support.FerryHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What a user or a pipeline does with a Ferry node over HTTP: start a migration, wait for a task
 * and complete it, read a variable from history. Users' passwords are their names (the demo users).
 */
public final class FerryRest {

  /** Camunda REST's date format. */
  private static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final FerryNode node;
  private final FerryHttp http;
  private final Duration patience;

  public FerryRest(FerryNode node, Duration patience) {
    this.node = node;
    this.http = node.http();
    this.patience = patience;
  }

  public FerryHttp http() {
    return http;
  }

  /** {@code POST /ferry/api/migrations?businessKey=…} as {@code user}; returns the process instance id. */
  public String startMigration(String user, String businessKey, String body) {
    FerryHttp.Answer started = http.post(user, user, "/ferry/api/migrations?businessKey="
        + URLEncoder.encode(businessKey, StandardCharsets.UTF_8), body);
    assertThat(started.status()).as("starting %s on %s: %s", businessKey, node, started.body()).isEqualTo(201);
    return started.json().get("processInstanceId").asText();
  }

  /** The id of the task {@code taskKey} of the migration {@code businessKey} that {@code user} sees, if there is one. */
  public Optional<String> task(String user, String businessKey, String taskKey) {
    JsonNode tasks = http.get(user, user, "/engine-rest/task?taskDefinitionKey=" + taskKey
        + "&processInstanceBusinessKey=" + URLEncoder.encode(businessKey, StandardCharsets.UTF_8)).json();
    return tasks.isArray() && tasks.size() == 1 ? Optional.of(tasks.get(0).get("id").asText()) : Optional.empty();
  }

  public String awaitTask(String user, String businessKey, String taskKey) {
    String[] found = new String[1];
    await(user + " sees " + taskKey + " of " + businessKey + " on " + node.name()).atMost(patience)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          found[0] = task(user, businessKey, taskKey).orElse(null);
          return found[0] != null;
        });
    return found[0];
  }

  public void claimAndComplete(String user, String taskId, String body) {
    FerryHttp.Answer claimed = http.post(user, user, "/engine-rest/task/" + taskId + "/claim",
        "{\"userId\": \"" + user + "\"}");
    assertThat(claimed.status()).as("%s claims %s: %s", user, taskId, claimed.body()).isEqualTo(204);
    FerryHttp.Answer completed = http.post(user, user, "/engine-rest/task/" + taskId + "/complete", body);
    assertThat(completed.status()).as("%s completes %s: %s", user, taskId, completed.body()).isIn(200, 204);
  }

  /** Waits for the task and completes it. */
  public void complete(String user, String businessKey, String taskKey, String body) {
    claimAndComplete(user, awaitTask(user, businessKey, taskKey), body);
  }

  public static String booleanVariable(String name, boolean value) {
    return "{\"variables\": {\"" + name + "\": {\"value\": " + value + ", \"type\": \"Boolean\"}}}";
  }

  /** A variable of the process instance from history (so also after it ended), as text; null if there is none. */
  public String variable(String processInstanceId, String name) {
    JsonNode variables = http.get(node.adminUser(), node.adminPassword(),
        "/engine-rest/history/variable-instance?processInstanceId=" + processInstanceId + "&variableName=" + name)
        .json();
    return variables.size() == 0 || variables.get(0).get("value").isNull() ? null
        : variables.get(0).get("value").asText();
  }

  /** The history state of the process instance: ACTIVE, COMPLETED, … */
  public String state(String processInstanceId) {
    return http.get(node.adminUser(), node.adminPassword(), "/engine-rest/history/process-instance/"
        + processInstanceId).json().path("state").asText();
  }

  /** Open incidents, as JSON, for failure messages. */
  public JsonNode incidents() {
    return http.get(node.adminUser(), node.adminPassword(), "/engine-rest/incident").json();
  }

  /** When the first job that succeeded at or after {@code since} succeeded, from the job log. */
  public Optional<Instant> firstSuccessfulJobSince(Instant since) {
    JsonNode log = http.get(node.adminUser(), node.adminPassword(),
        "/engine-rest/history/job-log?successLog=true&sortBy=timestamp&sortOrder=desc&maxResults=5000").json();
    Instant first = null;
    for (JsonNode entry : log) {
      Instant at = OffsetDateTime.parse(entry.path("timestamp").asText(), CAMUNDA_DATE).toInstant();
      if (!at.isBefore(since.minusMillis(1)) && (first == null || at.isBefore(first))) {
        first = at;
      }
    }
    return Optional.ofNullable(first);
  }
}
