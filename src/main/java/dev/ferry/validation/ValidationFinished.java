package dev.ferry.validation;

import static dev.ferry.migration.FerryVariables.VALIDATION_MESSAGE;
import static dev.ferry.migration.FerryVariables.VALIDATION_STATUS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import dev.ferry.polling.LibraryClock;
import dev.ferry.polling.PollResult;
import dev.ferry.polling.StatusCheck;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Polls the source until the validation is {@code validated} or {@code validation_failed}
 * ("Validate migrations", step 5). Both end the wait: a failed validation is news for the
 * approver, not a failed migration, so it is published as {@code validationStatus} and
 * {@code validationMessage} rather than as the migration's failure.
 */
@Component
public class ValidationFinished implements StatusCheck {

  private final MigrationsClient migrations;

  public ValidationFinished(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  public String name() {
    return "validation-finished";
  }

  @Override
  public String awaited() {
    return "validation status 'validated' or 'validation_failed' on the source";
  }

  @Override
  public PollResult check(DelegateExecution execution) {
    Migration migration = migrations.get(Scopes.source(execution), Scopes.migrationId(execution), false);
    JsonNode validation = migration.body().path("validation");
    String status = validation.path("status").asText(null);
    String message = validation.path("message").asText("");
    Map<String, Object> variables = StatusVariables.of(VALIDATION_STATUS, status == null ? "validating" : status,
        VALIDATION_MESSAGE, message.isBlank() ? null : message);
    if ("validated".equals(status) || "validation_failed".equals(status)) {
      if ("validation_failed".equals(status) && message.isBlank()) {
        variables.put(VALIDATION_MESSAGE, "The Library gave no reason; a validation that fails would fail the import "
            + "too.");
      }
      return PollResult.done(status, variables).timed(LibraryClock.progress(validation), LibraryClock.took(validation));
    }
    return PollResult.waiting(status, variables).timed(LibraryClock.progress(validation), null);
  }
}
