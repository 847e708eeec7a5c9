package dev.ferry.migration;

import static dev.ferry.migration.MigrationVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.Environments;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * First step of every migration: checks the request with the same rules as Ferry REST, so an
 * instance started straight through {@code /engine-rest} with a bad body ends as {@code invalid}
 * with the reasons, instead of failing at the Library. A valid request fills the variables the
 * rest of the model reads.
 */
@Component("readRequest")
public class ReadRequest implements JavaDelegate {

  /** Keeps the violations variable readable and within a String variable's size. */
  static final int MAX_LISTED = 40;

  private final MigrationRules rules;
  private final Environments environments;

  public ReadRequest(MigrationRules rules, Environments environments) {
    this.rules = rules;
    this.environments = environments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    JsonNode body;
    try {
      body = RequestVariable.read(execution);
    } catch (IOException e) {
      invalid(execution, List.of(new Violation("request", "is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()))));
      return;
    }
    List<Violation> violations = rules.check(body);
    if (!violations.isEmpty()) {
      invalid(execution, violations);
      return;
    }
    MigrationRequest request = new MigrationRequest(body);
    Map<String, Object> vars = new HashMap<>();
    vars.put(VALID, true);
    vars.put(PACKAGE_NAME, request.name());
    vars.put(PACKAGE_TYPE, request.type());
    vars.put(PURPOSE, request.purpose());
    vars.put(SOURCE_ENVIRONMENT, environments.get(request.sourceEnvironmentId()).id());
    vars.put(TARGET_ENVIRONMENT, environments.get(request.targetEnvironmentId()).id());
    vars.put(SOURCE_PROJECT_ID, request.isProjectPackage() ? request.sourceProjectId() : null);
    vars.put(TARGET_PROJECT_ID, request.isProjectPackage() ? request.targetProjectId() : null);
    execution.setVariables(vars);
    if (execution.getProcessBusinessKey() == null) {
      // Started from Tasklist, which asks for no business key: let Cockpit find it by package name.
      execution.setProcessBusinessKey(request.name());
    }
  }

  private static void invalid(DelegateExecution execution, List<Violation> violations) {
    String listed = violations.stream().limit(MAX_LISTED).map(Violation::toString).collect(Collectors.joining("\n"));
    if (violations.size() > MAX_LISTED) {
      listed += "\n… and " + (violations.size() - MAX_LISTED) + " more";
    }
    execution.setVariable(VALID, false);
    execution.setVariable(VIOLATIONS, listed);
  }
}
