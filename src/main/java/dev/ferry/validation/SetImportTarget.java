package dev.ferry.validation;

import static dev.ferry.migration.FerryVariables.EDIT_COUNT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.MigrationsClient;
import dev.ferry.reliability.Attempts;
import dev.ferry.migration.RequestVariable;
import dev.ferry.migration.Scopes;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Step 1: PATCH the source with the target environment and project, as the request names them. A
 * retry first looks at the source: a target it names already was set by the earlier attempt.
 */
@Component("setImportTarget")
public class SetImportTarget extends ValidationStep {

  private final MigrationsClient migrations;
  private final Attempts attempts;

  public SetImportTarget(MigrationsClient migrations, Attempts attempts) {
    this.migrations = migrations;
    this.attempts = attempts;
  }

  @Override
  void step(DelegateExecution execution) {
    JsonNode importInfo;
    try {
      importInfo = RequestVariable.read(execution).path("importInfo");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LibraryScope source = Scopes.source(execution);
    String migrationId = Scopes.migrationId(execution);
    String round = "set-import-target-" + (execution.getVariable(EDIT_COUNT) instanceof Number n ? n.intValue() : 0);
    if (attempts.begin(execution.getProcessInstanceId(), round).isPresent()
        && names(migrations.get(source, migrationId, false).body().path("importInfo"), importInfo)) {
      return;
    }
    migrations.setImportTarget(source, migrationId, importInfo.path("environment"), importInfo.path("project"));
  }

  private static boolean names(JsonNode current, JsonNode wanted) {
    String project = wanted.path("project").path("id").asText("");
    return !wanted.path("environment").path("id").asText("").isEmpty()
        && wanted.path("environment").path("id").asText().equals(current.path("environment").path("id").asText(null))
        && (project.isEmpty() || project.equals(current.path("project").path("id").asText(null)));
  }
}
