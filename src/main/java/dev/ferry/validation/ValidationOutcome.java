package dev.ferry.validation;

import static dev.ferry.migration.FerryVariables.FAILURE_MESSAGE;
import static dev.ferry.migration.FerryVariables.VALIDATION_MESSAGE;
import static dev.ferry.migration.FerryVariables.VALIDATION_STATUS;

import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.StatusVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** What the model records when the validation loop gives up: the package goes to approval {@code not_validated}. */
@Component("validationOutcome")
public class ValidationOutcome {

  public void timedOut(DelegateExecution execution) {
    String why = Typed.FAILURE_MESSAGE.getOrNull(execution);
    // the time-out is the validation's, not the migration's: it must not read as why the migration failed
    StatusVariables.publish(execution, StatusVariables.of(VALIDATION_STATUS, "not_validated",
        VALIDATION_MESSAGE, "The validation did not finish: " + why, FAILURE_MESSAGE, null));
  }
}
