package dev.ferry.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.Requests;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 8: the approvals as people do them, in Tasklist and Cockpit in a real (headless) Chromium,
 * against the sandbox with the job executor on and a simulator that takes half a second per step.
 * Each step leaves a screenshot under {@code ${project.build.directory}/browser-screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // a context (and so a database) of its own: the task lists hold only this class's migrations
    "spring.application.name=ferry-browser-test"})
@ActiveProfiles({"test", "end-to-end"})
class ApprovalsInTheBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /** The start form's sample: two objects, one replaced and one kept as it is on the target. */
  private static final String SAMPLE = "Sales dashboards";

  @LocalServerPort int port;
  @Value("${ferry.admin.username:admin}") String adminUser;
  @Value("${ferry.admin.password}") String adminPassword;
  @Autowired TaskService tasks;
  @Autowired dev.ferry.simulator.Simulator simulator;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  /** One Chromium for the class: each test starts by logging in, which first forgets the session before it. */
  private static Browser browser;
  private Tasklist tasklist;
  private FerryHttp http;
  private String testName;

  @BeforeEach
  void openBrowser(TestInfo test) throws java.io.IOException {
    dev.ferry.support.MigrationScenario.activate(engine);
    testName = test.getTestMethod().orElseThrow().getName();
    Path screenshots = Browser.screenshotDirectory();
    java.nio.file.Files.deleteIfExists(screenshots.resolve("FAILED-" + testName + ".png"));
    java.nio.file.Files.deleteIfExists(screenshots.resolve("FAILED-" + testName + ".html"));
    if (browser == null) {
      browser = new Browser(port, screenshots);
    }
    browser.logOut();
    tasklist = new Tasklist(browser);
    http = new FerryHttp(port);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @Test
  void requesterAndApproverImportAndUndoInTasklistAndTheOperatorSeesItInCockpit() {
    step(() -> {
      // A second migration, over REST to keep the test short: keep_both, so it can never be undone.
      String keepBoth = "KEEP-BOTH-" + System.nanoTime();
      assertThat(http.post("rita", "rita", "/ferry/api/migrations?businessKey=" + keepBoth,
          Requests.objectMigration("Keep both copies", 2, "keep_both").toString()).status()).isEqualTo(201);

      // rita starts the sample migration from Tasklist's start form.
      tasklist.logIn("rita", "rita");
      String startForm = tasklist.openStartForm("Migration");
      assertThat(startForm).contains("Start a migration");
      browser.screenshot("01-rita-start-form");
      tasklist.start();
      Task request = awaitTask(SAMPLE, "request-import");

      // rita requests the import.
      tasklist.openTask("Request import", SAMPLE);
      browser.screenshot("02-rita-request-import");
      tasklist.claim();
      tasklist.complete();
      awaitCompleted(request);

      // The keep_both migration is requested too (over REST), so that abe has both to decide.
      Task keepBothRequest = awaitTask(keepBoth, "request-import");
      claimAndCompleteOverRest("rita", keepBothRequest, "{}");

      // abe reads the approvals: the sample's counts, and the keep_both warning.
      Task approval = awaitTask(SAMPLE, "approve-import");
      awaitTask(keepBoth, "approve-import");
      tasklist.logIn("abe", "abe");
      tasklist.openTask("Approve import", "Keep both copies");
      browser.awaitText(Tasklist.FORM, "This import cannot be undone", "keep_both");
      browser.screenshot("03-abe-approve-import-keep-both");

      tasklist.openTask("Approve import", SAMPLE);
      browser.awaitText(Tasklist.FORM, "2 objects (replace: 1, use_existing: 1)", "Requested by rita",
          "Changes what is on the target");
      browser.screenshot("04-abe-approve-import");
      tasklist.claim();
      tasklist.choose("Approve: import into the target");
      browser.screenshot("05-abe-approve-import-decided");
      tasklist.complete();
      awaitCompleted(approval);

      // rita reviews what was imported, and until when she may ask for undo.
      Task review = awaitTask(SAMPLE, "review-import");
      tasklist.logIn("rita", "rita");
      tasklist.openTask("Review import", SAMPLE);
      browser.awaitText(Tasklist.FORM, "was imported into prod (import status: imported)",
          "What was imported: 2 objects", "Undo is possible until");
      browser.screenshot("06-rita-review-import");

      // While it waits for rita, the operator finds the migration in Cockpit by its business key.
      browser.logIn("cockpit", adminUser, adminPassword);
      browser.click("Processes");
      browser.clickable(By.xpath("//a[normalize-space()='Migration']")).click();
      browser.press(browser.clickable(
          By.xpath("//tr[.//td[normalize-space()=" + Browser.xpathLiteral(SAMPLE) + "]]//a")));
      browser.awaitText(By.tagName("body"), "Business Key", SAMPLE);
      browser.click("Variables");
      browser.awaitText(By.cssSelector("table"), "importStatus", "imported", "migrationId", "undoDeadline");
      browser.screenshot("07-admin-cockpit-migration");

      // rita asks for undo.
      tasklist.logIn("rita", "rita");
      tasklist.openTask("Review import", SAMPLE);
      tasklist.claim();
      tasklist.choose("Undo this import (an approver must approve the undo)");
      browser.screenshot("08-rita-review-import-undo");
      tasklist.complete();
      awaitCompleted(review);

      // abe approves the undo.
      Task undoApproval = awaitTask(SAMPLE, "approve-undo");
      tasklist.logIn("abe", "abe");
      tasklist.openTask("Approve undo", SAMPLE);
      browser.awaitText(Tasklist.FORM, "rita asks to undo the import of Sales dashboards", "What goes back: 2 objects");
      tasklist.claim();
      tasklist.choose("Approve: undo the import");
      browser.screenshot("09-abe-approve-undo");
      tasklist.complete();
      awaitCompleted(undoApproval);

      String instance = history.createHistoricProcessInstanceQuery().processDefinitionKey("migration")
          .processInstanceBusinessKey(SAMPLE).singleResult().getId();
      await().atMost(PATIENCE).until(() -> HistoricProcessInstance.STATE_COMPLETED.equals(
          history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getState()));
      assertThat(variable(instance, "outcome")).isEqualTo("undone");
      assertThat(variable(instance, "importApprover")).isEqualTo("abe");
      assertThat(variable(instance, "undoApprover")).isEqualTo("abe");
    });
  }

  @Test
  void aUserInBothGroupsCannotApproveTheirOwnRequestInTasklist() {
    step(() -> {
      if (identity.createUserQuery().userId("pat").count() == 0) {
        org.camunda.bpm.engine.identity.User pat = identity.newUser("pat");
        pat.setPassword("pat");
        pat.setFirstName("Pat");
        pat.setLastName("In both groups");
        identity.saveUser(pat);
        identity.createMembership("pat", "ferry-requesters");
        identity.createMembership("pat", "ferry-approvers");
      }
      String key = "FOUR-EYES-" + System.nanoTime();
      assertThat(http.post("pat", "pat", "/ferry/api/migrations?businessKey=" + key,
          Requests.objectMigration("Pat's own package").toString()).status()).isEqualTo(201);

      tasklist.logIn("pat", "pat");
      Task request = awaitTask(key, "request-import");
      tasklist.openTask("Request import", "Pat's own package");
      tasklist.claim();
      tasklist.complete();
      awaitCompleted(request);

      Task approval = awaitTask(key, "approve-import");
      tasklist.openTask("Approve import", "Pat's own package");
      tasklist.claim();
      tasklist.choose("Approve: import into the target");
      tasklist.complete();
      String refusal = browser.awaitText(Tasklist.NOTIFICATIONS, "Four eyes");
      browser.screenshot("10-pat-four-eyes-refused");
      assertThat(refusal).contains("pat asked for this").doesNotContain("ENGINE-03051");
      assertThat(tasks.createTaskQuery().taskId(approval.getId()).count()).as("the approval is still open").isEqualTo(1);
    });
  }

  @Test
  void approverSeesTheValidationAndSendsThePackageBackAndTheRequesterEditsItInTasklist() {
    step(() -> {
      String key = "EDIT-" + System.nanoTime();
      String name = "Edit in Tasklist";
      assertThat(http.post("rita", "rita", "/ferry/api/migrations?businessKey=" + key,
          Requests.objectMigration(name).toString()).status()).isEqualTo(201);
      claimAndCompleteOverRest("rita", awaitTask(key, "request-import"), "{}");

      // abe reads the validation result and sends the package back with a comment.
      Task approval = awaitTask(key, "approve-import");
      tasklist.logIn("abe", "abe");
      tasklist.openTask("Approve import", name);
      browser.awaitText(Tasklist.FORM, "Validated on the target");
      tasklist.claim();
      tasklist.choose("Send back for changes: the requester edits the package and resubmits it");
      tasklist.complete(); // without a comment: refused, with the plain sentence (issue 12)
      String refusal = browser.awaitText(Tasklist.NOTIFICATIONS, "Say in the comment what the requester should change");
      browser.screenshot("11-abe-send-back-refused");
      assertThat(refusal).doesNotContain("ENGINE-03051").doesNotContain("TaskListener");
      tasklist.dismissNotifications();
      tasklist.type("Comment", "Leave Object 2 out; Object 1 only if newer");
      browser.screenshot("11-abe-send-back");
      tasklist.complete();
      awaitCompleted(approval);

      // rita removes Object 2, sets Object 1 to use_newer, renames the package and resubmits.
      Task edit = awaitTask(key, "edit-package");
      tasklist.logIn("rita", "rita");
      tasklist.openTask("Edit package", name);
      browser.awaitText(Tasklist.FORM, "Sent back for changes by abe: Leave Object 2 out", "Default action: replace");
      tasklist.claim();
      tasklist.choose("Object 2 (00000000000000000000000000000002, type 12, use_existing)"); // unticks it
      tasklist.type("Change conflict actions", "Object 1: use_newer");
      tasklist.type("Package name", name + " v2");
      tasklist.choose("Resubmit: rebuild the package from my edit and ask for approval again");
      browser.screenshot("12-rita-edit-package");
      tasklist.complete();
      awaitCompleted(edit);

      // abe approves the rebuilt, validated package; it is imported as edited.
      Task again = awaitTask(key, "approve-import");
      tasklist.logIn("abe", "abe");
      tasklist.openTask("Approve import", name + " v2");
      browser.awaitText(Tasklist.FORM, "1 objects (use_newer: 1)", "Validated on the target", "Requested by rita");
      tasklist.claim();
      tasklist.choose("Approve: import into the target");
      tasklist.complete();
      awaitCompleted(again);
      awaitTask(key, "review-import");
      String instance = history.createHistoricProcessInstanceQuery().processDefinitionKey("migration")
          .processInstanceBusinessKey(key).singleResult().getId();
      JsonNode imported = simulator.environment("prod").migration(String.valueOf(variable(instance, "migrationId")))
          .orElseThrow();
      assertThat(imported.at("/packageInfo/name").asText()).isEqualTo(name + " v2");
      assertThat(imported.at("/packageInfo/tocView/content")).hasSize(1);
      assertThat(imported.at("/packageInfo/tocView/content/0/action").asText()).isEqualTo("use_newer");
    });
  }

  /** Runs the steps; when one fails, keeps the page it failed on next to the screenshots. */
  private void step(Runnable steps) {
    try {
      steps.run();
    } catch (RuntimeException | AssertionError failure) {
      browser.keepEvidence("FAILED-" + testName);
      throw failure;
    }
  }

  private Task awaitTask(String businessKey, String taskKey) {
    Task[] found = new Task[1];
    await().atMost(PATIENCE).until(() -> {
      found[0] = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
          .singleResult();
      return found[0] != null;
    });
    return found[0];
  }

  private void awaitCompleted(Task task) {
    await().atMost(PATIENCE).until(() -> tasks.createTaskQuery().taskId(task.getId()).count() == 0);
  }

  private void claimAndCompleteOverRest(String user, Task task, String body) {
    assertThat(http.post(user, user, "/engine-rest/task/" + task.getId() + "/claim", "{\"userId\": \"" + user + "\"}")
        .status()).isEqualTo(204);
    FerryHttp.Answer completed = http.post(user, user, "/engine-rest/task/" + task.getId() + "/complete", body);
    assertThat(completed.status()).as(completed.body()).isIn(200, 204);
  }

  private Object variable(String instance, String name) {
    HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }
}
