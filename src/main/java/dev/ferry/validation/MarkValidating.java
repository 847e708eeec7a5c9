package dev.ferry.validation;

import static dev.ferry.migration.FerryVariables.EDIT_COUNT;
import static dev.ferry.migration.FerryVariables.VALIDATION_MESSAGE;
import static dev.ferry.migration.FerryVariables.VALIDATION_STATUS;

import dev.ferry.library.LibraryScope;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import dev.ferry.reliability.Attempts;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Step 4: PATCH the source to {@code validating}; the loop {@code wait-validation} then polls it
 * (step 5). A retry first looks at the source: a validation the Library already shows (validating
 * or finished) was taken, and PATCHing it again would start waiting for a validation the target
 * is not running.
 */
@Component("markValidating")
public class MarkValidating extends ValidationStep {

  private static final Set<String> TAKEN = Set.of("validating", "validated", "validation_failed");

  private final MigrationsClient migrations;
  private final Attempts attempts;

  public MarkValidating(MigrationsClient migrations, Attempts attempts) {
    this.migrations = migrations;
    this.attempts = attempts;
  }

  @Override
  void step(DelegateExecution execution) {
    LibraryScope source = Scopes.source(execution);
    String migrationId = Scopes.migrationId(execution);
    // one validation per version of the package: the first, and one after each edit
    String round = "mark-validating-" + (execution.getVariable(EDIT_COUNT) instanceof Number n ? n.intValue() : 0);
    boolean taken = attempts.begin(execution.getProcessInstanceId(), round).isPresent()
        && TAKEN.contains(migrations.get(source, migrationId, false).body().path("validation").path("status")
            .asText(""));
    if (!taken) {
      migrations.markValidating(source, migrationId);
    }
    StatusVariables.publish(execution, StatusVariables.of(VALIDATION_STATUS, "validating", VALIDATION_MESSAGE, null));
  }
}
