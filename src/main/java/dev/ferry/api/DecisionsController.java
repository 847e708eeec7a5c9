package dev.ferry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.engine.DecisionRefused;
import dev.ferry.engine.Violation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The decisions of a migration over Ferry REST, for automation that acts as a user: each completes
 * the task that waits, as the caller, exactly like Tasklist does — the task's listeners apply the
 * same rules (four eyes, a comment to send back, the validation override), and the engine checks
 * that the caller is a candidate. Answers 200 with the migration's status; 403 when the caller may
 * not decide (four eyes), 400 naming the field for a rule, 409 when the migration waits elsewhere.
 */
@RestController
public class DecisionsController {

  private static final Set<String> IMPORT_DECISIONS = Set.of("approved", "changesRequested", "rejected");
  private static final Set<String> UNDO_DECISIONS = Set.of("approved", "rejected");

  private final MigrationStatuses statuses;
  private final TaskService tasks;
  private final Caller caller;
  private final ObjectMapper mapper;
  private final TransactionTemplate transaction;

  public DecisionsController(MigrationStatuses statuses, TaskService tasks, Caller caller, ObjectMapper mapper,
      PlatformTransactionManager transactions) {
    this.statuses = statuses;
    this.tasks = tasks;
    this.caller = caller;
    this.mapper = mapper;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Request import: {@code {"editFirst": false}} (both optional); true sends the package to Edit package first. */
  @PostMapping(path = "/ferry/api/migrations/{businessKey}/import-request",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> requestImport(@PathVariable String businessKey,
      @RequestBody(required = false) String body) {
    return decide(businessKey, "request-import", "The import request", body, Set.of("editFirst"),
        (json, vars, violations) -> {
      Boolean editFirst = bool(json, "editFirst", violations);
      vars.put("editFirst", Boolean.TRUE.equals(editFirst));
    });
  }

  /**
   * Approve import: {@code {"decision": "approved" | "changesRequested" | "rejected", "comment": "…",
   * "overrideValidation": false}}.
   */
  @PostMapping(path = "/ferry/api/migrations/{businessKey}/import-decision",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> decideImport(@PathVariable String businessKey, @RequestBody(required = false) String body) {
    return decide(businessKey, "approve-import", "The import decision", body,
        Set.of("decision", "comment", "overrideValidation"), (json, vars, violations) -> {
      vars.put("decision", choice(json, "decision", IMPORT_DECISIONS, violations));
      vars.put("comment", text(json, "comment", violations));
      vars.put("overrideValidation", Boolean.TRUE.equals(bool(json, "overrideValidation", violations)));
    });
  }

  /** Review import: {@code {"undo": true}} asks for undo (an approver then decides), false keeps the import. */
  @PostMapping(path = "/ferry/api/migrations/{businessKey}/review",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> review(@PathVariable String businessKey, @RequestBody(required = false) String body) {
    return decide(businessKey, "review-import", "The review", body, Set.of("undo", "comment"),
        (json, vars, violations) -> {
      Boolean undo = bool(json, "undo", violations);
      if (undo == null && !json.has("undo")) {
        violations.add(new Violation("undo", "is missing; send true to ask for undo or false to keep the import"));
      }
      vars.put("undo", Boolean.TRUE.equals(undo));
      vars.put("comment", text(json, "comment", violations));
    });
  }

  /** Approve undo: {@code {"decision": "approved" | "rejected", "comment": "…"}}. */
  @PostMapping(path = "/ferry/api/migrations/{businessKey}/undo-decision",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> decideUndo(@PathVariable String businessKey, @RequestBody(required = false) String body) {
    return decide(businessKey, "approve-undo", "The undo decision", body,
        Set.of("decision", "comment"), (json, vars, violations) -> {
      vars.put("approved", "approved".equals(choice(json, "decision", UNDO_DECISIONS, violations)));
      vars.put("comment", text(json, "comment", violations));
    });
  }

  /** Reads a body into task variables, adding a violation per bad field. */
  private interface Reading {
    void read(JsonNode json, Map<String, Object> variables, List<Violation> violations);
  }

  /**
   * {@code accepted}: the body's fields; any other field (a Ferry variable such as
   * {@code importRequester}) is refused by name, never passed on or silently dropped.
   */
  private ResponseEntity<?> decide(String businessKey, String taskKey, String what, String body,
      Set<String> accepted, Reading reading) {
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return Problems.invalid(what, List.of(new Violation("request", "is not valid JSON (" + e.getOriginalMessage()
          + ")")));
    }
    if (!json.isObject()) {
      return Problems.invalid(what, List.of(new Violation("request", "must be a JSON object")));
    }
    Map<String, Object> variables = new HashMap<>();
    List<Violation> violations = new java.util.ArrayList<>();
    String takes = String.join(", ", accepted.stream().sorted().toList());
    json.fieldNames().forEachRemaining(field -> {
      if (!accepted.contains(field)) {
        violations.add(new Violation(field, "is not a field of this decision; it takes " + takes));
      }
    });
    reading.read(json, variables, violations);
    if (!violations.isEmpty()) {
      return Problems.invalid(what, violations);
    }
    Authentication user = caller.current();
    if (user == null) {
      return StatusController.problem(HttpStatus.UNAUTHORIZED, "Not logged in", "Log in with HTTP Basic.");
    }
    HistoricProcessInstance root = caller.asFerry(() -> statuses.root(businessKey).orElse(null));
    if (root == null) {
      return StatusController.notFound(businessKey);
    }
    Task task = caller.asFerry(() -> statuses.waitingTask(root).orElse(null));
    if (task == null || !taskKey.equals(task.getTaskDefinitionKey())) {
      MigrationStatus status = caller.asFerry(() -> statuses.status(root, false));
      return StatusController.problem(HttpStatus.CONFLICT, "Not waiting for this", "Migration "
          + Violation.quote(businessKey) + " does not wait at '" + taskKey + "'; it is at: " + status.step() + ".");
    }
    if (task.getAssignee() != null && !task.getAssignee().equals(user.getUserId())) {
      return StatusController.problem(HttpStatus.CONFLICT, "Claimed by someone else", task.getAssignee()
          + " has claimed '" + task.getName() + "' of migration " + Violation.quote(businessKey)
          + "; they decide, or they unclaim it in Tasklist.");
    }
    try {
      // claimed and completed together, as the caller: a refusal leaves the task as it was
      transaction.executeWithoutResult(status -> {
        if (task.getAssignee() == null) {
          tasks.claim(task.getId(), user.getUserId());
        }
        tasks.complete(task.getId(), variables);
      });
    } catch (OptimisticLockingException raced) {
      return StatusController.problem(HttpStatus.CONFLICT, "Changed meanwhile", "Someone completed '"
          + task.getName() + "' of migration " + Violation.quote(businessKey) + " at the same moment; read its "
          + "status and decide again if it still applies.");
    } catch (ProcessEngineException refused) {
      AuthorizationException forbidden = cause(refused, AuthorizationException.class);
      if (forbidden != null) {
        return StatusController.problem(HttpStatus.FORBIDDEN, "Not allowed", forbidden.getMessage());
      }
      DecisionRefused rule = DecisionRefused.in(refused);
      if (rule != null) {
        return Problems.invalid(what, rule.violations());
      }
      String reason = innermost(refused).getMessage();
      return Problems.invalid(what, List.of(new Violation(field(reason, json), reason)));
    }
    return ResponseEntity.ok(caller.asFerry(() -> statuses.status(statuses.root(businessKey).orElseThrow())));
  }

  /**
   * The field a listener's refusal is about, read from its message: the listeners name the
   * variable they refuse ({@code overrideValidation}, {@code decision}, {@code undo}), or ask for a
   * comment.
   */
  static String field(String reason, JsonNode body) {
    String text = reason == null ? "" : reason;
    for (String field : List.of("overrideValidation", "decision", "undo", "resubmit")) {
      if (text.contains(field)) {
        return field;
      }
    }
    if (text.contains("comment")) {
      return "comment";
    }
    if (text.contains("cannot be sent back") || text.contains("cannot be edited")) {
      return "decision";
    }
    return body.fieldNames().hasNext() ? body.fieldNames().next() : "request";
  }

  private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  /** What a listener threw, under the engine's wrapping (ENGINE-03051 …). */
  private static Throwable innermost(Throwable error) {
    Throwable inner = error;
    while (inner.getCause() != null && inner.getCause() != inner && inner.getCause().getMessage() != null) {
      inner = inner.getCause();
    }
    return inner;
  }

  private static Boolean bool(JsonNode json, String field, List<Violation> violations) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      violations.add(new Violation(field, "is " + value + "; use true or false"));
      return null;
    }
    return value.booleanValue();
  }

  private static String text(JsonNode json, String field, List<Violation> violations) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      violations.add(new Violation(field, "is " + value + "; use a string"));
      return null;
    }
    return value.asText().isBlank() ? null : value.asText();
  }

  private static String choice(JsonNode json, String field, Set<String> allowed, List<Violation> violations) {
    JsonNode value = json.get(field);
    List<String> sorted = allowed.stream().sorted().toList();
    if (value == null || value.isNull()) {
      violations.add(new Violation(field, "is missing; use one of " + String.join(", ", sorted)));
      return null;
    }
    if (!value.isTextual() || !allowed.contains(value.asText())) {
      violations.add(new Violation(field, "is " + value + "; use one of " + String.join(", ", sorted)));
      return null;
    }
    return value.asText();
  }
}
