package dev.ferry.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.RequestVariable;
import dev.ferry.migration.Scopes;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Step 1: PATCH the source with the target environment and project, as the request names them. */
@Component("setImportTarget")
public class SetImportTarget extends ValidationStep {

  private final MigrationsClient migrations;

  public SetImportTarget(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  void step(DelegateExecution execution) {
    JsonNode importInfo;
    try {
      importInfo = RequestVariable.read(execution).path("importInfo");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    migrations.setImportTarget(Scopes.source(execution), Scopes.migrationId(execution),
        importInfo.path("environment"), importInfo.path("project"));
  }
}
