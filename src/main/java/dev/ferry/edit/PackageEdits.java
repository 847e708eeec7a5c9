package dev.ferry.edit;

import static dev.ferry.migration.FerryVariables.*;

import dev.ferry.engine.DecisionRefused;
import dev.ferry.approval.FourEyes;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.FerryVariables;
import dev.ferry.migration.PackageEdit;
import dev.ferry.migration.PackageKind;
import dev.ferry.migration.PackageKinds;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.StatusVariables;
import dev.ferry.engine.Violation;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The {@code edit-package} task: refuses a completion without a choice ({@code resubmit}) and an
 * edit the Library would refuse, naming every problem, so the requester fixes it in the form;
 * the requester who resubmits becomes the one who asked for the import (four eyes).
 */
@Component("packageEdits")
public class PackageEdits {

  static final String EDIT_FIRST = FerryVariables.EDIT_FIRST;

  private final FourEyes fourEyes;
  private final PackageKinds kinds;

  public PackageEdits(FourEyes fourEyes, PackageKinds kinds) {
    this.fourEyes = fourEyes;
    this.kinds = kinds;
  }

  /**
   * Complete listener of {@code request-import}: {@code editFirst} (edit before requesting) is true,
   * false or absent; anything else would fail the gateway that reads it.
   */
  public void checkEditFirst(DelegateTask task) {
    Object editFirst = task.getVariable(EDIT_FIRST);
    if (editFirst == null || editFirst instanceof Boolean) {
      return;
    }
    if ("true".equals(editFirst) || "false".equals(editFirst)) {
      task.getExecution().setVariable(EDIT_FIRST, Boolean.parseBoolean((String) editFirst));
      return;
    }
    throw new DecisionRefused(EDIT_FIRST, "'" + task.getName() + "' takes editFirst = true (edit the package before "
        + "asking for approval) or false; got " + Violation.quote(editFirst) + ".");
  }

  public void complete(DelegateTask task) {
    Object resubmit = task.getVariable(RESUBMIT);
    boolean again;
    if (resubmit instanceof Boolean choice) {
      again = choice;
    } else if ("true".equals(resubmit) || "false".equals(resubmit)) {
      again = Boolean.parseBoolean((String) resubmit);
      task.getExecution().setVariable(RESUBMIT, again);
    } else {
      throw new DecisionRefused(RESUBMIT, "'" + task.getName() + "' needs a choice: complete it with resubmit = true "
          + "(rebuild the package from your edit and ask for approval again) or resubmit = false (withdraw the "
          + "migration).");
    }
    if (!again) {
      return;
    }
    // Tasklist's form edits through a checklist and action lines: turn them into the edited rows
    Object keep = task.getVariable(FormEdit.KEEP);
    Object changes = task.getVariable(FormEdit.ACTION_CHANGES);
    PackageEdit offered = EditVariables.read(task.getExecution());
    boolean form = FormEdit.used(task.getVariable(FormEdit.CHOICES), keep, changes);
    if (form) {
      List<Violation> lines = new java.util.ArrayList<>();
      PackageEdit edited = FormEdit.apply(offered, keep, changes, lines);
      if (!lines.isEmpty()) {
        throw refused(lines);
      }
      task.getExecution().setVariable(EDIT_OBJECTS, edited.objectsVariable());
    }
    List<Violation> violations = violations(task.getExecution());
    if (!violations.isEmpty()) {
      throw refused(violations.stream().map(v -> new Violation(variable(v.field(), form), v.message())).toList());
    }
    fourEyes.recordRequester(task, IMPORT_REQUESTER);
  }

  private static DecisionRefused refused(List<Violation> violations) {
    return new DecisionRefused("The edit cannot be sent to the Library: " + violations.stream()
        .map(Violation::toString).collect(Collectors.joining("; ")), violations);
  }

  /**
   * The task variable behind a field of the edit rules ({@code name}, {@code objects[2].action}, as
   * Ferry REST names them): {@code editName}, {@code editObjects[2].action}; for an edit made in the
   * form, the checklist ({@code keepObjects}) and the action lines ({@code actionChanges}).
   */
  static String variable(String field, boolean form) {
    if (field.equals("name")) {
      return EDIT_NAME;
    }
    if (field.equals("objects")) {
      return form ? FormEdit.KEEP : EDIT_OBJECTS;
    }
    if (field.startsWith("objects[")) {
      return form && field.endsWith(".action") ? FormEdit.ACTION_CHANGES : EDIT_OBJECTS + field.substring(7);
    }
    return field;
  }

  /** Everything the Library's edit rules find wrong with the edit in these variables. */
  public List<Violation> violations(org.camunda.bpm.engine.delegate.VariableScope scope) {
    PackageKind kind = kinds.of(scope);
    List<Violation> state = EditRules.state(kind, Typed.PACKAGE_STATUS.getOrNull(scope));
    if (!state.isEmpty()) {
      return state;
    }
    String purpose = Typed.PURPOSE.getOrNull(scope);
    return EditRules.check(EditVariables.read(scope), kind, new java.util.LinkedHashSet<>(EditVariables.packages(scope)), purpose,
        !MigrationRequest.PROJECT_MERGE.equals(purpose));
  }

  /** The rebuild failed or timed out: the requester sees why in the edit form and can edit again. */
  public void rebuildFailed(DelegateExecution execution) {
    Object why = execution.getVariable(FAILURE_MESSAGE);
    StatusVariables.publish(execution, StatusVariables.of(FAILURE_MESSAGE, null));
    execution.setVariable(EDIT_REFUSAL, "The Library could not build the edited package: " + why);
  }
}
