package dev.ferry.models;

import dev.ferry.support.ProcessDriver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * A process test of one model on a bare Camunda engine ({@code ferry-fast.cfg.xml}): the Library
 * steps are {@link LibrarySteps} stand-ins, each job runs in the test thread when the test drives
 * the instance, and the users {@code rita} (requester) and {@code abe} (approver) complete tasks
 * as Tasklist does. Each subclass registers a {@link ProcessEngineCoverageExtension} that counts
 * the elements and flows of its own model (the models it calls are excluded) and writes the report
 * to {@code target/process-test-coverage/}.
 */
@Tag("fast")
abstract class ModelTest {

  static final String REQUESTER = "rita";
  static final String APPROVER = "abe";
  static final String OTHER_APPROVER = "ada";

  /** The coverage extension of a test class, counting only {@code model}. */
  static ProcessEngineCoverageExtension coverageOf(String model, double atLeast) {
    List<String> others = new java.util.ArrayList<>(List.of("migration", "import-approval", "library-poll",
        "migration-group", "package-transfer", "notification", "queue-slot"));
    others.remove(model);
    return ProcessEngineCoverageExtension.builder("ferry-fast.cfg.xml")
        .excludeProcessDefinitionKeys(others.toArray(String[]::new))
        .assertClassCoverageAtLeast(atLeast)
        .build();
  }

  protected ProcessEngine engine;
  protected RuntimeService runtime;
  protected TaskService tasks;
  protected IdentityService identity;
  protected ProcessDriver driver;
  protected final LibrarySteps library = new LibrarySteps();

  /** The models this class deploys: its own and those it calls. */
  abstract List<String> models();

  private static Class<?> deployedFor;

  /**
   * Deploys the class's models once for all its tests (parsing them for each test would cost more
   * than most tests), after the coverage extension is ready to count them. Each class deploys new
   * versions, which its tests start; earlier versions and their instances stay (deleting them would
   * run their end listeners outside any test).
   */
  private void deployModels() {
    if (getClass() == deployedFor) {
      return;
    }
    org.camunda.bpm.engine.repository.DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
        .name(getClass().getSimpleName());
    models().forEach(model -> deployment.addClasspathResource("processes/" + model + ".bpmn"));
    deployment.deploy();
    deployedFor = getClass();
  }

  @BeforeEach
  void initEngine(ProcessEngine engine) {
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.identity = engine.getIdentityService();
    this.driver = new ProcessDriver(engine);
    deployModels();
    AbstractAssertions.init(engine);
    // the engine's clock stands still unless a test moves it: due dates are exact, and history lists what
    // happened at one instant in the order it started (hasPassedInOrder)
    ClockUtil.setCurrentTime(new java.util.Date());
    library.register();
  }

  @AfterEach
  void reset() {
    Mocks.reset();
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  /** Starts {@code key} as {@code rita} and runs it until it waits for a person, a timer or has ended. */
  protected ProcessInstance start(String key, Map<String, Object> variables) {
    identity.setAuthenticatedUserId(REQUESTER);
    ProcessInstance instance;
    try {
      instance = runtime.startProcessInstanceByKey(key, "order-42", new HashMap<>(variables));
    } finally {
      identity.clearAuthentication();
    }
    driver.runJobs(instance.getId());
    return instance;
  }

  /** The open task with this key in the instance or any instance it called. */
  protected Task task(ProcessInstance instance, String taskKey) {
    for (String id : driver.tree(instance.getId())) {
      Task task = tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey(taskKey).singleResult();
      if (task != null) {
        return task;
      }
    }
    throw new AssertionError("No open task '" + taskKey + "' in " + driver.tree(instance.getId()));
  }

  /** Completes the task as {@code user} (an authenticated call, as Tasklist and REST make), then runs jobs. */
  protected void complete(ProcessInstance instance, String taskKey, String user, Map<String, Object> variables) {
    Task task = task(instance, taskKey);
    identity.setAuthentication(user, List.of(REQUESTER.equals(user) ? "ferry-requesters" : "ferry-approvers"));
    try {
      tasks.complete(task.getId(), new HashMap<>(variables));
    } finally {
      identity.clearAuthentication();
    }
    driver.runJobs(instance.getId());
  }

  /** The instance {@code key} called from {@code instance} (the latest, if several). */
  protected ProcessInstance called(ProcessInstance instance, String key) {
    List<ProcessInstance> called = runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId())
        .processDefinitionKey(key).list();
    if (called.isEmpty()) {
      throw new AssertionError(instance.getProcessDefinitionId() + " calls no " + key + " now");
    }
    return called.get(called.size() - 1);
  }

  /** A variable's latest value in the instance, also after it ended. */
  protected Object variable(ProcessInstance instance, String name) {
    List<HistoricVariableInstance> variables = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(name).list();
    return variables.stream().filter(v -> instance.getId().equals(v.getActivityInstanceId())).findFirst()
        .or(() -> variables.stream().findFirst()).map(HistoricVariableInstance::getValue).orElse(null);
  }
}
