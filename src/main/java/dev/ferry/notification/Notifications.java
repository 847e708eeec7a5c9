package dev.ferry.notification;

import static dev.ferry.migration.FerryVariables.*;

import dev.ferry.engine.FerryProperties;
import dev.ferry.migration.FerryVariables;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who hears about what: when a task waits, the members of its candidate group (by e-mail); when a
 * migration ends, its requester; and the target environment's webhook for both. Each message is
 * one instance of the {@code notification} process, started next to the migration: its sending is a
 * job of its own with retries, so a mail server that is down becomes retries and then an incident
 * of that instance, and never touches the migration. Composing a message never throws either.
 */
@Component("notifications")
public class Notifications {

  public static final String PROCESS = "notification";
  static final String CHANNEL = FerryVariables.NOTIFICATION_CHANNEL;
  static final String RECIPIENTS = FerryVariables.RECIPIENTS;
  static final String SUBJECT = FerryVariables.SUBJECT;
  static final String TEXT = FerryVariables.TEXT;
  static final String EVENT = FerryVariables.EVENT;
  static final String WEBHOOK_ENVIRONMENT = FerryVariables.WEBHOOK_ENVIRONMENT;
  static final String LINK = FerryVariables.LINK;

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  private final NotificationProperties properties;
  private final FerryProperties ferry;
  private final boolean mailHost;

  public Notifications(NotificationProperties properties, FerryProperties ferry,
      @Value("${spring.mail.host:}") String mailHost) {
    this.properties = properties;
    this.ferry = ferry;
    this.mailHost = mailHost != null && !mailHost.isBlank();
  }

  public boolean mailEnabled() {
    Boolean enabled = properties.getMail().getEnabled();
    return enabled != null ? enabled : mailHost;
  }

  /** Create listener of every user task: tells its candidates that it waits. */
  public void taskCreated(DelegateTask task) {
    String target = text(task, TARGET_ENVIRONMENT);
    if (!mailEnabled() && webhook(target) == null) {
      return;
    }
    try {
      String key = task.getExecution().getProcessBusinessKey();
      String group = candidateGroup(task);
      String subject = "Ferry: " + task.getName() + " — " + label(task, key);
      String link = ferry.getPublicUrl() + "/camunda/app/tasklist/default/#/?task=" + task.getId();
      StringBuilder body = new StringBuilder();
      body.append(task.getName()).append(" waits for ").append(group == null ? "you" : "a member of " + group)
          .append(".\n\n");
      describe(task, key, body);
      body.append('\n').append(whatToDecide(task)).append("\n\n");
      String summary = text(task, SUMMARY);
      if (summary != null) {
        body.append(summary.strip()).append("\n\n");
      }
      String validation = text(task, VALIDATION_STATUS);
      if (validation != null) {
        body.append("Validation on the target: ").append(validation);
        String message = text(task, VALIDATION_MESSAGE);
        body.append(message == null ? "" : " (" + message + ")").append("\n\n");
      }
      body.append("Open it in Tasklist: ").append(link).append('\n')
          .append("Its status: ").append(statusUrl(key)).append('\n');
      Set<String> recipients = group == null ? Set.of()
          : emails(task.getProcessEngineServices().getIdentityService(), group, notThem(task));
      start(key, "task", recipients, subject, body.toString(), target, link);
    } catch (RuntimeException e) {
      log.warn("No notification for task '{}': {}", task.getName(), e.toString());
    }
  }

  /**
   * End listener of {@code migration}, {@code migration-group} and {@code package-transfer}: tells the requester,
   * and the target environment's webhook (a group and a transfer map their called migration's target out).
   */
  public void ended(DelegateExecution execution) {
    if (execution.getSuperExecution() != null) {
      return; // a migration called by a group or a transfer: the caller's end is the one to tell
    }
    String target = text(execution, TARGET_ENVIRONMENT);
    if (!mailEnabled() && webhook(target) == null) {
      return;
    }
    try {
      String key = execution.getProcessBusinessKey();
      String outcome = text(execution, OUTCOME);
      String subject = "Ferry: " + label(execution, key) + " ended" + (outcome == null ? "" : ": " + outcome);
      StringBuilder body = new StringBuilder();
      body.append("The ").append(kind(execution)).append(" ended with the outcome ")
          .append(outcome == null ? "(none)" : outcome).append(".\n\n");
      describe(execution, key, body);
      String failure = text(execution, FAILURE_MESSAGE);
      if (failure != null) {
        body.append("\nWhat failed: ").append(failure).append('\n');
      }
      body.append("\nIts status: ").append(statusUrl(key)).append('\n');
      Set<String> recipients = new LinkedHashSet<>();
      String requester = text(execution, "initiator");
      if (requester != null) {
        String email = email(execution.getProcessEngineServices().getIdentityService(), requester);
        if (email != null) {
          recipients.add(email);
        }
      }
      start(key, "outcome", recipients, subject, body.toString(), target, statusUrl(key));
    } catch (RuntimeException e) {
      log.warn("No notification for the end of '{}': {}", execution.getProcessBusinessKey(), e.toString());
    }
  }

  /** One {@code notification} instance per channel, without the caller's authorizations (any user's action may cause it). */
  private void start(String key, String event, Set<String> recipients, String subject, String text, String target,
      String link) {
    RuntimeService runtime = Context.getProcessEngineConfiguration().getRuntimeService();
    List<Map<String, Object>> messages = new ArrayList<>();
    if (mailEnabled() && !recipients.isEmpty()) {
      Map<String, Object> mail = message(event, subject, text, link);
      mail.put(CHANNEL, "mail");
      mail.put(RECIPIENTS, String.join(",", recipients));
      messages.add(mail);
    }
    if (webhook(target) != null) {
      Map<String, Object> hook = message(event, subject, text, link);
      hook.put(CHANNEL, "webhook");
      hook.put(WEBHOOK_ENVIRONMENT, target);
      messages.add(hook);
    }
    Context.getCommandContext().runWithoutAuthorization(() -> {
      messages.forEach(variables -> runtime.startProcessInstanceByKey(PROCESS, key, variables));
      return null;
    });
  }

  private static Map<String, Object> message(String event, String subject, String text, String link) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(EVENT, event);
    variables.put(SUBJECT, subject);
    variables.put(TEXT, text);
    variables.put(LINK, link);
    return variables;
  }

  String webhook(String environment) {
    return environment == null ? null : properties.getWebhooks().get(environment);
  }

  private String statusUrl(String key) {
    return ferry.getPublicUrl() + "/ferry/api/migrations/" + URLEncoder.encode(key == null ? "" : key,
        StandardCharsets.UTF_8);
  }

  /** What ended, by the model it ran in: a migration, a migration group or a package transfer. */
  private static String kind(DelegateExecution execution) {
    String definition = String.valueOf(execution.getProcessDefinitionId());
    return definition.startsWith("migration-group:") ? "migration group"
        : definition.startsWith("package-transfer:") ? "package transfer" : "migration";
  }

  /** "Pipeline release (CHG-1042)": the package's name and the business key. */
  private static String label(VariableScope scope, String key) {
    String name = text(scope, PACKAGE_NAME);
    return name == null || name.equals(key) ? String.valueOf(key) : name + " (" + key + ")";
  }

  private static void describe(VariableScope scope, String key, StringBuilder body) {
    body.append("Migration: ").append(key);
    String name = text(scope, PACKAGE_NAME);
    if (name != null && !name.equals(key)) {
      body.append(", package '").append(name).append('\'');
    }
    String source = text(scope, SOURCE_ENVIRONMENT);
    String target = text(scope, TARGET_ENVIRONMENT);
    if (source != null || target != null) {
      body.append(", from ").append(source).append(" to ").append(target);
    }
    body.append('\n');
    String requester = text(scope, IMPORT_REQUESTER) != null ? text(scope, IMPORT_REQUESTER) : text(scope, "initiator");
    if (requester != null) {
      body.append("Requested by: ").append(requester).append('\n');
    }
  }

  private static String whatToDecide(DelegateTask task) {
    String target = text(task, TARGET_ENVIRONMENT);
    return switch (task.getTaskDefinitionKey()) {
      case "request-import" -> "Decide: ask for the import once the package is right, or edit it first.";
      case "approve-import" -> "Decide: approve the import into " + target + ", send it back for changes (say what "
          + "to change), or reject it. Nobody approves their own request.";
      case "edit-package" -> "Decide: edit the package and resubmit it, or withdraw it."
          + (text(task, APPROVER_COMMENT) == null ? "" : " The approver wrote: " + text(task, APPROVER_COMMENT));
      case "review-import" -> "Decide: keep the import, or ask for undo"
          + (text(task, UNDO_DEADLINE) == null ? "" : " until " + text(task, UNDO_DEADLINE)) + ".";
      case "approve-undo" -> "Decide: " + text(task, UNDO_REQUESTER) + " asks to undo the import on " + target
          + ". Approve the undo or refuse it.";
      default -> "Decide: complete '" + task.getName() + "'.";
    };
  }

  /** The requester of what this task approves: four eyes keeps them from deciding, so they are not asked. */
  private static String notThem(DelegateTask task) {
    return switch (task.getTaskDefinitionKey()) {
      case "approve-import" -> text(task, IMPORT_REQUESTER);
      case "approve-undo" -> text(task, UNDO_REQUESTER);
      default -> null;
    };
  }

  private static String candidateGroup(DelegateTask task) {
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        return link.getGroupId();
      }
    }
    return null;
  }

  private static Set<String> emails(IdentityService identity, String group, String except) {
    Set<String> emails = new LinkedHashSet<>();
    for (User user : identity.createUserQuery().memberOfGroup(group).list()) {
      if (!user.getId().equals(except) && user.getEmail() != null && !user.getEmail().isBlank()) {
        emails.add(user.getEmail());
      }
    }
    return emails;
  }

  private static String email(IdentityService identity, String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    return user == null || user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail();
  }

  private static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value instanceof java.util.Date date ? date.toInstant().toString() : value.toString();
  }
}
