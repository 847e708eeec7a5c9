package dev.ferry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.migration.FerryVariables;
import dev.ferry.engine.Violation;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.http.ResponseEntity;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every Ferry start endpoint does: parse the body, check it, and start the process as the
 * calling user with the body as a JSON variable (no size limit, unlike a String variable).
 */
@Component
public class ProcessStarter {

  private final RuntimeService runtime;
  private final ObjectMapper mapper;
  private final IdempotencyKeys keys;
  private final IdentityService identity;
  private final TransactionTemplate transaction;

  public ProcessStarter(RuntimeService runtime, ObjectMapper mapper, IdempotencyKeys keys, IdentityService identity,
      PlatformTransactionManager transactions) {
    this.runtime = runtime;
    this.mapper = mapper;
    this.keys = keys;
    this.identity = identity;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * @param what    "The migration request", for the problem's detail
   * @param rules   every violation of the body
   * @param name    the default business key, read from the body
   */
  public ResponseEntity<?> start(String processKey, String what, String body, String businessKey,
      Function<JsonNode, List<Violation>> rules, Function<JsonNode, String> name) {
    return start(processKey, what, body, businessKey, null, rules, name);
  }

  /**
   * The same, once per {@code idempotencyKey}: a repeated key answers with the instance the first
   * request started (200, header {@code Idempotent-Replayed: true}) instead of starting another.
   */
  public ResponseEntity<?> start(String processKey, String what, String body, String businessKey,
      String idempotencyKey, Function<JsonNode, List<Violation>> rules, Function<JsonNode, String> name) {
    String user = identity.getCurrentAuthentication() == null ? "" : identity.getCurrentAuthentication().getUserId();
    if (idempotencyKey != null && !idempotencyKey.isBlank()) {
      Optional<String> first = keys.find(user, processKey, idempotencyKey);
      if (first.isPresent()) {
        return replay(first.get());
      }
    }
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      return Problems.invalid("The request", List.of(new Violation("request",
          "is not valid JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")")));
    }
    List<Violation> violations = new java.util.ArrayList<>(rules.apply(json));
    if (businessKey != null && businessKey.length() > 255) {
      violations.add(new Violation("businessKey", "has " + businessKey.length() + " characters; use at most 255"));
    }
    if (!violations.isEmpty()) {
      return Problems.invalid(what, violations);
    }
    String key = businessKey == null || businessKey.isBlank() ? name.apply(json) : businessKey;
    ProcessInstance instance;
    try {
      instance = transaction.execute(status -> {
        ProcessInstance started = runtime.startProcessInstanceByKey(processKey, key,
            Map.of(FerryVariables.REQUEST, SpinValues.jsonValue(json.toString()).create()));
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
          keys.remember(user, processKey, idempotencyKey, started.getId());
        }
        return started;
      });
    } catch (DuplicateKeyException raced) {
      // the same key won a race a moment ago; its start stands, this one was rolled back
      return replay(keys.find(user, processKey, idempotencyKey).orElseThrow());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("processInstanceId", instance.getId());
    answer.put("businessKey", key);
    answer.put("processDefinitionId", instance.getProcessDefinitionId());
    return ResponseEntity.created(URI.create("/engine-rest/process-instance/" + instance.getId())).body(answer);
  }

  private ResponseEntity<?> replay(String processInstanceId) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("processInstanceId", processInstanceId);
    answer.put("replayed", true);
    return ResponseEntity.ok().header("Idempotent-Replayed", "true")
        .location(URI.create("/engine-rest/process-instance/" + processInstanceId)).body(answer);
  }
}
