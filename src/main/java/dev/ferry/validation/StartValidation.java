package dev.ferry.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.Scopes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Steps 2 and 3: GET the migration on the source, then PUT {@code /api/migrations/{id}/validation}
 * on the target with what the source answered. The two stay together, as in {@code
 * replicate-package}: the body must be what the source says now.
 */
@Component("startValidation")
public class StartValidation extends ValidationStep {

  private final MigrationsClient migrations;

  public StartValidation(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  void step(DelegateExecution execution) {
    String migrationId = Scopes.migrationId(execution);
    Migration current = migrations.get(Scopes.source(execution), migrationId, false);
    migrations.validate(Scopes.target(execution), migrationId, body(current));
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
    copy(source.path("packageInfo"), body.putObject("packageInfo"), "id", "type", "environment", "storage", "project",
        "status");
    copy(source.path("importInfo"), body.putObject("importInfo"), "id", "environment", "project");
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
}
