package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.simulator.FailureMarkers.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * One migration as one Library keeps it: the record {@code GET} returns, plus the phase that is
 * running (building, importing or undoing). Statuses are brought up to date from the clock by
 * {@link #refresh} before every read or change; a finished phase writes its outcome into the
 * record once and is dropped, so later changes (such as {@code locked}) are not overwritten.
 * Not thread-safe: its {@link SimulatedLibrary} serialises access.
 *
 * <p><b>Validation</b> (on the source): {@code PATCH {"validation": {"status": "validating"}}}
 * adds a {@code validation} part to the record. It stays {@code validating} until the target has
 * started validating ({@code PUT /api/migrations/{id}/validation}, written to the simulator's
 * {@link ValidationBoard}) and the {@code validation-duration} has passed since that start; then
 * it is {@code validated} (progress 100) or, with {@code fail-validation} in the package name,
 * {@code validation_failed} (progress 0, as documented) with a message naming the object that
 * conflicts; {@code stall-validation} keeps it {@code validating} for ever.
 *
 * <p><b>Edit</b> (on the source): {@link #edit} rebuilds the package in place, as a create
 * does, with the same ids and import part; the validation is dropped, the package must be
 * validated again.
 */
final class SimulatedMigration {

  private static final Set<String> IMPORT_REQUESTABLE = Set.of("pending", "rejected");
  /** A package can be imported again only if it never was, or the last import failed. */
  private static final Set<String> IMPORTABLE = Set.of("pending", "import_failed");
  /** An edit needs the package built (or failed to build) and its import not asked for or rejected. */
  private static final Set<String> EDITABLE_PACKAGE = Set.of("created", "create_failed");
  private static final Set<String> EDITABLE_REQUEST = Set.of("pending", "rejected");

  private final ObjectNode record;
  private final Timings timings;
  private String packageName;
  /** The text searched for failure markers: the package name, or more for a group's package. */
  private String markers;
  private boolean keepBoth;
  /** False when the import was asked not to generate an undo package ({@code generateUndo: false}). */
  private boolean generateUndo = true;
  private TimedPhase creation;
  private TimedPhase importing;
  /** The last import run here, kept after it settles (importing is cleared then): the import journal. */
  private TimedPhase importRun;
  private TimedPhase undoing;
  /** When the last phase to finish ended (by the clock of the phase, not of the read that saw it). */
  private Instant settledAt;
  /** The {@code storage.size} the creation writes; negative: one derived from the content. */
  private long storageSize = -1;
  /** Where the target reports its validation start, while the record shows {@code validating}; else null. */
  private ValidationBoard validationBoard;
  /** When the source was told the validation began ({@code PATCH validating}). */
  private Instant validationRequested;
  /** Each step's start, end and first GET that showed its end, for benchmarks ({@code GET /simulator/journal}). */
  private final List<StepRecord> journal = new ArrayList<>();
  /** The journal's record of the validation under way, from the moment the target started it; else null. */
  private StepRecord validationStep;

  /** One step of the journal; {@code end} and {@code seen} are null until known. */
  static final class StepRecord {
    final String step;
    final Instant start;
    Instant end;
    Instant seen;
    /** GETs of the record from the step's start to the first that showed its end, that one included. */
    int looks;

    StepRecord(String step, Instant start, Instant end, Instant seen) {
      this.step = step;
      this.start = start;
      this.end = end;
      this.seen = seen;
    }
  }

  private SimulatedMigration(ObjectNode record, Timings timings, String markers) {
    this.record = record;
    this.timings = timings;
    this.packageName = packageInfo().path("name").asText("");
    this.markers = markers == null ? packageName : markers;
    this.keepBoth = ConflictRules.keepBothIn(packageInfo());
  }

  /** A package being built here, on the source. */
  static SimulatedMigration creating(ObjectNode record, Timings timings, Instant now) {
    SimulatedMigration migration = new SimulatedMigration(record, timings, null);
    migration.creation = migration.phase(Phase.CREATE, now);
    return migration;
  }

  /**
   * A package being built here whose binary will have {@code storageSize} bytes, so that
   * {@code storage.size} is what {@code GET /api/migrations/packages/{id}/binary} streams.
   */
  static SimulatedMigration creating(ObjectNode record, Timings timings, Instant now, long storageSize) {
    SimulatedMigration migration = creating(record, timings, now);
    migration.storageSize = storageSize;
    return migration;
  }

  /** A package built elsewhere, being imported here, on the target. */
  static SimulatedMigration importing(ObjectNode record, Timings timings, Instant now) {
    SimulatedMigration migration = new SimulatedMigration(record, timings, null);
    migration.importing = migration.phase(Phase.IMPORT, now);
    migration.importRun = migration.importing;
    return migration;
  }

  /**
   * A package of a migration group: nothing runs until the group starts a phase with
   * {@link #start}, because a group works through its packages one after another.
   * {@code markers} is the text searched for failure markers (see {@link SimulatedGroup}).
   */
  static SimulatedMigration groupPackage(ObjectNode record, Timings timings, String markers) {
    return new SimulatedMigration(record, timings, markers);
  }

  String id() {
    return record.path("id").asText();
  }

  /** The import running or run here, if any: its start and, unless it stalls, its end. */
  java.util.Optional<TimedPhase> importPhase() {
    return java.util.Optional.ofNullable(importRun);
  }

  String name() {
    return record.at("/packageInfo/name").asText();
  }

  /** Starts building, importing or undoing at {@code at}, which may lie before the next read. */
  void start(Phase phase, Instant at) {
    switch (phase) {
      case CREATE -> {
        creation = phase(Phase.CREATE, at);
        packageInfo().put("status", "creating");
        packageInfo().put("progress", 0);
        packageInfo().put("lastUpdatedDate", LibraryTime.timestamp(at));
      }
      case IMPORT -> {
        importing = phase(Phase.IMPORT, at);
        importRun = importing;
        importInfo().put("status", "importing");
        importInfo().put("progress", 0);
        importInfo().put("lastUpdatedDate", LibraryTime.timestamp(at));
      }
      case UNDO -> {
        undoing = phase(Phase.UNDO, at);
        importInfo().put("status", "undoing");
        importInfo().put("progress", 0);
        importInfo().put("lastUpdatedDate", LibraryTime.timestamp(at));
      }
      case VALIDATION -> throw new IllegalArgumentException("A validation is started by the target, not in turn");
    }
  }

  /** True while a phase runs (a stalled phase runs for ever); call {@link #refresh} first. */
  boolean running() {
    return creation != null || importing != null || undoing != null;
  }

  /** When the last finished phase ended; null if none has. */
  Instant settledAt() {
    return settledAt;
  }

  String packageStatus() {
    return packageInfo().path("status").asText();
  }

  /** The import request: {@code pending}, {@code requested}, {@code approved} or {@code rejected}. */
  String importRequestStatus() {
    return importInfo().path("importRequestStatus").asText();
  }

  /** {@code generateUndo: false} on the import: it leaves no undo package. Call before the import finishes. */
  void withoutUndoPackage() {
    generateUndo = false;
  }

  boolean keepBoth() {
    return keepBoth;
  }

  /** Whether the finished import left an undo package (none for keep_both or {@code generateUndo: false}). */
  boolean hasUndoPackage() {
    return importInfo().path("undoStorage").has("path");
  }

  /** The package is frozen for import ({@code importRequestStatus: approved}). */
  void lock(Instant now) {
    packageInfo().put("status", "locked");
    packageInfo().put("lastUpdatedDate", LibraryTime.timestamp(now));
  }

  String packageName() {
    return packageName;
  }

  /** {@code packageInfo.storage}: {@code size} and {@code path} once built; empty before. */
  JsonNode storage() {
    return packageInfo().path("storage");
  }

  String packageId() {
    return packageInfo().path("id").asText();
  }

  /** {@code packageInfo.purpose}; a package created without one is an {@code object_migration}. */
  String purpose() {
    String purpose = packageInfo().path("purpose").asText("");
    return purpose.isEmpty() ? "object_migration" : purpose;
  }

  /** Whether a PUT may (re)import this id here; refused while importing, once imported, or after an undo. */
  boolean importable() {
    return IMPORTABLE.contains(importStatus());
  }

  String importStatus() {
    return importInfo().path("status").asText();
  }

  void refresh(Instant now) {
    if (creation != null) {
      refreshCreation(now);
    }
    if (importing != null) {
      refreshImport(now);
    }
    if (undoing != null) {
      refreshUndo(now);
    }
    if (validationBoard != null) {
      refreshValidation(now);
    }
  }

  private void refreshCreation(Instant now) {
    ObjectNode packageInfo = packageInfo();
    packageInfo.put("progress", creation.progress(now));
    if (!creation.finished(now)) {
      packageInfo.put("status", "creating");
      return;
    }
    settledAt = creation.end();
    ended(creation.end());
    packageInfo.put("lastUpdatedDate", LibraryTime.timestamp(creation.end()));
    if (creation.failed(now)) {
      packageInfo.put("status", "create_failed");
      packageInfo.put("message", "Package creation failed: object '" + firstObjectName()
          + "' could not be serialized (simulated)");
    } else {
      packageInfo.put("status", "created");
      ObjectNode storage = packageInfo.putObject("storage");
      storage.put("size", storageSize >= 0 ? storageSize : packageSize());
      storage.put("path", "mstr/shared/migrations/packages/" + LibraryTime.day(creation.start()) + "/"
          + RandomIds.objectId() + ".mmp");
    }
    creation = null;
  }

  private void refreshImport(Instant now) {
    ObjectNode importInfo = importInfo();
    importInfo.put("progress", importing.progress(now));
    if (!importing.finished(now)) {
      importInfo.put("status", "importing");
      return;
    }
    settledAt = importing.end();
    ended(importing.end());
    importInfo.put("lastUpdatedDate", LibraryTime.timestamp(importing.end()));
    if (importing.failed(now)) {
      importInfo.put("status", "import_failed");
      importInfo.put("message", "Import failed: object '" + firstObjectName()
          + "' conflicts with a locked object in the target project (simulated)");
    } else {
      importInfo.put("status", "imported");
      if (!keepBoth && generateUndo) {
        ObjectNode undoStorage = importInfo.putObject("undoStorage");
        undoStorage.put("size", 205 + packageSize() / 10);
        undoStorage.put("path", "mstr/shared/migrations/undo/" + packageId() + "/" + importInfo.path("id").asText()
            + ".mmp");
      }
    }
    importing = null;
  }

  private void refreshUndo(Instant now) {
    ObjectNode importInfo = importInfo();
    importInfo.put("progress", undoing.progress(now));
    if (!undoing.finished(now)) {
      importInfo.put("status", "undoing");
      return;
    }
    settledAt = undoing.end();
    ended(undoing.end());
    importInfo.put("lastUpdatedDate", LibraryTime.timestamp(undoing.end()));
    if (undoing.failed(now)) {
      importInfo.put("status", "undo_failed");
      importInfo.put("message", "Undo failed: the undo package could not be applied to project '"
          + projectName() + "' (simulated)");
    } else {
      importInfo.put("status", "undo_success");
    }
    undoing = null;
  }

  /** Reads the target's start from the board; once the duration has passed, shows the outcome and takes the entry off. */
  private void refreshValidation(Instant now) {
    ObjectNode validation = (ObjectNode) record.get("validation");
    var started = validationBoard.startedAt(id());
    if (started.isEmpty()) {
      return; // the target has not started yet: validating, progress 0
    }
    if (validationStep == null) {
      validationStep = new StepRecord("validation", started.get(), null, null);
      journal.add(validationStep);
    }
    TimedPhase phase = new TimedPhase(started.get(), timings.validation(),
        FailureMarkers.outcome(markers, Phase.VALIDATION), timings.curve());
    validation.put("progress", phase.progress(now));
    if (!phase.finished(now)) {
      return;
    }
    Instant end = phase.end().isBefore(validationRequested) ? validationRequested : phase.end();
    validation.put("lastUpdatedDate", LibraryTime.timestamp(end));
    validationStep.end = end;
    validationStep = null;
    if (phase.failed(now)) {
      validation.put("status", "validation_failed");
      validation.put("progress", 0); // as the documented sample shows it
      validation.put("message", validationFailure());
    } else {
      validation.put("status", "validated");
      validation.put("progress", 100);
    }
    validationBoard.clear(id());
    validationBoard = null;
  }

  private String validationFailure() {
    JsonNode first = packageInfo().path("tocView").path("content").path(0);
    String objectId = first.path("id").asText("?");
    JsonNode environment = importInfo().path("environment");
    String target = environment.path("name").asText(environment.path("id").asText("?"));
    String where = PackageType.ofProject(packageInfo().path("type").asText())
        ? "project '" + projectName() + "' of the target environment '" + target + "'"
        : "the configuration of the target environment '" + target + "'";
    return "Validation failed: object '" + firstObjectName() + "' (" + objectId + ") conflicts with an object of the "
        + "same name in another folder of " + where + "; change its conflict action or rename it, then edit the "
        + "migration and validate it again (simulated)";
  }

  /** {@code importRequestStatus: requested}: someone asks for the built package to be imported. */
  void requestImport(Instant now) {
    String packageStatus = packageInfo().path("status").asText();
    String request = importInfo().path("importRequestStatus").asText();
    if (!"created".equals(packageStatus) || !IMPORT_REQUESTABLE.contains(request)) {
      throw refused("request the import", "package status '" + packageStatus + "', import request '" + request + "'",
          "package status 'created' and import request 'pending' or 'rejected'");
    }
    setImportInfo("importRequestStatus", "requested", now);
  }

  /** {@code importRequestStatus: approved}: the package is frozen ({@code locked}) for import. */
  void approveImport(Instant now) {
    requireImportRequested("approve the import");
    setImportInfo("importRequestStatus", "approved", now);
    packageInfo().put("status", "locked");
    packageInfo().put("lastUpdatedDate", LibraryTime.timestamp(now));
  }

  void rejectImport(Instant now) {
    requireImportRequested("reject the import");
    setImportInfo("importRequestStatus", "rejected", now);
  }

  /** {@code undoRequestStatus: requested}, on the target, once the import left an undo package. */
  void requestUndo(Instant now) {
    String status = importStatus();
    if (!"imported".equals(status)) {
      throw refused("request an undo", "import status '" + status + "'", "import status 'imported'");
    }
    if (keepBoth || !importInfo().path("undoStorage").has("path")) {
      throw SimulatorError.invalidInput("Undo is impossible for migration " + id() + ": the package uses the "
          + "'keep_both' conflict rule, so the import generated no undo package");
    }
    String request = importInfo().path("undoRequestStatus").asText();
    if (!"pending".equals(request)) {
      throw refused("request an undo", "undo request '" + request + "'", "undo request 'pending'");
    }
    setImportInfo("undoRequestStatus", "requested", now);
  }

  /** {@code undoRequestStatus: approved}: starts the undo, which must name the target project. */
  void approveUndo(String projectId, Instant now) {
    String request = importInfo().path("undoRequestStatus").asText();
    if (!"requested".equals(request)) {
      throw refused("approve the undo", "undo request '" + request + "'", "undo request 'requested'");
    }
    if (PackageType.ofProject(packageInfo().path("type").asText()) && (projectId == null || projectId.isBlank())) {
      throw SimulatorError.invalidInput("X-MSTR-ProjectID header (the target project) is required to approve the undo "
          + "of a project package");
    }
    setImportInfo("undoRequestStatus", "approved", now);
    importInfo().put("status", "undoing");
    importInfo().put("progress", 0);
    undoing = phase(Phase.UNDO, now);
  }

  /**
   * {@code PATCH {"importInfo": {"environment": …, "project": …}}} on the source: names the target
   * before a validation; {@code project} is optional. Only while the package is {@code created}.
   */
  void setImportTarget(JsonNode patch, Instant now) {
    requireCreated("change the target environment");
    JsonNode environment = patch.path("environment");
    if (!environment.isObject() || text(environment, "id") == null) {
      throw SimulatorError.invalidInput("importInfo.environment.id is required: give the id (the environment URL) "
          + "and name of the target environment");
    }
    JsonNode project = patch.path("project");
    if (!project.isMissingNode() && !project.isNull() && (!project.isObject() || text(project, "id") == null)) {
      throw SimulatorError.invalidInput("importInfo.project.id is required when importInfo.project is sent: give "
          + "the id and name of the target project, or leave importInfo.project out");
    }
    importInfo().set("environment", environment.deepCopy());
    if (project.isObject()) {
      importInfo().set("project", project.deepCopy());
    }
    importInfo().put("lastUpdatedDate", LibraryTime.timestamp(now));
  }

  /**
   * {@code PATCH {"validation": {"status": "validating"}}} on the source: the target has been (or
   * is about to be) asked to validate; the outcome appears once the target's validation has run
   * (see the class comment). Only while the package is {@code created}; a new validation replaces
   * the result of an earlier one.
   */
  void startValidation(JsonNode validation, ValidationBoard board, Instant now) {
    if (!validation.isObject()) {
      throw SimulatorError.invalidInput("validation must be an object: {\"validation\": {\"status\": \"validating\"}}");
    }
    String status = validation.path("status").asText("");
    if (!"validating".equals(status)) {
      throw SimulatorError.invalidInput("validation.status '" + status + "' cannot be set: a client sets only "
          + "'validating' (to tell the source the target's validation began); 'validated' and 'validation_failed' "
          + "are set by the Library");
    }
    requireCreated("start the validation");
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    state.put("status", "validating");
    state.put("progress", 0);
    state.put("creationDate", LibraryTime.timestamp(now));
    state.put("lastUpdatedDate", LibraryTime.timestamp(now));
    state.put("message", "");
    setBeforeVersion("validation", state);
    validationBoard = board;
    validationRequested = now;
  }

  /**
   * {@code PUT /api/migrations/{id}/packageInfo} on the source: rebuilds the package as a create
   * does ({@code creating}, then {@code created} or {@code create_failed} after the create
   * duration, by the failure markers of the NEW name). Name, content and tree view are replaced,
   * each object completed as the Library writes it ({@link PackageContent#completed}); the
   * {@code version} goes up by one; ids and the import part stay; the validation is dropped.
   * {@code sizeOfName} gives the {@code storage.size} the new build will have. Answers
   * {@code {"id": packageId, "status": "creating", "progress": 0.0}}.
   */
  ObjectNode edit(JsonNode body, Instant now, ToLongFunction<String> sizeOfName, ValidationBoard board) {
    ObjectNode packageInfo = packageInfo();
    if (SharedFileImport.PURPOSE.equals(packageInfo.path("purpose").asText())) {
      throw SimulatorError.invalidInput("Cannot edit migration " + id() + ": it was uploaded to the shared file store "
          + "(purpose '" + SharedFileImport.PURPOSE + "'), and uploaded migrations cannot be edited; edit the migration "
          + "in the environment it was created in and upload it again");
    }
    if (packageInfo.path("replicated").asBoolean(false)) {
      throw SimulatorError.invalidInput("Cannot edit migration " + id() + ": it is a replica imported here from its "
          + "source environment; edit it in the source environment");
    }
    String status = packageStatus();
    String request = importRequestStatus();
    if (!EDITABLE_PACKAGE.contains(status) || !EDITABLE_REQUEST.contains(request)) {
      String hint = "creating".equals(status) ? " (wait until the package is built)"
          : "requested".equals(request) ? " (reject the import request first)"
          : "approved".equals(request) ? " (an approved migration can no longer be edited)" : "";
      throw refused("edit the package", "package status '" + status + "' and import request '" + request + "'",
          "package status 'created' or 'create_failed' and import request 'pending' or 'rejected'" + hint);
    }
    PackageEdit edit = PackageEdit.of(body, packageInfo);

    packageInfo.put("name", edit.name());
    packageInfo.put("lastUpdatedDate", LibraryTime.timestamp(now));
    packageInfo.putObject("storage"); // written again once the package is rebuilt
    packageInfo.put("status", "creating");
    packageInfo.put("message", "");
    packageInfo.put("progress", 0);
    packageInfo.set("tocView", PackageContent.completed(edit.tocView(), packageInfo.path("tocView"),
        packageInfo.path("type").asText(), now));
    if (edit.treeView() != null) {
      packageInfo.set("treeView", edit.treeView().deepCopy());
    } else {
      packageInfo.remove("treeView"); // it described the old content
    }
    record.put("version", String.valueOf(version() + 1));
    dropValidation(board);
    packageName = edit.name();
    markers = packageName;
    keepBoth = ConflictRules.keepBothIn(packageInfo);
    storageSize = sizeOfName.applyAsLong(packageName);
    settledAt = null;
    creation = phase(Phase.CREATE, now);

    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("id", packageId());
    answer.put("status", "creating");
    answer.put("progress", 0.0);
    return answer;
  }

  /** Forgets the validation, here and on the board: the package has to be validated again. */
  private void dropValidation(ValidationBoard board) {
    record.remove("validation");
    board.clear(id());
    validationBoard = null;
    validationRequested = null;
    if (validationStep != null) {
      journal.remove(validationStep); // it never ended
      validationStep = null;
    }
  }

  private void ended(Instant end) {
    for (int i = journal.size() - 1; i >= 0; i--) {
      if (journal.get(i).end == null) {
        journal.get(i).end = end;
        return;
      }
    }
  }

  /** A GET showed the record at {@code now}: a look at each step not seen yet; those that had ended are now seen. */
  void seen(Instant now) {
    for (StepRecord record : journal) {
      if (record.seen == null) {
        record.looks++;
        if (record.end != null) {
          record.seen = now;
        }
      }
    }
  }

  /** The journal as JSON: {@code {"id", "name", "steps": [{"step", "start", "end", "seen", "looks"}]}}, epoch ms. */
  ObjectNode journal() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", id());
    node.put("name", packageName);
    var steps = node.putArray("steps");
    for (StepRecord record : journal) {
      ObjectNode step = steps.addObject();
      step.put("step", record.step);
      step.put("start", record.start.toEpochMilli());
      if (record.end != null) {
        step.put("end", record.end.toEpochMilli());
      }
      if (record.seen != null) {
        step.put("seen", record.seen.toEpochMilli());
      }
      step.put("looks", record.looks);
    }
    return node;
  }

  /** The record with live statuses; {@code packageInfo.tocView} and {@code treeView} only when asked for. */
  ObjectNode view(boolean showContent) {
    ObjectNode view = record.deepCopy();
    if (!showContent && view.path("packageInfo").isObject()) {
      ((ObjectNode) view.get("packageInfo")).remove(Set.of("tocView", "treeView"));
    }
    return view;
  }

  /** The short answer of POST, PATCH and PUT. */
  ObjectNode summary() {
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("id", id());
    ObjectNode packageInfo = summary.putObject("packageInfo");
    copy(packageInfo(), packageInfo, "id", "status", "progress");
    ObjectNode importInfo = summary.putObject("importInfo");
    copy(importInfo(), importInfo, "id", "status", "importRequestStatus", "undoRequestStatus", "progress");
    if (record.path("validation").isObject()) {
      copy(record.get("validation"), summary.putObject("validation"), "status", "progress");
    }
    return summary;
  }

  private void requireCreated(String action) {
    String status = packageStatus();
    if (!"created".equals(status)) {
      throw refused(action, "package status '" + status + "'", "package status 'created'");
    }
  }

  private int version() {
    try {
      return Integer.parseInt(record.path("version").asText("1"));
    } catch (NumberFormatException notANumber) {
      return 1;
    }
  }

  /** Sets {@code field} where the documented record has it: after {@code importInfo}, before {@code version}. */
  private void setBeforeVersion(String field, JsonNode value) {
    record.remove(field);
    List<Map.Entry<String, JsonNode>> after = new ArrayList<>();
    boolean seenImportInfo = false;
    for (Map.Entry<String, JsonNode> entry : record.properties()) {
      if (seenImportInfo) {
        after.add(Map.entry(entry.getKey(), entry.getValue()));
      }
      seenImportInfo |= entry.getKey().equals("importInfo");
    }
    after.forEach(entry -> record.remove(entry.getKey()));
    record.set(field, value);
    after.forEach(entry -> record.set(entry.getKey(), entry.getValue()));
  }

  private void requireImportRequested(String action) {
    String request = importInfo().path("importRequestStatus").asText();
    if (!"requested".equals(request)) {
      throw refused(action, "import request '" + request + "'", "import request 'requested'");
    }
  }

  private SimulatorError refused(String action, String state, String needed) {
    return SimulatorError.invalidInput(
        "Cannot " + action + " of migration " + id() + ": it has " + state + "; this needs " + needed);
  }

  private void setImportInfo(String field, String value, Instant now) {
    importInfo().put(field, value);
    importInfo().put("lastUpdatedDate", LibraryTime.timestamp(now));
  }

  private TimedPhase phase(Phase phase, Instant now) {
    var duration = switch (phase) {
      case CREATE -> timings.create();
      case IMPORT -> timings.importing();
      case UNDO -> timings.undo();
      case VALIDATION -> timings.validation();
    };
    TimedPhase timed = new TimedPhase(now, duration, FailureMarkers.outcome(markers, phase), timings.curve());
    journal.add(new StepRecord(phase.name().toLowerCase(java.util.Locale.ROOT), now, null, null));
    return timed;
  }

  private String firstObjectName() {
    JsonNode first = packageInfo().path("tocView").path("content").path(0);
    String name = text(first, "name");
    return name != null ? name : first.path("id").asText(packageName);
  }

  private String projectName() {
    JsonNode project = importInfo().path("project");
    return project.path("name").asText(project.path("id").asText("?"));
  }

  /** A plausible, stable size: larger packages for more content. */
  private long packageSize() {
    return 2048L + 37L * packageInfo().path("tocView").toString().length();
  }

  private ObjectNode packageInfo() {
    return (ObjectNode) record.get("packageInfo");
  }

  private ObjectNode importInfo() {
    return (ObjectNode) record.get("importInfo");
  }

  private static void copy(JsonNode from, ObjectNode into, String... fields) {
    for (String field : fields) {
      if (from.has(field)) {
        into.set(field, from.get(field).deepCopy());
      }
    }
  }
}
