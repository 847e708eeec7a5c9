package dev.ferry.migration;

/**
 * The process variables of Ferry's models: the public status variables that Cockpit and
 * Tasklist show, and the few ids the delegates pass along. Never a credential or token.
 */
public final class MigrationVariables {

  public static final String REQUEST = "request";
  public static final String VALID = "valid";
  public static final String VIOLATIONS = "violations";

  public static final String PACKAGE_NAME = "packageName";
  public static final String PACKAGE_TYPE = "packageType";
  public static final String PURPOSE = "purpose";
  public static final String SOURCE_ENVIRONMENT = "sourceEnvironment";
  public static final String SOURCE_PROJECT_ID = "sourceProjectId";
  public static final String TARGET_ENVIRONMENT = "targetEnvironment";
  public static final String TARGET_PROJECT_ID = "targetProjectId";

  public static final String MIGRATION_ID = "migrationId";
  public static final String PACKAGE_ID = "packageId";
  public static final String PACKAGE_STATUS = "packageStatus";
  public static final String IMPORT_STATUS = "importStatus";
  public static final String PROGRESS = "progress";
  public static final String OUTCOME = "outcome";
  public static final String FAILURE_MESSAGE = "failureMessage";

  public static final String SUMMARY = "summary";
  public static final String OBJECT_COUNT = "objectCount";
  public static final String ACTION_COUNTS = "actionCounts";
  public static final String UNDO_POSSIBLE = "undoPossible";
  public static final String UNDO_WARNING = "undoWarning";
  public static final String UNDO_DEADLINE = "undoDeadline";
  /** A group's packages as the approver sees them (JSON rows). */
  public static final String PACKAGE_SUMMARIES = "packageSummaries";

  public static final String IMPORT_REQUESTER = "importRequester";
  public static final String IMPORT_APPROVER = "importApprover";
  public static final String UNDO_REQUESTER = "undoRequester";
  public static final String UNDO_APPROVER = "undoApprover";
  public static final String APPROVED = "approved";
  public static final String COMMENT = "comment";
  public static final String UNDO = "undo";

  /** The approver's choice at {@code approve-import}: {@code approved}, {@code changesRequested} or {@code rejected}. */
  public static final String DECISION = "decision";
  /** What the approver wrote when sending the package back or rejecting it, for the requester. */
  public static final String APPROVER_COMMENT = "approverComment";

  /** {@code validated}, {@code validation_failed}, {@code validating} or {@code not_validated} (Ferry could not validate). */
  public static final String VALIDATION_STATUS = "validationStatus";
  public static final String VALIDATION_MESSAGE = "validationMessage";
  /** Set by the approver to approve a package whose validation did not pass; needs a comment. */
  public static final String OVERRIDE_VALIDATION = "overrideValidation";
  /** Who approved despite the validation, and why: kept in history. */
  public static final String VALIDATION_OVERRIDE = "validationOverride";

  /** The edited package: its name and its objects (JSON rows with package, id, name, type, action, includeDependents). */
  public static final String EDIT_NAME = "editName";
  public static final String EDIT_OBJECTS = "editObjects";
  /** The package's settings as text for the edit form. */
  public static final String EDIT_SETTINGS = "editSettings";
  /** Why the last edit was refused or its rebuild failed, shown in the edit form. */
  public static final String EDIT_REFUSAL = "editRefusal";
  public static final String RESUBMIT = "resubmit";
  /** How many edits the Library has taken for this migration. */
  public static final String EDIT_COUNT = "editCount";

  private MigrationVariables() {
  }
}
