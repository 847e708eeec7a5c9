package dev.ferry.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a migration stands, as {@code GET /ferry/api/migrations/{businessKey}} answers it: what it is,
 * whether it runs, the step it is at in plain words, the task that waits (if one does), its status
 * variables, its outcome once it ended, and who decided what so far.
 *
 * @param kind      {@code migration}, {@code group} or {@code transfer}
 * @param state     {@code running} or {@code ended}
 * @param step      the step in plain words ("Approve import: waits for ferry-approvers")
 * @param status    the status variables that are set: packageStatus, importStatus, validationStatus,
 *                  progress, queuePosition, queueMessage …
 * @param requester who started it
 * @param incidents the steps that failed and wait for an operator (Cockpit)
 */
public record MigrationStatus(String businessKey, String processInstanceId, String kind, String state, String step,
    WaitingTask task, Map<String, Object> status, String migrationId, String packageId, String sourceEnvironment,
    String targetEnvironment, String requester, String outcome, String failureMessage, Instant startedAt,
    Instant endedAt, List<Incident> incidents, List<Decision> decisions) {

  /**
   * The task that waits for a person.
   *
   * @param key            the task's key: request-import, approve-import, edit-package, review-import, approve-undo
   * @param candidateGroup who may work it
   * @param tasklistUrl    where a person opens it
   * @param decideWith     the Ferry REST call that completes it
   */
  public record WaitingTask(String id, String key, String name, String candidateGroup, String assignee,
      Instant createdAt, String tasklistUrl, String decideWith) {
  }

  /**
   * A completed task: who did it, when, and what they chose.
   *
   * @param decision requested, editFirst, approved, changesRequested, rejected, resubmitted, withdrawn,
   *                 undoRequested or kept
   */
  public record Decision(String task, String name, String user, Instant at, String decision, String comment,
      Boolean overrideValidation) {
  }

  /** A step that failed after its retries and waits for an operator. */
  public record Incident(String step, String message, Instant at) {
  }
}
