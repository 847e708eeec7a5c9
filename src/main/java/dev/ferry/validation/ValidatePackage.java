package dev.ferry.validation;

import static dev.ferry.migration.MigrationVariables.VALIDATION_MESSAGE;
import static dev.ferry.migration.MigrationVariables.VALIDATION_STATUS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.library.LibraryException;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.RequestVariable;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Starts the Library's validation of a created package ("Validate migrations", steps 1 to 4):
 * PATCH the source with the target environment and project, GET the migration, PUT
 * {@code /validation} on the target, PATCH the source to {@code validating}. The loop that
 * follows polls the source (step 5).
 *
 * <p>Every step can be repeated safely, so a retry after a crash simply starts the validation
 * again. When a Library refuses a step (no Administrator privileges, no storage service), the
 * package is {@code not_validated} with the Library's words: the approver then decides knowing
 * that, instead of the migration stopping at an incident.
 */
@Component("validatePackage")
public class ValidatePackage implements JavaDelegate {

  private final MigrationsClient migrations;

  public ValidatePackage(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LibraryScope source = Scopes.source(execution);
    LibraryScope target = Scopes.target(execution);
    String migrationId = Scopes.migrationId(execution);
    JsonNode importInfo = request(execution).path("importInfo");
    try {
      migrations.setImportTarget(source, migrationId, importInfo.path("environment"), importInfo.path("project"));
      Migration current = migrations.get(source, migrationId, false);
      migrations.validate(target, migrationId, body(current));
      migrations.markValidating(source, migrationId);
      StatusVariables.publish(execution, StatusVariables.of(VALIDATION_STATUS, "validating", VALIDATION_MESSAGE, null));
    } catch (LibraryException refused) {
      if (refused.httpStatus() < 400 || refused.httpStatus() >= 500) {
        throw refused; // the Library may come back: retried, then an incident
      }
      StatusVariables.publish(execution, StatusVariables.of(VALIDATION_STATUS, "not_validated",
          VALIDATION_MESSAGE, "Ferry could not validate the package: " + refused.getMessage()));
    }
  }

  /**
   * The body of {@code PUT /api/migrations/{id}/validation}, from the source's answer: the id, the
   * package (id, type, environment, storage, project, status) and the import (id, environment,
   * project). Projects are sent only where the package has one.
   */
  public static JsonNode body(Migration migration) {
    JsonNode source = migration.body();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("id", migration.id());
    ObjectNode packageInfo = body.putObject("packageInfo");
    copy(source.path("packageInfo"), packageInfo, "id", "type", "environment", "storage", "project", "status");
    ObjectNode importInfo = body.putObject("importInfo");
    copy(source.path("importInfo"), importInfo, "id", "environment", "project");
    return body;
  }

  private static void copy(JsonNode from, ObjectNode to, String... fields) {
    for (String field : fields) {
      JsonNode value = from.path(field);
      boolean emptyProject = "project".equals(field) && (!value.isObject() || value.path("id").asText("").isBlank());
      if (!value.isMissingNode() && !value.isNull() && !emptyProject) {
        to.set(field, value.deepCopy());
      }
    }
  }

  private static JsonNode request(DelegateExecution execution) {
    try {
      return RequestVariable.read(execution);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
