package dev.ferry.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A pipeline's view of Ferry: it starts a migration, follows it, decides as a user and waits for the
 * outcome using only Ferry REST ({@code /ferry/api}, never {@code /engine-rest}), in the sandbox with
 * the job executor running; the people in the loop hear about each waiting task and the outcome by
 * e-mail (a real SMTP server, GreenMail) and the target's webhook (a local HTTP receiver).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ferry.public-url=https://ferry.example.com"})
@ActiveProfiles({"test", "end-to-end"})
class AutomationEndToEndTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  static final WireMockServer HOOKS = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    MAIL.start();
    HOOKS.start();
    HOOKS.stubFor(WireMock.post("/hooks/prod").willReturn(WireMock.ok()));
  }

  @DynamicPropertySource
  static void notifications(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    registry.add("ferry.notifications.mail.from", () -> "ferry@ferry.local");
    registry.add("ferry.notifications.webhooks.prod", () -> HOOKS.baseUrl() + "/hooks/prod");
  }

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  FerryHttp http;

  @BeforeEach
  void setUp() {
    MigrationScenario.activate(engine);
    http = new FerryHttp(port);
    user(identity, "pat", "ferry-requesters", "ferry-approvers");
    user(identity, "rob", "ferry-requesters");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aPipelineStartsFollowsDecidesAndWaitsForTheOutcomeOverFerryRest() throws Exception {
    String key = "CHG-" + System.nanoTime();
    FerryHttp.Answer started = http.post("rita", "rita", "/ferry/api/migrations?businessKey=" + key,
        Requests.objectMigration("Pipeline release").toString());
    assertThat(started.status()).as(started.body()).isEqualTo(201);

    JsonNode status = get("rita", key);
    assertThat(status.path("kind").asText()).isEqualTo("migration");
    assertThat(status.path("state").asText()).isEqualTo("running");
    assertThat(status.path("processInstanceId").asText()).isEqualTo(started.json().path("processInstanceId").asText());

    JsonNode waiting = awaitTask("rita", key, "request-import");
    assertThat(waiting.at("/task/candidateGroup").asText()).isEqualTo("ferry-requesters");
    assertThat(waiting.at("/task/tasklistUrl").asText())
        .isEqualTo("https://ferry.example.com/camunda/app/tasklist/default/#/?task=" + waiting.at("/task/id").asText());
    assertThat(waiting.at("/task/decideWith").asText()).isEqualTo("POST /ferry/api/migrations/" + key
        + "/import-request");
    assertThat(waiting.path("step").asText()).isEqualTo("Request import: waits for a member of ferry-requesters");
    assertThat(waiting.at("/status/packageStatus").asText()).isEqualTo("created");
    assertThat(waiting.path("migrationId").asText()).isNotBlank();
    assertThat(waiting.path("targetEnvironment").asText()).isEqualTo("prod");

    FerryHttp.Answer notACandidate = post("abe", key, "import-request", "{}");
    assertThat(notACandidate.status()).as("an approver is no requester").isEqualTo(403);
    assertThat(post("rita", key, "import-request", "{}").status()).isEqualTo(200);

    JsonNode approval = awaitTask("abe", key, "approve-import");
    assertThat(approval.at("/status/validationStatus").asText()).isEqualTo("validated");
    assertThat(approval.at("/task/candidateGroup").asText()).isEqualTo("ferry-approvers");

    assertThat(post("rita", key, "import-decision", "{\"decision\": \"approved\"}").status())
        .as("a requester is no approver").isEqualTo(403);
    FerryHttp.Answer unknown = post("abe", key, "import-decision", "{\"decision\": \"maybe\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().at("/violations/0/field").asText()).isEqualTo("decision");
    FerryHttp.Answer noComment = post("abe", key, "import-decision", "{\"decision\": \"changesRequested\"}");
    assertThat(noComment.status()).as(noComment.body()).isEqualTo(400);
    assertThat(noComment.json().at("/violations/0/field").asText()).isEqualTo("comment");
    assertThat(noComment.json().at("/violations/0/message").asText()).contains("what the requester should change");
    assertThat(post("abe", key, "review", "{\"undo\": true}").status()).as("not waiting there").isEqualTo(409);

    FerryHttp.Answer approved = post("abe", key, "import-decision", "{\"decision\": \"approved\", \"comment\": \"ok\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);

    JsonNode review = awaitTask("rita", key, "review-import");
    assertThat(review.at("/status/importStatus").asText()).isEqualTo("imported");
    assertThat(review.at("/status/undoPossible").asBoolean()).isTrue();
    assertThat(post("rita", key, "review", "{}").json().at("/violations/0/field").asText()).isEqualTo("undo");
    assertThat(post("rita", key, "review", "{\"undo\": true}").status()).isEqualTo(200);

    awaitTask("abe", key, "approve-undo");
    assertThat(post("abe", key, "undo-decision", "{\"decision\": \"approved\"}").status()).isEqualTo(200);

    JsonNode ended = await().atMost(PATIENCE).until(() -> get("rita", key),
        s -> "ended".equals(s.path("state").asText()));
    assertThat(ended.path("outcome").asText()).isEqualTo("undone");
    assertThat(ended.path("step").asText()).isEqualTo("Ended: undone");
    assertThat(ended.path("endedAt").asText()).isNotBlank();
    assertThat(decisions(ended)).containsExactly(
        "request-import rita requested null",
        "approve-import abe approved ok",
        "review-import rita undoRequested null",
        "approve-undo abe approved null");

    Map<String, String> mails = await().atMost(PATIENCE).until(() -> mailsAbout(key), m -> m.size() == 5);
    assertThat(mails).containsExactly(
        Map.entry("Ferry: Approve import — Pipeline release (" + key + ")", "abe@ferry.local"),
        Map.entry("Ferry: Approve undo — Pipeline release (" + key + ")", "abe@ferry.local"),
        Map.entry("Ferry: Pipeline release (" + key + ") ended: undone", "rita@ferry.local"),
        Map.entry("Ferry: Request import — Pipeline release (" + key + ")", "rita@ferry.local"),
        Map.entry("Ferry: Review import — Pipeline release (" + key + ")", "rita@ferry.local"));
    String approvalMail = mailText("Ferry: Approve import — Pipeline release (" + key + ")");
    assertThat(approvalMail).contains("waits for a member of ferry-approvers", "Requested by: rita",
        "approve the import into prod", "Validation on the target: validated",
        "https://ferry.example.com/camunda/app/tasklist/default/#/?task=" + approval.at("/task/id").asText());
    assertThat(mailText("Ferry: Pipeline release (" + key + ") ended: undone"))
        .contains("ended with the outcome undone", "https://ferry.example.com/ferry/api/migrations/" + key);

    List<String> hooks = await().atMost(PATIENCE).until(() -> webhookEvents(key), h -> h.size() == 5);
    assertThat(hooks).containsExactlyInAnyOrder("task", "task", "task", "task", "outcome");

    JsonNode mine = http.get("rita", "rita", "/ferry/api/migrations?state=ended&outcome=undone&target=prod").json();
    assertThat(keys(mine)).contains(key);
    assertThat(http.get("rob", "rob", "/ferry/api/migrations/" + key).status()).as("another requester's").isEqualTo(403);
    assertThat(keys(http.get("rob", "rob", "/ferry/api/migrations").json())).doesNotContain(key);
    assertThat(keys(http.get("abe", "abe", "/ferry/api/migrations?requester=rita&state=ended").json())).contains(key);
    assertThat(keys(http.get("abe", "abe", "/ferry/api/migrations?outcome=imported").json())).doesNotContain(key);
    assertThat(keys(http.get("abe", "abe", "/ferry/api/migrations?state=running").json())).doesNotContain(key);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aMigrationSentBackIsEditedAndRejectedOverFerryRest() {
    String key = "SENT-BACK-" + System.nanoTime();
    assertThat(http.post("rita", "rita", "/ferry/api/migrations?businessKey=" + key,
        Requests.objectMigration("Sent back over Ferry REST").toString()).status()).isEqualTo(201);
    awaitTask("rita", key, "request-import");
    assertThat(post("rita", key, "import-request", "{}").status()).isEqualTo(200);
    awaitTask("abe", key, "approve-import");
    assertThat(post("abe", key, "import-decision", "{\"decision\": \"changesRequested\", \"comment\": \"only "
        + "Object 1\"}").status()).isEqualTo(200);

    JsonNode edit = awaitTask("rita", key, "edit-package");
    assertThat(edit.at("/task/decideWith").asText()).isEqualTo("PUT /ferry/api/migrations/" + key + "/package");
    FerryHttp.Answer edited = http.put("rita", "rita", "/ferry/api/migrations/" + key + "/package",
        "{\"name\": \"Sent back v2\", \"objects\": [{\"id\": \"00000000000000000000000000000001\", "
            + "\"name\": \"Object 1\", \"type\": 12, \"action\": \"use_newer\"}]}");
    assertThat(edited.status()).as(edited.body()).isEqualTo(202);

    awaitTask("abe", key, "approve-import");
    assertThat(post("abe", key, "import-decision", "{\"decision\": \"rejected\", \"comment\": \"not this "
        + "quarter\"}").status()).isEqualTo(200);
    awaitTask("rita", key, "edit-package");
    JsonNode status = get("abe", key);
    assertThat(decisions(status)).containsExactly(
        "request-import rita requested null",
        "approve-import abe changesRequested only Object 1",
        "edit-package rita resubmitted null",
        "approve-import abe rejected not this quarter");
    assertThat(status.at("/status/packageName").asText()).isEqualTo("Sent back v2");
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void theRequesterCannotApproveTheirOwnRequestOverFerryRest() {
    String key = "FOUR-EYES-" + System.nanoTime();
    assertThat(http.post("pat", "pat", "/ferry/api/migrations?businessKey=" + key,
        Requests.objectMigration("Four eyes over Ferry REST").toString()).status()).isEqualTo(201);
    awaitTask("pat", key, "request-import");
    assertThat(post("pat", key, "import-request", "{}").status()).isEqualTo(200);
    awaitTask("pat", key, "approve-import");

    FerryHttp.Answer refused = post("pat", key, "import-decision", "{\"decision\": \"approved\"}");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("detail").asText()).startsWith("Four eyes: pat asked for this");
    JsonNode still = get("pat", key);
    assertThat(still.at("/task/key").asText()).isEqualTo("approve-import");
    assertThat(still.at("/task/assignee").isMissingNode()).as("the refusal left the task unclaimed").isTrue();
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void unknownKeysAndBadQueriesSayWhatIsWrong() {
    FerryHttp.Answer unknown = http.get("abe", "abe", "/ferry/api/migrations/NO-SUCH-KEY");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("detail").asText()).contains("NO-SUCH-KEY");
    assertThat(post("abe", "NO-SUCH-KEY", "import-decision", "{\"decision\": \"approved\"}").status()).isEqualTo(404);
    FerryHttp.Answer bad = http.get("abe", "abe", "/ferry/api/migrations?state=sleeping&since=yesterday&limit=0");
    assertThat(bad.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    bad.json().path("violations").forEach(v -> fields.add(v.path("field").asText()));
    assertThat(fields).containsExactly("state", "since", "limit");
    assertThat(http.get(null, null, "/ferry/api/migrations").status()).isEqualTo(401);
  }

  /** The mails whose subject names the key: subject → recipients, sorted by subject. */
  private static Map<String, String> mailsAbout(String key) throws Exception {
    Map<String, String> found = new TreeMap<>();
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (message.getSubject().contains(key)) {
        List<String> to = new ArrayList<>();
        for (Address address : message.getAllRecipients()) {
          to.add(address.toString());
        }
        found.merge(message.getSubject(), String.join(",", to), (a, b) -> a + "," + b);
      }
    }
    return found;
  }

  private static String mailText(String subject) throws Exception {
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (message.getSubject().equals(subject)) {
        return message.getContent().toString();
      }
    }
    return null;
  }

  private static List<String> webhookEvents(String key) {
    List<String> events = new ArrayList<>();
    HOOKS.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/hooks/prod"))).forEach(request -> {
      JsonNode body = FerryHttp.parse(request.getBodyAsString());
      if (key.equals(body.path("businessKey").asText())) {
        events.add(body.path("event").asText());
      }
    });
    return events;
  }

  private JsonNode get(String user, String key) {
    FerryHttp.Answer answer = http.get(user, user, "/ferry/api/migrations/" + key);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private FerryHttp.Answer post(String user, String key, String decision, String body) {
    return http.post(user, user, "/ferry/api/migrations/" + key + "/" + decision, body);
  }

  /** Follows the migration until the task with this key waits. */
  private JsonNode awaitTask(String user, String key, String taskKey) {
    return await().atMost(PATIENCE).until(() -> get(user, key), s -> taskKey.equals(s.at("/task/key").asText()));
  }

  private static List<String> decisions(JsonNode status) {
    List<String> lines = new ArrayList<>();
    status.path("decisions").forEach(d -> lines.add(d.path("task").asText() + " " + d.path("user").asText() + " "
        + d.path("decision").asText() + " " + (d.hasNonNull("comment") ? d.path("comment").asText() : "null")));
    return lines;
  }

  private static List<String> keys(JsonNode page) {
    List<String> keys = new ArrayList<>();
    page.path("data").forEach(m -> keys.add(m.path("businessKey").asText()));
    return keys;
  }

  /** The tests run side by side: one at a time checks for the user and creates it. */
  private static synchronized void user(IdentityService identity, String id, String... groups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(id);
      identity.saveUser(user);
      for (String group : groups) {
        identity.createMembership(id, group);
      }
    }
  }
}
