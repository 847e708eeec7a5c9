package dev.ferry.migration;

import static dev.ferry.engine.ProcessVariable.date;
import static dev.ferry.engine.ProcessVariable.longValue;
import static dev.ferry.engine.ProcessVariable.string;

import dev.ferry.engine.ProcessVariable;
import java.util.Date;

/**
 * The names of every process variable of Ferry's models, in one place, grouped by step: the public
 * status variables that Cockpit and Tasklist show, the fields of the forms (a test checks that every
 * form field is one of these), and the few ids the delegates pass along. Never a credential or token.
 * {@link Typed} reads and writes them with their type.
 */
public final class FerryVariables {

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
  /** The older way to send back: {@code approved = false} with {@code changesRequested = true}. */
  public static final String CHANGES_REQUESTED = "changesRequested";
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

  /** What the instance moves: {@code migration}, {@code group} or {@code transfer} (see {@code PackageKind}). */
  public static final String KIND = "kind";
  /** A group's packages (JSON rows: project, type, package and import status, progress, message). */
  public static final String PACKAGES = "packages";

  // ---- edit-package: the edit form ----
  /** For a group: the package labels the edited rows must name (JSON list). */
  public static final String EDIT_PACKAGES = "editPackages";
  /** The edit form's checklist: the objects to keep. */
  public static final String KEEP_OBJECTS = "keepObjects";
  /** The checklist's values and labels, one per object. */
  public static final String EDIT_CHOICES = "editChoices";
  /** The edit form's action lines ("id: action"). */
  public static final String ACTION_CHANGES = "actionChanges";
  /** At {@code request-import}: edit the package before asking for approval. */
  public static final String EDIT_FIRST = "editFirst";

  // ---- patchImportInfo: the activity's inputs ----
  public static final String PATCH_FIELD = "field";
  public static final String PATCH_VALUE = "value";
  /** {@code source} or {@code target}. */
  public static final String PATCH_ON = "on";

  // ---- library-poll: the polling loop ----
  /** Which status check the loop makes ({@code package-created}, {@code import-finished}, …). */
  public static final String CHECK = "check";
  /** {@code done}, {@code failed}, {@code timed_out} or {@code waiting}, for the loop's gateway. */
  public static final String POLL_OUTCOME = "pollOutcome";
  public static final String POLL_INTERVAL = "pollInterval";
  public static final String POLL_DEADLINE = "pollDeadline";
  public static final String POLL_COUNT = "pollCount";
  public static final String POLL_TRACK = "pollTrack";

  // ---- package-transfer ----


  public static final String SOURCE_MIGRATION_ID = "sourceMigrationId";
  public static final String SOURCE_PACKAGE_ID = "sourcePackageId";
  public static final String STORED_PACKAGE = "storedPackage";
  public static final String PACKAGE_SIZE = "packageSize";
  public static final String PACKAGE_SHA256 = "packageSha256";
  public static final String FILE_ID = "fileId";

  // ---- the import queue ----


  /** Place in line for the target (1 = next); absent when the migration does not wait. */
  public static final String QUEUE_POSITION = "queuePosition";
  /** Why it waits, e.g. "waiting for CHG-1042 (importing, 40 %)"; absent when it does not. */
  public static final String QUEUE_MESSAGE = "queueMessage";
  /** The last try's result for the model's gateway: {@code granted}, {@code scheduled} or {@code busy}. */
  public static final String QUEUE_STATE = "queueState";
  /** When the next try runs (the wait's timer). */
  public static final String QUEUE_NEXT_TRY = "queueNextTry";
  /** Chosen by the approver in {@code approve-import}: the import starts no earlier (ISO date-time or a Date). */
  public static final String IMPORT_AT = "importAt";
  /** For the approval form: how busy the target is and when an import approved now would start. */
  public static final String IMPORT_FORECAST = "importForecast";
  /** In {@code queue-slot}: which queue it waits in ({@code validations}, {@code creations}). */
  public static final String QUEUE = "queue";
  /** In {@code queue-slot}: the calling instance that holds the slot once granted. */
  public static final String QUEUE_HOLDER = "queueHolder";
  /** In {@code queue-slot}: the environment whose queue it waits in (the source or the target). */
  public static final String QUEUE_ENVIRONMENT = "environment";
  /** An operator's intervention in the queue (move up, release), kept in history. */
  public static final String QUEUE_INTERVENTION = "queueIntervention";

  // ---- notification ----
  public static final String NOTIFICATION_CHANNEL = "notificationChannel";
  public static final String RECIPIENTS = "recipients";
  public static final String SUBJECT = "subject";
  public static final String TEXT = "text";
  public static final String EVENT = "event";
  public static final String WEBHOOK_ENVIRONMENT = "webhookEnvironment";
  public static final String LINK = "link";

  /** The variables Ferry's code reads, with their types: no raw casts. */
  public static final class Typed {
    public static final ProcessVariable<String> QUEUE = string(FerryVariables.QUEUE);
    public static final ProcessVariable<String> QUEUE_HOLDER = string(FerryVariables.QUEUE_HOLDER);
    public static final ProcessVariable<String> QUEUE_ENVIRONMENT = string(FerryVariables.QUEUE_ENVIRONMENT);

    public static final ProcessVariable<String> KIND = string(FerryVariables.KIND);
    public static final ProcessVariable<String> PACKAGE_NAME = string(FerryVariables.PACKAGE_NAME);
    public static final ProcessVariable<String> PACKAGE_TYPE = string(FerryVariables.PACKAGE_TYPE);
    public static final ProcessVariable<String> PURPOSE = string(FerryVariables.PURPOSE);
    public static final ProcessVariable<String> SOURCE_ENVIRONMENT = string(FerryVariables.SOURCE_ENVIRONMENT);
    public static final ProcessVariable<String> SOURCE_PROJECT_ID = string(FerryVariables.SOURCE_PROJECT_ID);
    public static final ProcessVariable<String> TARGET_ENVIRONMENT = string(FerryVariables.TARGET_ENVIRONMENT);
    public static final ProcessVariable<String> TARGET_PROJECT_ID = string(FerryVariables.TARGET_PROJECT_ID);

    public static final ProcessVariable<String> MIGRATION_ID = string(FerryVariables.MIGRATION_ID);
    public static final ProcessVariable<String> PACKAGE_ID = string(FerryVariables.PACKAGE_ID);
    public static final ProcessVariable<String> PACKAGE_STATUS = string(FerryVariables.PACKAGE_STATUS);
    public static final ProcessVariable<String> OUTCOME = string(FerryVariables.OUTCOME);
    public static final ProcessVariable<String> FAILURE_MESSAGE = string(FerryVariables.FAILURE_MESSAGE);

    public static final ProcessVariable<String> PATCH_FIELD = string(FerryVariables.PATCH_FIELD);
    public static final ProcessVariable<String> PATCH_VALUE = string(FerryVariables.PATCH_VALUE);

    public static final ProcessVariable<Date> POLL_DEADLINE = date(FerryVariables.POLL_DEADLINE);

    public static final ProcessVariable<String> SOURCE_MIGRATION_ID = string(FerryVariables.SOURCE_MIGRATION_ID);
    public static final ProcessVariable<String> SOURCE_PACKAGE_ID = string(FerryVariables.SOURCE_PACKAGE_ID);
    public static final ProcessVariable<String> STORED_PACKAGE = string(FerryVariables.STORED_PACKAGE);
    public static final ProcessVariable<Long> PACKAGE_SIZE = longValue(FerryVariables.PACKAGE_SIZE);
    public static final ProcessVariable<String> PACKAGE_SHA256 = string(FerryVariables.PACKAGE_SHA256);
    public static final ProcessVariable<String> FILE_ID = string(FerryVariables.FILE_ID);

    public static final ProcessVariable<String> RECIPIENTS = string(FerryVariables.RECIPIENTS);
    public static final ProcessVariable<String> SUBJECT = string(FerryVariables.SUBJECT);
    public static final ProcessVariable<String> TEXT = string(FerryVariables.TEXT);
    public static final ProcessVariable<String> EVENT = string(FerryVariables.EVENT);
    public static final ProcessVariable<String> WEBHOOK_ENVIRONMENT = string(FerryVariables.WEBHOOK_ENVIRONMENT);
    public static final ProcessVariable<String> LINK = string(FerryVariables.LINK);

    private Typed() {
    }
  }

  private FerryVariables() {
  }
}
