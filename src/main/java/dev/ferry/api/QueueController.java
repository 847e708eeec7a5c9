package dev.ferry.api;

import dev.ferry.library.Environments;
import dev.ferry.queue.ImportQueue;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The import queues for operators ({@code camunda-admin} only): {@code GET /ferry/api/queue} shows
 * each target's running and waiting imports; {@code POST /ferry/api/queue/{businessKey}/move-up}
 * moves a waiting migration one place up; {@code DELETE /ferry/api/queue/slots/{businessKey}} frees
 * the slot of a stuck import. Each intervention is kept in the migration's history
 * ({@code queueIntervention}).
 */
@RestController
public class QueueController {

  private final ImportQueue queue;
  private final IdentityService identity;
  private final Environments environments;

  public QueueController(ImportQueue queue, IdentityService identity, Environments environments) {
    this.queue = queue;
    this.identity = identity;
    this.environments = environments;
  }

  @GetMapping("/ferry/api/queue")
  public ResponseEntity<?> show() {
    return asOperator(user -> ResponseEntity.ok(Map.of("imports", queue.view(environments.ids()))));
  }

  @PostMapping("/ferry/api/queue/{businessKey}/move-up")
  public ResponseEntity<?> moveUp(@PathVariable String businessKey) {
    return asOperator(user -> queue.moveUp(businessKey, user)
        .<ResponseEntity<?>>map(position -> ResponseEntity.ok(Map.of("businessKey", businessKey, "position", position)))
        .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "Not queued", "No migration with business key '" + businessKey
            + "' waits in an import queue; GET /ferry/api/queue lists the ones that do.")));
  }

  @DeleteMapping("/ferry/api/queue/slots/{businessKey}")
  public ResponseEntity<?> release(@PathVariable String businessKey) {
    return asOperator(user -> queue.releaseSlot(businessKey, user)
        .<ResponseEntity<?>>map(environment -> ResponseEntity.ok(Map.of("businessKey", businessKey, "released",
            environment)))
        .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No slot", "No migration with business key '" + businessKey
            + "' holds an import slot; GET /ferry/api/queue lists the ones that do.")));
  }

  private ResponseEntity<?> asOperator(java.util.function.Function<String, ResponseEntity<?>> action) {
    Authentication caller = identity.getCurrentAuthentication();
    boolean admin = caller != null && (caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN)
        || identity.createGroupQuery().groupMember(caller.getUserId()).groupId(Groups.CAMUNDA_ADMIN).count() > 0);
    if (!admin) {
      return problem(HttpStatus.FORBIDDEN, "Not allowed", "Only operators (members of " + Groups.CAMUNDA_ADMIN
          + ") see and change the import queues; log in as one.");
    }
    return action.apply(caller.getUserId());
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(problem);
  }

}
