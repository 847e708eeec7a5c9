package dev.ferry.api;

import dev.ferry.library.Environments;
import dev.ferry.queue.EnvironmentQueues;
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
 * The queues for operators ({@code camunda-admin} only): {@code GET /ferry/api/queue} shows each
 * environment's running and waiting imports, validations and package creations;
 * {@code POST /ferry/api/queue/{businessKey}/move-up} moves a waiting migration one place up in the
 * queue it waits in; {@code DELETE /ferry/api/queue/slots/{businessKey}} frees the slot of a stuck
 * import, validation or creation. Each intervention is kept in the migration's history
 * ({@code queueIntervention}).
 */
@RestController
public class QueueController {

  private final EnvironmentQueues queue;
  private final IdentityService identity;
  private final Environments environments;

  public QueueController(EnvironmentQueues queue, IdentityService identity, Environments environments) {
    this.queue = queue;
    this.identity = identity;
    this.environments = environments;
  }

  @GetMapping("/ferry/api/queue")
  public ResponseEntity<?> show() {
    return asOperator(user -> {
      Map<String, Object> all = new java.util.LinkedHashMap<>();
      EnvironmentQueues.ALL.forEach(kind -> all.put(kind, queue.view(kind, environments.ids())));
      return ResponseEntity.ok(all);
    });
  }

  @PostMapping("/ferry/api/queue/{businessKey}/move-up")
  public ResponseEntity<?> moveUp(@PathVariable String businessKey) {
    return asOperator(user -> queue.moveUp(businessKey, user)
        .<ResponseEntity<?>>map(moved -> ResponseEntity.ok(Map.of("businessKey", businessKey, "queue", moved.queue(),
            "environment", moved.environment(), "position", moved.position())))
        .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "Not queued", "No migration with business key '" + businessKey
            + "' waits in a queue; GET /ferry/api/queue lists the ones that do.")));
  }

  @DeleteMapping("/ferry/api/queue/slots/{businessKey}")
  public ResponseEntity<?> release(@PathVariable String businessKey) {
    return asOperator(user -> queue.releaseSlot(businessKey, user)
        .<ResponseEntity<?>>map(released -> ResponseEntity.ok(Map.of("businessKey", businessKey, "queue",
            released.queue(), "released", released.environment())))
        .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No slot", "No migration with business key '" + businessKey
            + "' holds a queue slot; GET /ferry/api/queue lists the ones that do.")));
  }

  private ResponseEntity<?> asOperator(java.util.function.Function<String, ResponseEntity<?>> action) {
    Authentication caller = identity.getCurrentAuthentication();
    boolean admin = caller != null && (caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.CAMUNDA_ADMIN)
        || identity.createGroupQuery().groupMember(caller.getUserId()).groupId(Groups.CAMUNDA_ADMIN).count() > 0);
    if (!admin) {
      return problem(HttpStatus.FORBIDDEN, "Not allowed", "Only operators (members of " + Groups.CAMUNDA_ADMIN
          + ") see and change the queues; log in as one.");
    }
    return action.apply(caller.getUserId());
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(problem);
  }

}
