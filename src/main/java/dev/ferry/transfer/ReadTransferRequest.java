package dev.ferry.transfer;

import static dev.ferry.migration.FerryVariables.*;
import static dev.ferry.migration.FerryVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.Environments;
import dev.ferry.migration.PackageKind;
import dev.ferry.migration.ReadRequest;
import dev.ferry.migration.RequestVariable;
import dev.ferry.engine.Violation;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** First step of a {@code package-transfer}: checks the request and fills the variables the rest reads. */
@Component("readTransferRequest")
public class ReadTransferRequest implements JavaDelegate {

  private final TransferRules rules;
  private final Environments environments;

  public ReadTransferRequest(TransferRules rules, Environments environments) {
    this.rules = rules;
    this.environments = environments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    JsonNode body;
    try {
      body = RequestVariable.read(execution);
    } catch (IOException e) {
      ReadRequest.invalid(execution, List.of(new Violation("request", "is not valid JSON")));
      return;
    }
    List<Violation> violations = rules.check(body);
    if (!violations.isEmpty()) {
      ReadRequest.invalid(execution, violations);
      return;
    }
    JsonNode source = body.path("source");
    JsonNode file = body.path("file");
    String migrationId = source.path("migrationId").asText(null);
    String name = body.path("name").asText(null);
    if (name == null && file.isObject()) {
      name = file.path("name").asText().replaceFirst("(?i)\\.mmp$", "");
    }
    String type = body.path("packageType").asText(null);
    Map<String, Object> vars = new HashMap<>();
    vars.put(VALID, true);
    vars.put(PackageKind.VARIABLE, UploadedPackage.NAME);
    vars.put(PACKAGE_NAME, name);
    vars.put(PACKAGE_TYPE, type);
    vars.put(PURPOSE, body.path("packagePurpose").asText(null));
    vars.put(SOURCE_ENVIRONMENT, source.isObject() ? environments.get(source.path("environment").asText()).id() : null);
    vars.put(SOURCE_MIGRATION_ID, migrationId);
    vars.put(SOURCE_PACKAGE_ID, migrationId != null ? migrationId.split(":", 2)[0] : source.path("packageId").asText(null));
    vars.put(SOURCE_PROJECT_ID, null);
    vars.put(TARGET_ENVIRONMENT, environments.get(body.path("target").path("environment").asText()).id());
    vars.put(TARGET_PROJECT_ID, body.path("target").path("project").path("id").asText(null));
    vars.put(STORED_PACKAGE, file.isObject() ? file.path("stored").asText() : null);
    vars.put(PACKAGE_SIZE, file.isObject() ? file.path("size").asLong() : null);
    vars.put(PACKAGE_SHA256, file.isObject() ? file.path("sha256").asText() : null);
    execution.setVariables(vars);
    if (execution.getProcessBusinessKey() == null && name != null) {
      execution.setProcessBusinessKey(name);
    }
  }
}
