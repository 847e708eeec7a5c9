package dev.ferry.api;

import static dev.ferry.migration.FerryVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.api.MigrationStatus.Decision;
import dev.ferry.api.MigrationStatus.Incident;
import dev.ferry.api.MigrationStatus.WaitingTask;
import dev.ferry.engine.FerryProperties;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.FerryVariables;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * Reads a migration's status from the engine's public API: the running instances through
 * {@code RuntimeService} and {@code TaskService}, ended ones and the decisions through
 * {@code HistoryService}. A migration is a tree of instances ({@code migration-group} or
 * {@code package-transfer} → {@code migration} → {@code import-approval}, {@code library-poll}) that
 * share the business key; its root is the one automation started. Reads run without the caller's
 * authorizations: who may see which migration is decided by {@link MigrationsApi}.
 */
@Component
public class MigrationStatuses {

  /** The process keys a migration can be started with; the root of the tree has one of them. */
  static final String[] ROOT_KEYS = {"migration", "migration-group", "package-transfer"};

  /** Status variables shown as they are set (the queue variables come from a queue the migration waits in, when there is one). */
  static final List<String> STATUS = List.of(PACKAGE_NAME, PACKAGE_STATUS, IMPORT_STATUS, VALIDATION_STATUS,
      VALIDATION_MESSAGE, PROGRESS, "queuePosition", "queueMessage", OBJECT_COUNT, UNDO_POSSIBLE, UNDO_WARNING,
      UNDO_DEADLINE, EDIT_REFUSAL, VALIDATION_OVERRIDE, "packages");

  private static final String POLL = "library-poll";

  /** The Ferry REST call that completes each task. */
  private static final Map<String, String> DECIDE_WITH = Map.of(
      "request-import", "POST /ferry/api/migrations/{businessKey}/import-request",
      "approve-import", "POST /ferry/api/migrations/{businessKey}/import-decision",
      "edit-package", "PUT /ferry/api/migrations/{businessKey}/package",
      "review-import", "POST /ferry/api/migrations/{businessKey}/review",
      "approve-undo", "POST /ferry/api/migrations/{businessKey}/undo-decision");

  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final RepositoryService repository;
  private final FerryProperties properties;
  private final ObjectMapper mapper;

  public MigrationStatuses(HistoryService history, RuntimeService runtime, TaskService tasks,
      RepositoryService repository, FerryProperties properties, ObjectMapper mapper) {
    this.history = history;
    this.runtime = runtime;
    this.tasks = tasks;
    this.repository = repository;
    this.properties = properties;
    this.mapper = mapper;
  }

  /** The root instance started with this business key (the latest, when a key was used twice). */
  public Optional<HistoricProcessInstance> root(String businessKey) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey)
        .processDefinitionKeyIn(ROOT_KEYS).rootProcessInstances().orderByProcessInstanceStartTime().desc()
        .listPage(0, 1).stream().findFirst();
  }

  /** Every instance of the migration's tree, the root first. */
  List<HistoricProcessInstance> tree(HistoricProcessInstance root) {
    List<HistoricProcessInstance> all = new ArrayList<>(history.createHistoricProcessInstanceQuery()
        .rootProcessInstanceId(root.getId()).list());
    all.sort(Comparator.comparing((HistoricProcessInstance p) -> !p.getId().equals(root.getId()))
        .thenComparing(HistoricProcessInstance::getStartTime));
    return all;
  }

  /** The task that waits in this migration, if one does. */
  public Optional<Task> waitingTask(HistoricProcessInstance root) {
    return waitingTask(tree(root));
  }

  private Optional<Task> waitingTask(List<HistoricProcessInstance> tree) {
    String[] running = tree.stream().filter(p -> p.getEndTime() == null).map(HistoricProcessInstance::getId)
        .toArray(String[]::new);
    return running.length == 0 ? Optional.empty()
        : tasks.createTaskQuery().processInstanceIdIn(running).orderByTaskCreateTime().desc().list().stream()
            .findFirst();
  }

  public MigrationStatus status(HistoricProcessInstance root) {
    return status(root, true);
  }

  /**
   * The status; {@code withDecisions} false spares the history reads that a list does not need.
   *
   * <p>Each read sees what was committed when it ran, and a step may commit between two of them.
   * So where the migration is (its task, incidents and activities) is read before what it knows
   * (its variables): a step that commits in between then shows its variables one read early,
   * never a task with the variables from before it (e.g. <i>Review import</i> with the import
   * still {@code importing}).
   */
  public MigrationStatus status(HistoricProcessInstance root, boolean withDecisions) {
    List<HistoricProcessInstance> tree = tree(root);
    boolean running = root.getEndTime() == null;
    Optional<Task> task = running ? waitingTask(tree) : Optional.empty();
    WaitingTask waiting = task.map(t -> waiting(t, root.getBusinessKey())).orElse(null);
    List<Incident> incidents = running ? incidents(tree) : List.of();
    String step = running ? step(waiting, tree, incidents) : null;
    Map<String, Object> vars = variables(root, tree);
    Map<String, Object> status = new LinkedHashMap<>();
    for (String name : STATUS) {
      if (vars.get(name) != null) {
        status.put(name, vars.get(name));
      }
    }
    String outcome = running ? null : Typed.OUTCOME.from(vars);
    if (!running) {
      step = "Ended" + (outcome == null ? "" : ": " + outcome);
    }
    return new MigrationStatus(root.getBusinessKey(), root.getId(), kind(root, vars), running ? "running" : "ended",
        step, waiting, status, Typed.MIGRATION_ID.from(vars),
        Typed.PACKAGE_ID.from(vars), Typed.SOURCE_ENVIRONMENT.from(vars), Typed.TARGET_ENVIRONMENT.from(vars),
        root.getStartUserId(), outcome, Typed.FAILURE_MESSAGE.from(vars), instant(root.getStartTime()),
        instant(root.getEndTime()), incidents.isEmpty() ? null : incidents,
        withDecisions ? decisions(root) : null);
  }

  private static String kind(HistoricProcessInstance root, Map<String, Object> vars) {
    return switch (root.getProcessDefinitionKey()) {
      case "migration-group" -> "group";
      case "package-transfer" -> "transfer";
      default -> vars.get(FerryVariables.KIND) instanceof String kind ? kind : "migration";
    };
  }

  /**
   * The variables of the tree: the root's first (status variables are published up to it), then
   * the migration's, then those only a helper instance holds (validation in {@code import-approval}).
   */
  private Map<String, Object> variables(HistoricProcessInstance root, List<HistoricProcessInstance> tree) {
    Map<String, Integer> rank = new HashMap<>();
    for (HistoricProcessInstance p : tree) {
      rank.put(p.getId(), p.getId().equals(root.getId()) ? 0 : "migration".equals(p.getProcessDefinitionKey()) ? 1
          : POLL.equals(p.getProcessDefinitionKey()) ? 3 : 2);
    }
    String[] ids = tree.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    List<HistoricVariableInstance> found = new ArrayList<>(history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(ids).disableCustomObjectDeserialization().list());
    found.sort(Comparator.comparing((HistoricVariableInstance v) -> rank.getOrDefault(v.getProcessInstanceId(), 9))
        .thenComparing(v -> v.getCreateTime() == null ? new Date(0) : v.getCreateTime(), Comparator.reverseOrder()));
    Map<String, Object> vars = new HashMap<>();
    for (HistoricVariableInstance v : found) {
      if (!vars.containsKey(v.getName()) && v.getValue() != null) {
        vars.put(v.getName(), plain(v.getValue()));
      }
    }
    return vars;
  }

  /** JSON variables (Spin) as JSON trees, dates as instants; the rest as they are. */
  private Object plain(Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    try {
      return mapper.readTree(value.toString());
    } catch (Exception notJson) {
      return value.toString();
    }
  }

  private WaitingTask waiting(Task task, String businessKey) {
    String group = tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).collect(Collectors.joining(", "));
    String decide = DECIDE_WITH.get(task.getTaskDefinitionKey());
    return new WaitingTask(task.getId(), task.getTaskDefinitionKey(), task.getName(), group.isEmpty() ? null : group,
        task.getAssignee(), instant(task.getCreateTime()), tasklistUrl(task.getId()),
        decide == null ? null : decide.replace("{businessKey}", URLEncoder.encode(businessKey, StandardCharsets.UTF_8)));
  }

  /** Where a person opens the task in Camunda Tasklist. */
  public String tasklistUrl(String taskId) {
    return properties.getPublicUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  /** A running migration's step in plain words: the waiting task, else the activities its instances are at. */
  private String step(WaitingTask waiting, List<HistoricProcessInstance> tree, List<Incident> incidents) {
    if (waiting != null) {
      return waiting.name() + ": waits for " + (waiting.assignee() != null ? waiting.assignee()
          : waiting.candidateGroup() != null ? "a member of " + waiting.candidateGroup() : "someone");
    }
    if (!incidents.isEmpty()) {
      return incidents.get(0).step() + ": failed, waits for an operator (see Cockpit)";
    }
    List<String> at = new ArrayList<>();
    for (HistoricProcessInstance p : tree) {
      if (p.getEndTime() == null && !POLL.equals(p.getProcessDefinitionKey())) {
        ActivityInstance activities = runtime.getActivityInstance(p.getId());
        if (activities != null) {
          leaves(activities, p.getProcessDefinitionId(), at);
        }
      }
    }
    return at.isEmpty() ? "Between steps" : String.join("; ", at);
  }

  /**
   * The innermost activities: a call activity counts only when it calls a polling loop (its name
   * says what Ferry waits for); any other called instance shows its own activities.
   */
  private void leaves(ActivityInstance instance, String definitionId, List<String> at) {
    for (TransitionInstance waiting : instance.getChildTransitionInstances()) {
      at.add(name(waiting.getActivityName(), waiting.getActivityId()));
    }
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      if (child.getChildActivityInstances().length > 0 || child.getChildTransitionInstances().length > 0) {
        leaves(child, definitionId, at);
      } else if (!"callActivity".equals(child.getActivityType()) || callsPoll(definitionId, child.getActivityId())) {
        at.add(name(child.getActivityName(), child.getActivityId()));
      }
    }
  }

  private boolean callsPoll(String definitionId, String activityId) {
    ModelElementInstance element = repository.getBpmnModelInstance(definitionId).getModelElementById(activityId);
    return element instanceof CallActivity call && POLL.equals(call.getCalledElement());
  }

  private static String name(String name, String id) {
    return name == null || name.isBlank() ? id : name;
  }

  private List<Incident> incidents(List<HistoricProcessInstance> tree) {
    List<Incident> found = new ArrayList<>();
    for (HistoricProcessInstance p : tree) {
      if (p.getEndTime() == null) {
        runtime.createIncidentQuery().processInstanceId(p.getId()).list().forEach(i -> found.add(new Incident(
            activityName(p.getProcessDefinitionId(), i.getActivityId()), i.getIncidentMessage(),
            instant(i.getIncidentTimestamp()))));
      }
    }
    return found;
  }

  private String activityName(String definitionId, String activityId) {
    ModelElementInstance element = repository.getBpmnModelInstance(definitionId).getModelElementById(activityId);
    String name = element == null ? null : element.getAttributeValue("name");
    return name(name, activityId);
  }

  /** Every completed task of the migration, in order: who, when, and the choice they made. */
  List<Decision> decisions(HistoricProcessInstance root) {
    List<Decision> decisions = new ArrayList<>();
    for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(root.getBusinessKey()).finished().orderByHistoricTaskInstanceEndTime().asc()
        .list()) {
      if (!root.getId().equals(task.getRootProcessInstanceId()) || !"completed".equals(task.getDeleteReason())) {
        continue;
      }
      Map<String, Object> set = new HashMap<>();
      for (HistoricDetail detail : history.createHistoricDetailQuery().variableUpdates()
          .activityInstanceId(task.getActivityInstanceId()).disableCustomObjectDeserialization().orderByTime().asc()
          .list()) {
        HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
        set.put(update.getVariableName(), update.getValue());
      }
      String comment = text(set.get(COMMENT));
      if (comment == null) {
        comment = tasks.getTaskComments(task.getId()).stream().map(c -> c.getFullMessage()).findFirst().orElse(null);
      }
      Boolean override = Boolean.TRUE.equals(set.get(OVERRIDE_VALIDATION)) ? Boolean.TRUE : null;
      decisions.add(new Decision(task.getTaskDefinitionKey(), task.getName(), who(task),
          instant(task.getEndTime()), decision(task.getTaskDefinitionKey(), set), comment, override));
    }
    return decisions;
  }

  private static String decision(String taskKey, Map<String, Object> set) {
    return switch (taskKey) {
      case "request-import" -> Boolean.TRUE.equals(set.get("editFirst")) ? "editFirst" : "requested";
      case "approve-import" -> set.get(DECISION) instanceof String d ? d
          : Boolean.TRUE.equals(set.get(APPROVED)) ? "approved" : "rejected";
      case "edit-package" -> Boolean.TRUE.equals(set.get(RESUBMIT)) ? "resubmitted" : "withdrawn";
      case "review-import" -> Boolean.TRUE.equals(set.get(UNDO)) ? "undoRequested" : "kept";
      case "approve-undo" -> Boolean.TRUE.equals(set.get(APPROVED)) ? "approved" : "rejected";
      default -> "completed";
    };
  }

  /** The assignee who completed it (Tasklist and Ferry REST claim first), else the user the operation log names. */
  private String who(HistoricTaskInstance task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    return history.createUserOperationLogQuery().taskId(task.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
        .map(UserOperationLogEntry::getUserId).filter(u -> u != null).findFirst().orElse(null);
  }

  private static String text(Object value) {
    return value instanceof String text && !text.isBlank() ? text.strip() : null;
  }

  static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  /** The names of the roots whose tree holds a variable with this value (outcome, targetEnvironment). */
  Set<String> rootsWith(String variable, String value) {
    return history.createHistoricVariableInstanceQuery().variableValueEquals(variable, value).list().stream()
        .map(HistoricVariableInstance::getRootProcessInstanceId).filter(id -> id != null).collect(Collectors.toSet());
  }
}
