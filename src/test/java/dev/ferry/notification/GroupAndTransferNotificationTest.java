package dev.ferry.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The end of a migration group and of a package transfer is told like a single migration's: once,
 * to the requester by e-mail (a real SMTP server, GreenMail) and to the target environment's webhook
 * (WireMock), with the group's or transfer's key, name, outcome and status link.
 */
@TestPropertySource(properties = "ferry.public-url=https://ferry.example.com")
class GroupAndTransferNotificationTest extends MigrationScenario {

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
    registry.add("ferry.notifications.webhooks.prod", () -> HOOKS.baseUrl() + "/hooks/prod");
  }

  @Autowired ManagementService management;
  @Autowired MigrationsClient migrations;

  @Test
  void anImportedGroupIsToldOnceByMailAndWebhookWithItsNameAndLink() throws Exception {
    String key = "Quarter end " + System.nanoTime();
    ProcessInstance group = asRita(() -> runtime.startProcessInstanceByKey("migration-group", key,
        Map.of("request", SpinValues.jsonValue(Requests.group(key, "Tutorial").toString()).create())));
    driver.runJobs(group.getId());
    ProcessInstance migration = lifecycle(group);
    requestAndApprove(migration);
    complete(migration, "review-import", REQUESTER, Map.of("undo", false));
    assertThat(variable(group, "outcome")).isEqualTo("imported");

    sendNotifications(key);
    List<JsonNode> outcomes = webhooks(key, "outcome");
    assertThat(outcomes).as("the group's end, once; its called migration's end is not told again").hasSize(1);
    JsonNode hook = outcomes.get(0);
    String link = "https://ferry.example.com/ferry/api/migrations/" + key.replace(" ", "+");
    assertThat(hook.path("subject").asText()).isEqualTo("Ferry: " + key + " ended: imported");
    assertThat(hook.path("link").asText()).isEqualTo(link);
    assertThat(hook.path("text").asText()).contains(key, link);
    assertThat(hook.path("details").asText()).contains("The migration group ended with the outcome imported",
        "Migration: " + key, "from dev to prod", "Requested by: rita");

    String subject = "Ferry: " + key + " ended: imported";
    assertThat(mailsTo(subject)).containsExactly("rita@ferry.local");
    assertThat(mailText(subject)).contains("The migration group ended with the outcome imported", link);
  }

  @Test
  void aFailedGroupIsToldWithWhatFailed() {
    String key = "Broken build " + System.nanoTime();
    ProcessInstance group = asRita(() -> runtime.startProcessInstanceByKey("migration-group", key,
        Map.of("request", SpinValues.jsonValue(Requests.group(key, "Tutorial", "Sales fail-create").toString())
            .create())));
    driver.runJobs(group.getId());
    assertThat(variable(group, "outcome")).isEqualTo("failed");

    sendNotifications(key);
    List<JsonNode> outcomes = webhooks(key, "outcome");
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).path("subject").asText()).isEqualTo("Ferry: " + key + " ended: failed");
    assertThat(outcomes.get(0).path("details").asText()).contains("What failed: Package creation failed on 'dev'",
        "Sales fail-create");
  }

  @Test
  void aRejectedGroupIsTold() {
    String key = "Not now " + System.nanoTime();
    ProcessInstance group = asRita(() -> runtime.startProcessInstanceByKey("migration-group", key,
        Map.of("request", SpinValues.jsonValue(Requests.group(key, "Tutorial").toString()).create())));
    driver.runJobs(group.getId());
    ProcessInstance migration = lifecycle(group);
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("approved", false));
    complete(migration, "edit-package", REQUESTER, Map.of("resubmit", false));
    assertThat(variable(group, "outcome")).isEqualTo("rejected");

    sendNotifications(key);
    assertThat(webhooks(key, "outcome")).singleElement()
        .satisfies(hook -> assertThat(hook.path("subject").asText()).isEqualTo("Ferry: " + key + " ended: rejected"));
  }

  @Test
  void anUndoneTransferIsToldOnceByMailAndWebhook() throws Exception {
    String key = "Transfer " + System.nanoTime();
    Migration built = migrations.create(LibraryScope.of("dev", Requests.SOURCE_PROJECT), Requests.objectMigration(key));
    ObjectNode request = new ObjectMapper().createObjectNode();
    request.putObject("source").put("environment", "dev").put("migrationId", built.id());
    request.putObject("target").put("environment", "prod").putObject("project").put("id", Requests.TARGET_PROJECT);
    ProcessInstance transfer = asRita(() -> runtime.startProcessInstanceByKey("package-transfer", key,
        Map.of("request", SpinValues.jsonValue(request.toString()).create())));
    driver.runJobs(transfer.getId());
    ProcessInstance migration = lifecycle(transfer);
    requestAndApprove(migration);
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));
    assertThat(variable(transfer, "outcome")).isEqualTo("undone");

    sendNotifications(key);
    List<JsonNode> outcomes = webhooks(key, "outcome");
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).path("subject").asText()).endsWith(" ended: undone");
    assertThat(outcomes.get(0).path("details").asText()).contains("The package transfer ended with the outcome undone");
    assertThat(mailsTo(outcomes.get(0).path("subject").asText())).containsExactly("rita@ferry.local");
  }

  @Test
  void aNoticeLongerThanATextVariableIsSentCutAndTheDecisionStands() {
    String key = "Long comment " + System.nanoTime();
    ProcessInstance migration = asRita(() -> runtime.startProcessInstanceByKey("migration", key,
        Map.of("request", SpinValues.jsonValue(Requests.objectMigration(key).toString()).create())));
    driver.runJobs(migration.getId());
    complete(migration, "request-import", REQUESTER, Map.of());
    String comment = "Please split this package. " + "w".repeat(dev.ferry.engine.TextLimit.MAX - 27);
    complete(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested", "comment", comment));
    assertThat(task(migration, "edit-package")).as("sent back, although its notice is longer than 4000").isNotNull();

    sendNotifications(key);
    List<JsonNode> editNotices = webhooks(key, "task").stream()
        .filter(hook -> hook.path("subject").asText().startsWith("Ferry: Edit package")).toList();
    assertThat(editNotices).singleElement().satisfies(hook -> assertThat(hook.path("details").asText())
        .hasSize(dev.ferry.engine.TextLimit.MAX).contains("The approver wrote: Please split this package.")
        .endsWith(" characters, a text variable holds 4000]"));
  }

  private ProcessInstance asRita(java.util.function.Supplier<ProcessInstance> start) {
    identity.setAuthentication(REQUESTER, identity.createGroupQuery().groupMember(REQUESTER).list().stream()
        .map(Group::getId).toList());
    try {
      return start.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  private ProcessInstance lifecycle(ProcessInstance caller) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId()).singleResult();
  }

  /** Runs the sending job of every notification about this key (the job executor is off in tests). */
  private void sendNotifications(String key) {
    runtime.createProcessInstanceQuery().processDefinitionKey(Notifications.PROCESS).processInstanceBusinessKey(key)
        .list().forEach(notice -> {
          for (Job job : management.createJobQuery().processInstanceId(notice.getId()).list()) {
            management.executeJob(job.getId());
          }
        });
  }

  private static List<JsonNode> webhooks(String key, String event) {
    List<JsonNode> found = new ArrayList<>();
    HOOKS.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/hooks/prod"))).forEach(request -> {
      JsonNode body = FerryHttp.parse(request.getBodyAsString());
      if (key.equals(body.path("businessKey").asText()) && event.equals(body.path("event").asText())) {
        found.add(body);
      }
    });
    return found;
  }

  private static List<String> mailsTo(String subject) throws Exception {
    List<String> to = new ArrayList<>();
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (subject.equals(message.getSubject())) {
        for (var address : message.getAllRecipients()) {
          to.add(address.toString());
        }
      }
    }
    return to;
  }

  private static String mailText(String subject) throws Exception {
    for (MimeMessage message : MAIL.getReceivedMessages()) {
      if (subject.equals(message.getSubject())) {
        return message.getContent().toString();
      }
    }
    return null;
  }
}
