package dev.ferry.api;

import static dev.ferry.migration.FerryVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.access.AccessSetup;
import dev.ferry.engine.DecisionRefused;
import dev.ferry.edit.EditRules;
import dev.ferry.edit.EditVariables;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.PackageEdit;
import dev.ferry.migration.PackageKind;
import dev.ferry.migration.PackageKinds;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.engine.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /ferry/api/migrations/{businessKey}/package}: edits a migration or migration group
 * that waits for its request ({@code Request import}), for approval ({@code Approve import}) or
 * for its requester ({@code Edit package}),
 * for automation. The body is {@code {"name", "objects": [{"package", "id", "name", "type",
 * "action", "includeDependents"}]}} (optionally {@code type} and {@code purpose}, which must be the
 * package's own), checked with the Library's edit rules before anything is sent. Ferry then
 * withdraws a pending import request, the Library rebuilds the package, and validation and approval
 * start again with the caller as requester. Answers 202; refusals are 400 problem+json.
 */
@RestController
public class EditsController {

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final PackageKinds kinds;
  private final ObjectMapper mapper;

  public EditsController(RuntimeService runtime, TaskService tasks, IdentityService identity,
      PackageKinds kinds, ObjectMapper mapper) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.kinds = kinds;
    this.mapper = mapper;
  }

  @PutMapping(path = "/ferry/api/migrations/{businessKey}/package", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> edit(@PathVariable String businessKey, @RequestBody String body) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || !isRequester(caller)) {
      return problem(HttpStatus.FORBIDDEN, "Not allowed", "Only members of " + AccessSetup.REQUESTERS
          + " edit packages; log in as one.");
    }
    // the caller's right to edit is checked above; the approval task they look for is the approvers'
    identity.clearAuthentication();
    try {
      return edit(caller, businessKey, body);
    } finally {
      identity.setAuthentication(caller);
    }
  }

  private ResponseEntity<?> edit(Authentication caller, String businessKey, String body) {
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return Problems.invalid("The edit", List.of(new Violation("request", "is not valid JSON ("
          + e.getOriginalMessage() + ")")));
    }
    if (json == null || !json.isObject()) {
      return Problems.invalid("The edit", List.of(new Violation("request", "must be a JSON object: {\"name\", "
          + "\"objects\": [...]}")));
    }
    List<ProcessInstance> approvals = runtime.createProcessInstanceQuery().processDefinitionKey("import-approval")
        .processInstanceBusinessKey(businessKey).active().list();
    if (approvals.isEmpty()) {
      boolean exists = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count() > 0;
      return exists
          ? Problems.invalid("The edit", List.of(new Violation("businessKey", "migration " + Violation.quote(
              businessKey) + " is not waiting for approval; a package can be edited while it waits at 'Request "
              + "import', 'Approve import' or 'Edit package'. Check its state in Cockpit.")))
          : problem(HttpStatus.NOT_FOUND, "Not found", "No running migration has business key "
              + Violation.quote(businessKey) + ".");
    }
    if (approvals.size() > 1) {
      return problem(HttpStatus.CONFLICT, "Ambiguous", approvals.size() + " running migrations share business key "
          + Violation.quote(businessKey) + "; edit them in Tasklist instead.");
    }
    ProcessInstance approval = approvals.get(0);
    Task waiting = tasks.createTaskQuery().processInstanceId(approval.getId()).singleResult();
    String at = waiting == null ? null : waiting.getTaskDefinitionKey();
    if (!"request-import".equals(at) && !"approve-import".equals(at) && !"edit-package".equals(at)) {
      return Problems.invalid("The edit", List.of(new Violation("businessKey", "migration " + Violation.quote(
          businessKey) + " is busy at the Library (building, validating or rebuilding its package); edit it once it "
          + "waits at 'Request import', 'Approve import' or 'Edit package'.")));
    }
    Map<String, Object> vars = runtime.getVariables(approval.getId());
    PackageKind kind = kinds.named(vars.get(PackageKind.VARIABLE) instanceof String name ? name : null);
    List<Violation> violations = new ArrayList<>(EditRules.state(kind, Typed.PACKAGE_STATUS.from(vars)));
    if (!violations.isEmpty()) {
      return Problems.invalid("The edit", violations);
    }
    String purpose = Typed.PURPOSE.from(vars);
    violations.addAll(EditRules.unchanged("type", json.path("type").asText(null), Typed.PACKAGE_TYPE.from(vars)));
    violations.addAll(EditRules.unchanged("purpose", json.path("purpose").asText(null), purpose));
    if (!json.path("objects").isArray() && json.has("objects")) {
      violations.add(new Violation("objects", "must be a list of objects"));
    }
    PackageEdit edit = PackageEdit.read(json.path("name").asText(null), json.path("objects"));
    Set<String> labels = kind.packageLabels(Typed.SOURCE_ENVIRONMENT.from(vars), Typed.MIGRATION_ID.from(vars));
    violations.addAll(EditRules.check(edit, kind, labels, purpose,
        !MigrationRequest.PROJECT_MERGE.equals(purpose)));
    if (!violations.isEmpty()) {
      return Problems.invalid("The edit", violations);
    }
    Map<String, Object> edited = new HashMap<>();
    edited.put(EDIT_NAME, edit.name());
    edited.put(EDIT_OBJECTS, SpinValues.jsonValue(edit.objectsJson().toString()).create());
    edited.put(EditVariables.EDIT_PACKAGES, SpinValues.jsonValue(mapper.valueToTree(labels).toString()).create());
    try {
      if ("edit-package".equals(at)) {
        edited.put(RESUBMIT, true);
        identity.setAuthentication(caller); // the task's listener records the caller as requester (four eyes)
        tasks.complete(waiting.getId(), edited);
      } else {
        edited.put(IMPORT_REQUESTER, caller.getUserId());
        runtime.createMessageCorrelation("package-edited").processInstanceId(approval.getId())
            .setVariables(edited).correlateWithResult();
      }
    } catch (OptimisticLockingException raced) {
      return problem(HttpStatus.CONFLICT, "Changed meanwhile", "Someone decided on migration " + Violation.quote(
          businessKey) + " at the same moment; look at its state and send the edit again if it still applies.");
    } catch (ProcessEngineException refused) {
      DecisionRefused rule = DecisionRefused.in(refused); // the listener's own sentence, not the engine's wrapping
      return Problems.invalid("The edit", List.of(new Violation("edit", (rule != null ? rule : refused).getMessage())));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("businessKey", businessKey);
    answer.put("processInstanceId", approval.getRootProcessInstanceId());
    answer.put("status", "rebuilding");
    answer.put("message", "The Library rebuilds the package from your edit; it then goes through validation and "
        + "approval again.");
    return ResponseEntity.accepted().location(URI.create("/engine-rest/process-instance/"
        + approval.getRootProcessInstanceId())).body(answer);
  }

  private boolean isRequester(Authentication caller) {
    return caller.getGroupIds() != null && caller.getGroupIds().contains(AccessSetup.REQUESTERS)
        || identity.createGroupQuery().groupMember(caller.getUserId()).groupId(AccessSetup.REQUESTERS).count() > 0;
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(problem);
  }
}
