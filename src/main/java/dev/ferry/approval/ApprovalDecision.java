package dev.ferry.approval;

import dev.ferry.engine.DecisionRefused;
import static dev.ferry.migration.FerryVariables.*;

import dev.ferry.migration.FerryVariables;
import dev.ferry.migration.PackageKinds;
import dev.ferry.engine.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Complete listener of {@code approve-import}. Reads the approver's decision, {@code decision} =
 * {@code approved}, {@code changesRequested} or {@code rejected} (automation may still send just
 * {@code approved = true/false}), and refuses what must not pass:
 * <ul>
 *   <li>a package sent back without a comment saying what to change;</li>
 *   <li>an uploaded package sent back: uploaded migrations cannot be edited;</li>
 *   <li>approving a package whose validation did not pass without {@code overrideValidation} and a
 *   comment; the override is kept as {@code validationOverride} and as a comment on the task;</li>
 *   <li>the requester approving their own request (four eyes).</li>
 * </ul>
 * It leaves {@code approved} for the calling migration and {@code approverComment} for the requester.
 */
@Component("approvalDecision")
public class ApprovalDecision {

  static final Set<String> DECISIONS = Set.of("approved", "changesRequested", "rejected");

  private final FourEyes fourEyes;
  private final PackageKinds kinds;

  public ApprovalDecision(FourEyes fourEyes, PackageKinds kinds) {
    this.fourEyes = fourEyes;
    this.kinds = kinds;
  }

  public void complete(DelegateTask task) {
    String decision = decision(task);
    String comment = text(task.getVariable(COMMENT));
    if ("changesRequested".equals(decision)) {
      Optional<String> refusal = kinds.of(task.getExecution()).sendBackRefusal();
      if (refusal.isPresent()) {
        throw new DecisionRefused(DECISION, refusal.get());
      }
      if (comment == null) {
        throw new DecisionRefused(COMMENT, "Say in the comment what the requester should change before you send the "
            + "package back.");
      }
    }
    boolean override = false;
    Object status = task.getVariable(VALIDATION_STATUS);
    String validation = status == null ? null : String.valueOf(status);
    if ("approved".equals(decision) && validation != null && !"validated".equals(validation)) {
      override = Boolean.TRUE.equals(task.getVariable(OVERRIDE_VALIDATION))
          || "true".equals(String.valueOf(task.getVariable(OVERRIDE_VALIDATION)));
      String failed = ("validation_failed".equals(validation)
          ? "The validation on the target failed" : "The package could not be validated on the target")
          + ": " + message(task);
      if (!override) {
        List<Violation> violations = new ArrayList<>();
        violations.add(new Violation(OVERRIDE_VALIDATION, "must be true to approve a package whose validation status "
            + "is '" + validation + "' (tick 'Approve despite the validation')."));
        if (comment == null) {
          violations.add(new Violation(COMMENT, "is required to approve despite the validation: say why."));
        }
        throw new DecisionRefused(failed + " An import that fails validation is likely to fail too. To approve "
            + "anyway, set overrideValidation (tick 'Approve despite the validation') and say why in the comment.",
            violations);
      }
      if (comment == null) {
        throw new DecisionRefused(COMMENT, "Approving despite the validation needs a reason: say why in the comment. ("
            + failed + ")");
      }
    }
    String approver = fourEyes.check(task, "importRequester");
    task.getExecution().setVariable(IMPORT_APPROVER, approver);
    task.getExecution().setVariable(DECISION, decision);
    task.getExecution().setVariable(APPROVED, "approved".equals(decision));
    task.getExecution().setVariable(APPROVER_COMMENT, "approved".equals(decision) ? null : comment);
    if (override) {
      String record = approver + " approved despite validation status '" + validation + "': " + comment;
      task.getExecution().setVariable(VALIDATION_OVERRIDE, record);
      task.getProcessEngineServices().getTaskService().createComment(task.getId(), task.getProcessInstanceId(), record);
    }
  }

  private static String decision(DelegateTask task) {
    Object decision = task.getVariable(DECISION);
    if (decision instanceof String text && !text.isBlank()) {
      if (!DECISIONS.contains(text)) {
        throw new DecisionRefused(DECISION, "'" + task.getName() + "' got decision " + Violation.quote(text)
            + "; it must be one of "
            + "approved, changesRequested, rejected.");
      }
      return text;
    }
    Object approved = task.getVariable(APPROVED);
    if (Boolean.TRUE.equals(approved) || "true".equals(approved)) {
      return "approved";
    }
    if (Boolean.FALSE.equals(approved) || "false".equals(approved)) {
      return Boolean.TRUE.equals(task.getVariable(FerryVariables.CHANGES_REQUESTED)) ? "changesRequested" : "rejected";
    }
    throw new DecisionRefused(DECISION, "'" + task.getName() + "' needs a decision: complete it with the variable "
        + "decision = approved, changesRequested or rejected (or approved = true or false).");
  }

  private static String message(DelegateTask task) {
    String message = text(task.getVariable(VALIDATION_MESSAGE));
    return message == null ? "the Library gave no reason." : message.endsWith(".") ? message : message + ".";
  }

  private static String text(Object value) {
    return value instanceof String text && !text.isBlank() ? text.strip() : null;
  }
}
