package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.simulator.FailureMarkers.Phase;
import java.time.Instant;
import java.util.Set;

/**
 * One migration as one Library keeps it: the record {@code GET} returns, plus the phase that is
 * running (building, importing or undoing). Statuses are brought up to date from the clock by
 * {@link #refresh} before every read or change; a finished phase writes its outcome into the
 * record once and is dropped, so later changes (such as {@code locked}) are not overwritten.
 * Not thread-safe: its {@link SimulatedLibrary} serialises access.
 */
final class SimulatedMigration {

  private static final Set<String> IMPORT_REQUESTABLE = Set.of("pending", "rejected");
  /** A package can be imported again only if it never was, or the last import failed. */
  private static final Set<String> IMPORTABLE = Set.of("pending", "import_failed");

  private final ObjectNode record;
  private final Timings timings;
  private final String packageName;
  /** The text searched for failure markers: the package name, or more for a group's package. */
  private final String markers;
  private final boolean keepBoth;
  /** False when the import was asked not to generate an undo package ({@code generateUndo: false}). */
  private boolean generateUndo = true;
  private TimedPhase creation;
  private TimedPhase importing;
  private TimedPhase undoing;
  /** When the last phase to finish ended (by the clock of the phase, not of the read that saw it). */
  private Instant settledAt;
  /** The {@code storage.size} the creation writes; negative: one derived from the content. */
  private long storageSize = -1;

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
  }

  private void refreshCreation(Instant now) {
    ObjectNode packageInfo = packageInfo();
    packageInfo.put("progress", creation.progress(now));
    if (!creation.finished(now)) {
      packageInfo.put("status", "creating");
      return;
    }
    settledAt = creation.end();
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
    return summary;
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
    };
    return new TimedPhase(now, duration, FailureMarkers.outcome(markers, phase));
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
