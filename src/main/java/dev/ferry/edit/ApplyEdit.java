package dev.ferry.edit;

import static dev.ferry.migration.FerryVariables.*;

import dev.ferry.library.LibraryException;
import dev.ferry.library.LibraryScope;
import dev.ferry.migration.FerryVariables;
import dev.ferry.migration.PackageEdit;
import dev.ferry.migration.PackageKinds;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import dev.ferry.engine.Violation;
import dev.ferry.reliability.Attempts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends the requester's edit to the source: {@code PUT /api/migrations/{id}/packageInfo} for a
 * migration, {@code PUT /api/migrationGroups/{id}} for a group, both {@code prefer:
 * respond-async}; the Library then rebuilds the package and the model waits until it is
 * {@code created}. The body is the package as the source has it now with the edit applied, so
 * {@code type} and {@code purpose} travel unchanged.
 *
 * <p>An edit the rules or the Library refuse ends in the BPMN error {@code edit-refused}: the
 * requester gets the package back with the reason in {@code editRefusal}. A retry after a crash
 * first looks at the source: an edit the Library already took (the package is being rebuilt, or
 * already holds the edit) is not sent again.
 */
@Component("applyEdit")
public class ApplyEdit implements JavaDelegate {

  public static final String REFUSED = "edit-refused";

  private final PackageKinds kinds;
  private final PackageEdits edits;
  private final Attempts attempts;

  public ApplyEdit(PackageKinds kinds, PackageEdits edits, Attempts attempts) {
    this.kinds = kinds;
    this.edits = edits;
    this.attempts = attempts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Violation> violations = edits.violations(execution);
    if (!violations.isEmpty()) {
      refuse(execution, "The edit breaks the Library's rules: " + violations.stream().map(Violation::toString)
          .collect(Collectors.joining("; ")));
    }
    PackageEdit edit = EditVariables.read(execution);
    int count = execution.getVariable(EDIT_COUNT) instanceof Number n ? n.intValue() + 1 : 1;
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "apply-edit-" + count);
    LibraryScope source = Scopes.source(execution);
    String migrationId = Scopes.migrationId(execution);
    try {
      kinds.of(execution).applyEdit(source, migrationId, edit, earlier.isPresent())
          .ifPresent(progress -> execution.setVariable(PROGRESS, progress));
    } catch (LibraryException refused) {
      if (refused.isRefusal()) {
        refuse(execution, "The Library refused the edit: " + refused.getMessage());
      }
      throw refused;
    }
    Map<String, Object> published = StatusVariables.of(
        PACKAGE_NAME, edit.name(),
        PACKAGE_STATUS, "creating",
        VALIDATION_STATUS, null,
        VALIDATION_MESSAGE, null,
        VALIDATION_OVERRIDE, null,
        EDIT_COUNT, count);
    StatusVariables.publish(execution, published);
    // the next approval starts afresh: no decision, comment or override carries over
    execution.setVariable(EDIT_REFUSAL, null);
    execution.setVariable(DECISION, null);
    execution.setVariable(COMMENT, null);
    execution.setVariable(OVERRIDE_VALIDATION, null);
    execution.setVariable(FerryVariables.EDIT_FIRST, null);
  }

  private static void refuse(DelegateExecution execution, String why) {
    execution.setVariable(EDIT_REFUSAL, why);
    throw new BpmnError(REFUSED, why);
  }
}
