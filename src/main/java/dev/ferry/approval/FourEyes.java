package dev.ferry.approval;

import dev.ferry.engine.DecisionRefused;
import dev.ferry.migration.FerryVariables;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Four eyes, enforced on the server however a task is completed (Tasklist, REST, claimed or not):
 * the user who asked for something is remembered when that task completes, and the same user is
 * refused when completing its approval. Refusal is an {@link AuthorizationException}, which the
 * REST API answers with 403 and Tasklist shows as the reason.
 */
@Component("fourEyes")
public class FourEyes {

  /** Complete listener of a request task: remembers who asked, in {@code variable}. */
  public void recordRequester(DelegateTask task, String variable) {
    task.getExecution().setVariable(variable, currentUser(task));
  }

  /**
   * Complete listener of an approval task: refuses a completion without a decision and the
   * requester's own, remembers the approver.
   */
  public void approve(DelegateTask task, String requesterVariable, String approverVariable) {
    Object decision = task.getVariable(FerryVariables.APPROVED);
    if (!(decision instanceof Boolean) && !"true".equals(decision) && !"false".equals(decision)) {
      throw new DecisionRefused("approved", "'" + task.getName()
          + "' needs a decision: complete it with the variable approved = true or false.");
    }
    if (decision instanceof String text) {
      // the gateway after the task needs a Boolean
      task.getExecution().setVariable(FerryVariables.APPROVED, Boolean.parseBoolean(text));
    }
    task.getExecution().setVariable(approverVariable, check(task, requesterVariable));
  }

  /** Refuses the user who asked for this (named by {@code requesterVariable}); answers who is deciding. */
  public String check(DelegateTask task, String requesterVariable) {
    String user = currentUser(task);
    Object requester = task.getExecution().getVariable(requesterVariable);
    if (user.equals(requester)) {
      throw new AuthorizationException("Four eyes: " + user + " asked for this and cannot also approve it. "
          + "Another member of ferry-approvers must complete '" + task.getName() + "'.");
    }
    return user;
  }

  /** The logged-in user completing the task (Tasklist and REST set it), else the assignee. */
  static String currentUser(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String user = authentication != null ? authentication.getUserId() : task.getAssignee();
    if (user == null || user.isBlank()) {
      throw new AuthorizationException("Ferry cannot tell who is completing '" + task.getName()
          + "': log in (or claim the task) first, so that four eyes can be checked.");
    }
    return user;
  }
}
