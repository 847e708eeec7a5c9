package dev.ferry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationRules;
import dev.ferry.migration.MigrationVariables;
import dev.ferry.migration.Violation;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ferry/api/migrations}: checks a {@code POST /api/migrations} body and starts the
 * {@code migration} process as the calling user. The body is stored as a JSON variable, which has
 * no size limit, so packages of thousands of objects start the same way as small ones.
 */
@RestController
@RequestMapping("/ferry/api/migrations")
public class MigrationsController {

  private final MigrationRules rules;
  private final RuntimeService runtime;
  private final ObjectMapper mapper;

  public MigrationsController(MigrationRules rules, RuntimeService runtime, ObjectMapper mapper) {
    this.rules = rules;
    this.runtime = runtime;
    this.mapper = mapper;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = {MediaType.APPLICATION_JSON_VALUE,
      MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> start(@RequestBody String body, @RequestParam(required = false) String businessKey) {
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return Problems.invalid("The request", List.of(new Violation("request",
          "is not valid JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")")));
    }
    List<Violation> violations = rules.check(json);
    if (!violations.isEmpty()) {
      return Problems.invalid("The migration request", violations);
    }
    MigrationRequest request = new MigrationRequest(json);
    String key = businessKey == null || businessKey.isBlank() ? request.name() : businessKey;
    ProcessInstance instance = runtime.startProcessInstanceByKey("migration", key,
        Map.of(MigrationVariables.REQUEST, SpinValues.jsonValue(json.toString()).create()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("processInstanceId", instance.getId());
    answer.put("businessKey", key);
    answer.put("processDefinitionId", instance.getProcessDefinitionId());
    return ResponseEntity.created(URI.create("/engine-rest/process-instance/" + instance.getId())).body(answer);
  }
}
