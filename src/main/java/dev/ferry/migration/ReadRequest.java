package dev.ferry.migration;

import static dev.ferry.migration.MigrationVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.group.GroupRules;
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
  private final GroupRules groupRules;
  private final Environments environments;

  public ReadRequest(MigrationRules rules, GroupRules groupRules, Environments environments) {
    this.rules = rules;
    this.groupRules = groupRules;
    this.environments = environments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (Kind.of(execution) == Kind.TRANSFER) {
      // package-transfer checked its request before it uploaded the package, and passed on what it read
      execution.setVariable(VALID, true);
      return;
    }
    JsonNode body;
    try {
      body = RequestVariable.read(execution);
    } catch (IOException e) {
      invalid(execution, List.of(new Violation("request", "is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()))));
      return;
    }
    boolean group = Kind.of(execution) == Kind.GROUP;
    List<Violation> violations = group ? groupRules.check(body) : rules.check(body);
    if (!violations.isEmpty()) {
      invalid(execution, violations);
      return;
    }
    if (group) {
      readGroup(execution, body);
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

  private void readGroup(DelegateExecution execution, JsonNode body) {
    String name = body.path("name").asText();
    Map<String, Object> vars = new HashMap<>();
    vars.put(VALID, true);
    vars.put(PACKAGE_NAME, name);
    vars.put(PACKAGE_TYPE, "group");
    vars.put(PURPOSE, "migration_group");
    vars.put(SOURCE_ENVIRONMENT, environments.get(body.path("sourceEnvironment").path("id").asText()).id());
    vars.put(TARGET_ENVIRONMENT, environments.get(body.path("targetEnvironment").path("id").asText()).id());
    vars.put(SOURCE_PROJECT_ID, null);
    vars.put(TARGET_PROJECT_ID, null);
    execution.setVariables(vars);
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(name);
    }
  }

  /** Ends the check as invalid: {@code valid = false} and the violations, readable and within a String's size. */
  public static void invalid(DelegateExecution execution, List<Violation> violations) {
    String listed = violations.stream().limit(MAX_LISTED).map(Violation::toString).collect(Collectors.joining("\n"));
    if (violations.size() > MAX_LISTED) {
      listed += "\n… and " + (violations.size() - MAX_LISTED) + " more";
    }
    if (listed.length() > 3900) {
      listed = listed.substring(0, 3900) + "…";
    }
    execution.setVariable(VALID, false);
    execution.setVariable(VIOLATIONS, listed);
  }
}
