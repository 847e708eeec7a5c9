package dev.ferry.migration;

import dev.ferry.engine.Violation;
import static dev.ferry.migration.FerryVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.migration.FerryVariables.Typed;
import java.io.IOException;
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

  private final PackageKinds kinds;

  public ReadRequest(PackageKinds kinds) {
    this.kinds = kinds;
  }

  @Override
  public void execute(DelegateExecution execution) {
    PackageKind kind = kinds.of(execution);
    if (!kind.checksRequest()) {
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
    List<Violation> violations = kind.checkRequest(body);
    if (!violations.isEmpty()) {
      invalid(execution, violations);
      return;
    }
    Map<String, Object> vars = kind.requestVariables(body);
    execution.setVariables(vars);
    if (execution.getProcessBusinessKey() == null) {
      // Started from Tasklist, which asks for no business key: let Cockpit find it by package name.
      execution.setProcessBusinessKey(Typed.PACKAGE_NAME.from(vars));
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
