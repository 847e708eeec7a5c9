package dev.ferry.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A migration driven step by step in the test thread against the built-in simulator: the test
 * starts it, runs its jobs, and completes tasks as the users {@code rita} (requester) and
 * {@code abe} (approver) would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class MigrationScenario {

  public static final String REQUESTER = "rita";
  public static final String APPROVER = "abe";

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService tasks;
  @Autowired protected HistoryService history;
  @Autowired protected IdentityService identity;
  protected ProcessDriver driver;

  @BeforeEach
  void initEngine() {
    activate(engine);
    AbstractAssertions.init(engine);
    driver = new ProcessDriver(engine);
  }

  @AfterEach
  void resetClockAndUser() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  /**
   * Several Spring test contexts live in one JVM, each with an engine named "default", and the REST
   * authentication filter finds its engine in Camunda's static registry: the test that runs must
   * put its own engine there, or a cached context would authenticate on another context's engine.
   */
  public static void activate(ProcessEngine engine) {
    ProcessEngines.registerProcessEngine(engine);
  }

  /** Starts a migration with the body as a JSON variable and runs it until it needs a person. */
  protected ProcessInstance start(ObjectNode body) {
    ProcessInstance instance = runtime.startProcessInstanceByKey("migration", body.at("/packageInfo/name").asText(),
        Map.of("request", SpinValues.jsonValue(body.toString()).create()));
    driver.runJobs(instance.getId());
    return instance;
  }

  /** The task with this key anywhere in the migration (also in its approval instance), or null. */
  protected Task task(ProcessInstance migration, String taskKey) {
    for (String id : driver.tree(migration.getId())) {
      Task task = tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey(taskKey).singleResult();
      if (task != null) {
        return task;
      }
    }
    return null;
  }

  /** Completes a task as {@code user}, the way Tasklist and REST do (an authenticated engine call), then runs jobs. */
  protected void complete(ProcessInstance migration, String taskKey, String user, Map<String, Object> variables) {
    Task task = task(migration, taskKey);
    if (task == null) {
      throw new AssertionError("No open task '" + taskKey + "'; the migration is at "
          + runtime.getActiveActivityIds(migration.getId()));
    }
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
    driver.runJobs(migration.getId());
  }

  protected ProcessInstance approvalOf(ProcessInstance migration) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(migration.getId())
        .processDefinitionKey("import-approval").singleResult();
  }

  /** Drives a migration to {@code review-import}: requested by rita, approved by abe. */
  protected void requestAndApprove(ProcessInstance migration) {
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("approved", true, "comment", "looks right"));
  }

  /** The objects {@code edit-package} offers (its {@code editObjects}), as JSON rows to edit. */
  protected com.fasterxml.jackson.databind.node.ArrayNode offered(ProcessInstance migration) throws Exception {
    return (com.fasterxml.jackson.databind.node.ArrayNode) new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(String.valueOf(variable(approvalOf(migration), "editObjects")));
  }

  /** Completes {@code edit-package} as rita with these rows and this name, and resubmits. */
  protected void resubmit(ProcessInstance migration, String name, com.fasterxml.jackson.databind.node.ArrayNode objects) {
    Map<String, Object> edit = new java.util.HashMap<>();
    edit.put("editName", name);
    edit.put("editObjects", SpinValues.jsonValue(objects.toString()).create());
    edit.put("resubmit", true);
    complete(migration, "edit-package", REQUESTER, edit);
  }

  /** Makes {@code user} (password: the same) a requester who also approves, whom only four eyes stops. */
  protected void ensureInBothGroups(String user) {
    org.camunda.bpm.engine.identity.User existing = identity.createUserQuery().userId(user).singleResult();
    if (existing == null) {
      existing = identity.newUser(user);
    }
    existing.setPassword(user); // another test may have made the user without one
    identity.saveUser(existing);
    for (String group : java.util.List.of("ferry-requesters", "ferry-approvers")) {
      if (identity.createUserQuery().userId(user).memberOfGroup(group).count() == 0) {
        identity.createMembership(user, group);
      }
    }
  }

  /** A variable's latest value, also after the instance ended. */
  protected Object variable(ProcessInstance instance, String name) {
    HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }
}
