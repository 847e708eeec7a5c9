package dev.ferry.validation;

import static dev.ferry.migration.FerryVariables.VALIDATION_MESSAGE;
import static dev.ferry.migration.FerryVariables.VALIDATION_STATUS;

import dev.ferry.library.LibraryException;
import dev.ferry.migration.StatusVariables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * One step of starting a validation ("Validate migrations", steps 1, 2–3 and 4; the model
 * {@code import-approval} orders them in its subprocess {@code validate}). Every step can be
 * repeated safely, so a retry after a crash just does it again.
 *
 * <p>When the Library refuses a step (4xx: no Administrator privileges, no storage service), the
 * package is {@code not_validated} with the Library's words, and the BPMN error
 * {@code validation-refused} takes it to approval: the approver decides knowing that, instead of
 * the migration stopping at an incident. No answer or a 5xx is retried, then an incident.
 */
abstract class ValidationStep implements JavaDelegate {

  static final String REFUSED = "validation-refused";

  @Override
  public void execute(DelegateExecution execution) {
    try {
      step(execution);
    } catch (LibraryException refused) {
      if (!refused.isRefusal()) {
        throw refused; // the Library may come back: retried, then an incident
      }
      String why = "Ferry could not validate the package: " + refused.getMessage();
      StatusVariables.publish(execution, StatusVariables.of(VALIDATION_STATUS, "not_validated",
          VALIDATION_MESSAGE, why));
      throw new BpmnError(REFUSED, why);
    }
  }

  abstract void step(DelegateExecution execution);
}
