package dev.ferry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.migration.MigrationVariables;
import dev.ferry.migration.Violation;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every Ferry start endpoint does: parse the body, check it, and start the process as the
 * calling user with the body as a JSON variable (no size limit, unlike a String variable).
 */
@Component
public class ProcessStarter {

  private final RuntimeService runtime;
  private final ObjectMapper mapper;

  public ProcessStarter(RuntimeService runtime, ObjectMapper mapper) {
    this.runtime = runtime;
    this.mapper = mapper;
  }

  /**
   * @param what    "The migration request", for the problem's detail
   * @param rules   every violation of the body
   * @param name    the default business key, read from the body
   */
  public ResponseEntity<?> start(String processKey, String what, String body, String businessKey,
      Function<JsonNode, List<Violation>> rules, Function<JsonNode, String> name) {
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return Problems.invalid("The request", List.of(new Violation("request",
          "is not valid JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")")));
    }
    List<Violation> violations = rules.apply(json);
    if (!violations.isEmpty()) {
      return Problems.invalid(what, violations);
    }
    String key = businessKey == null || businessKey.isBlank() ? name.apply(json) : businessKey;
    ProcessInstance instance = runtime.startProcessInstanceByKey(processKey, key,
        Map.of(MigrationVariables.REQUEST, SpinValues.jsonValue(json.toString()).create()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("processInstanceId", instance.getId());
    answer.put("businessKey", key);
    answer.put("processDefinitionId", instance.getProcessDefinitionId());
    return ResponseEntity.created(URI.create("/engine-rest/process-instance/" + instance.getId())).body(answer);
  }
}
