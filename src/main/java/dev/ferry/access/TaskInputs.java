package dev.ferry.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.engine.DecisionRefused;
import dev.ferry.migration.FerryVariables;
import dev.ferry.engine.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * What a person may send to Ferry's user tasks, checked in the engine before anything is written,
 * however the task is completed ({@code /engine-rest} complete, submit-form or resolve, Tasklist's
 * submit-form, Ferry REST, the Java API):
 * <ul>
 *   <li>a completion may carry only the fields of the task's own form (read from the deployed
 *   Camunda Form the task's {@code formRef} names) and the few variables the API documents for that
 *   task ({@link #ALSO_ACCEPTED}); anything else, in particular Ferry's own variables
 *   ({@code importRequester}, {@code kind}, {@code validationStatus}, …), is refused with a
 *   {@link DecisionRefused} naming it and listing what the task accepts: the REST APIs answer 400
 *   {@code application/problem+json}, nothing is written and the task stays open. Without this,
 *   Camunda sets the submitted variables before the task's listeners run, so a user in both
 *   groups could approve their own request by sending {@code importRequester = someone else};</li>
 *   <li>a user other than {@code camunda-admin} may not write variables through the engine's
 *   variable API ({@code PUT/POST/DELETE …/variables}, {@code …/localVariables}) except a task's
 *   own form fields on that task: every other variable of a Ferry process is Ferry's, refused
 *   with a {@link ReadOnlyVariable} (403). Ferry's own code writes without a logged-in user.</li>
 * </ul>
 */
@Component
public class TaskInputs extends AbstractProcessEnginePlugin {

  /**
   * Variables a task takes besides its form's fields, from automation: the legacy
   * {@code approved = true/false} of Approve import, the rows Ferry REST's edit sends to Edit package,
   * the comment Ferry REST's review takes. The form's fields are never listed here.
   */
  static final Map<String, Set<String>> ALSO_ACCEPTED = Map.of(
      "approve-import", Set.of(FerryVariables.APPROVED, FerryVariables.CHANGES_REQUESTED),
      "edit-package", Set.of(FerryVariables.EDIT_OBJECTS, FerryVariables.EDIT_PACKAGES),
      "review-import", Set.of(FerryVariables.COMMENT));

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new Check());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  /** Checks completions and variable writes before the engine runs them. */
  static class Check extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
        Map<String, ?> submitted = field(command, command instanceof SubmitTaskFormCmd ? "properties" : "variables");
        checkCompletion(field(command, "taskId"), submitted == null ? Set.of() : submitted.keySet());
      } else if (command instanceof AbstractSetVariableCmd || command instanceof AbstractPatchVariablesCmd
          || command instanceof AbstractRemoveVariableCmd) {
        checkWrite(command);
      }
      return next.execute(command);
    }
  }

  static void checkCompletion(String taskId, Collection<String> submitted) {
    if (taskId == null || submitted.isEmpty()) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    Set<String> accepted = task == null ? null : accepted(context, task);
    if (accepted == null) {
      return;
    }
    List<Violation> violations = new ArrayList<>();
    for (String name : new TreeSet<>(submitted)) {
      if (!accepted.contains(name)) {
        violations.add(new Violation(name, "is not a field of '" + task.getName() + "', which accepts only "
            + String.join(", ", accepted) + "."));
      }
    }
    if (!violations.isEmpty()) {
      throw new DecisionRefused("'" + task.getName() + "' accepts only its form's fields (" + String.join(", ",
          accepted) + "); leave out " + String.join(", ", violations.stream().map(Violation::field).toList())
          + " and complete it again.", violations);
    }
  }

  static void checkWrite(Command<?> command) {
    CommandContext context = Context.getCommandContext();
    Authentication user = context.getAuthentication();
    if (user == null || admin(context, user)) {
      return;
    }
    String entityId = command instanceof AbstractPatchVariablesCmd
        ? field(command, AbstractPatchVariablesCmd.class, "entityId")
        : field(command, AbstractVariableCmd.class, "entityId");
    Collection<String> names = new TreeSet<>();
    if (command instanceof AbstractSetVariableCmd) {
      Map<String, ?> variables = field(command, AbstractSetVariableCmd.class, "variables");
      if (variables != null) {
        names.addAll(variables.keySet());
      }
    } else if (command instanceof AbstractPatchVariablesCmd) {
      Map<String, ?> variables = field(command, AbstractPatchVariablesCmd.class, "variables");
      Collection<String> deletions = field(command, AbstractPatchVariablesCmd.class, "deletions");
      if (variables != null) {
        names.addAll(variables.keySet());
      }
      if (deletions != null) {
        names.addAll(deletions);
      }
    } else {
      Collection<String> removed = field(command, AbstractRemoveVariableCmd.class, "variableNames");
      if (removed != null) {
        names.addAll(removed);
      }
    }
    if (names.isEmpty() || entityId == null) {
      return;
    }
    boolean onTask = command instanceof SetTaskVariablesCmd || command instanceof PatchTaskVariablesCmd
        || command instanceof RemoveTaskVariablesCmd;
    Set<String> accepted = Set.of();
    String where;
    if (onTask) {
      TaskEntity task = context.getTaskManager().findTaskById(entityId);
      if (task == null || !ferrys(task.getProcessDefinitionId(), context)) {
        return;
      }
      Set<String> fields = accepted(context, task);
      accepted = fields == null ? Set.of() : fields;
      where = "task '" + task.getName() + "'";
    } else {
      ExecutionEntity execution = context.getExecutionManager().findExecutionById(entityId);
      if (execution == null || !ferrys(execution.getProcessDefinitionId(), context)) {
        return;
      }
      where = "this process instance";
    }
    List<Violation> violations = new ArrayList<>();
    for (String name : names) {
      if (!accepted.contains(name)) {
        violations.add(new Violation(name, "is Ferry's own variable of " + where + ": only a member of "
            + Groups.CAMUNDA_ADMIN + " may change it. " + (accepted.isEmpty() ? "Decide through the task's form."
            : "The task's form takes " + String.join(", ", accepted) + ".")));
      }
    }
    if (!violations.isEmpty()) {
      throw new ReadOnlyVariable(user.getUserId(), violations);
    }
  }

  /** Whether the user is in camunda-admin: as logged in, else as the identity service knows them. */
  private static boolean admin(CommandContext context, Authentication user) {
    if (user.getGroupIds() != null && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      return true;
    }
    return context.runWithoutAuthorization(() -> context.getReadOnlyIdentityProvider().createGroupQuery()
        .groupMember(user.getUserId()).groupId(Groups.CAMUNDA_ADMIN).count() > 0);
  }

  /** Whether a process definition is one of Ferry's models. */
  private static boolean ferrys(String processDefinitionId, CommandContext context) {
    if (processDefinitionId == null) {
      return false;
    }
    String key = context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId).getKey();
    return AccessSetup.PROCESS_KEYS.contains(key);
  }

  /**
   * The variables the task takes: the keys of its deployed Camunda Form's fields and what
   * {@link #ALSO_ACCEPTED} adds, sorted; null for a task without a Camunda Form (not Ferry's).
   */
  static Set<String> accepted(CommandContext context, TaskEntity task) {
    if (task.getTaskDefinition() == null || task.getTaskDefinition().getCamundaFormDefinitionKey() == null) {
      return null;
    }
    Set<String> accepted = new TreeSet<>(ALSO_ACCEPTED.getOrDefault(task.getTaskDefinitionKey(), Set.of()));
    try (InputStream form = context.runWithoutAuthorization(new GetDeployedTaskFormCmd(task.getId()))) {
      fields(MAPPER.readTree(form), accepted);
    } catch (IOException e) {
      throw new ProcessEngineException("Ferry cannot read the form of '" + task.getName() + "': " + e.getMessage(), e);
    }
    return accepted;
  }

  /**
   * The variables a Camunda Form submits: its fields' keys, nested groups included; a group with a
   * {@code path} submits its fields under that path's first segment.
   */
  static void fields(JsonNode component, Set<String> keys) {
    for (JsonNode child : component.path("components")) {
      if (child.hasNonNull("path") && !child.get("path").asText().isBlank()) {
        keys.add(child.get("path").asText().split("\\.")[0]);
        continue;
      }
      if (child.hasNonNull("key")) {
        keys.add(child.get("key").asText().split("\\.")[0]);
      }
      fields(child, keys);
    }
  }

  private static <T> T field(Object command, String name) {
    Class<?> type = command instanceof SubmitTaskFormCmd ? SubmitTaskFormCmd.class : CompleteTaskCmd.class;
    return field(command, type, name);
  }

  @SuppressWarnings("unchecked")
  private static <T> T field(Object command, Class<?> declaring, String name) {
    try {
      Field field = declaring.getDeclaredField(name);
      field.setAccessible(true);
      return (T) field.get(command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's " + declaring.getSimpleName() + " has no field " + name
          + " (engine upgraded?): Ferry cannot check what is sent to its tasks", e);
    }
  }

  /** A write of Ferry's own variables by someone other than an admin: 403, naming each variable. */
  public static class ReadOnlyVariable extends AuthorizationException {
    private final transient List<Violation> violations;

    ReadOnlyVariable(String userId, List<Violation> violations) {
      super(userId + " may not change " + String.join(", ", violations.stream().map(Violation::field).toList())
          + ": " + violations.get(0).message());
      this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
      return violations;
    }
  }
}
