package dev.ferry.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.simulator.FailureMarkers.Phase;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One migration group as one Library keeps it: the group fields plus its packages, each a
 * {@link SimulatedMigration} with the same timed phases, failure markers and keep_both rule as a
 * single migration. Not thread-safe: its {@link SimulatedLibrary} serialises access.
 *
 * <p><b>Timing.</b> The Library works through the packages ONE AFTER ANOTHER, in the order of
 * the request (configuration package first), as the documentation shows: after POST the first
 * package is {@code creating} and the others {@code empty}; after PUT the first is
 * {@code importing} and the others {@code pending}; after the undo is approved the first is
 * {@code undoing} and the others still {@code imported}. Each package takes the configured
 * create/import/undo duration and starts the instant the previous one finished.
 *
 * <p><b>Fail fast.</b> Once a package is {@code create_failed} (or {@code import_failed}), the
 * packages after it are not started and stay {@code empty} (or {@code pending}). An undo does not
 * fail fast: a package whose undo fails does not stop the undo of the others.
 *
 * <p><b>Failure markers</b> ({@code fail-create}, {@code fail-import}, {@code fail-undo},
 * {@code stall-*}, any case) are looked for, per package, in the group {@code name}, in the
 * {@code packageInfo.name} the caller sent for that package on POST (the Library replaces it with
 * the group name, so this one works for creation only), and in the package's
 * {@code packageInfo.project.name} and {@code importInfo.project.name}. A marker in the group
 * name hits every package; fail fast then stops the group at its first package.
 *
 * <p><b>Edit.</b> {@code PUT /api/migrationGroups/{id}} on the source that created the group
 * ({@link GroupEdit}) replaces its name, tree view and packages and builds them again with the
 * same fail-fast sequence as a create; the group keeps its id and import request status.
 *
 * <p><b>Order.</b> GET lists the packages alphabetically by project name (case-insensitive,
 * then by project id); the configuration package, which has no project, comes first. The short
 * answers of POST, PATCH and PUT list them in working order.
 */
final class SimulatedGroup {

  private static final Set<String> IMPORT_REQUESTABLE = Set.of("pending", "rejected");
  private static final Set<String> UNDO_STATES = Set.of("undoing", "undo_success", "undo_failed");
  private static final Set<String> EDITABLE_PACKAGE = Set.of("created", "create_failed");

  /** The GET order: configuration package first, then by project name, then project id. */
  private static final Comparator<SimulatedMigration> LISTING = Comparator
      .comparing((SimulatedMigration m) -> !"configuration".equals(packageInfo(m).path("type").asText()))
      .thenComparing(m -> projectName(m), String.CASE_INSENSITIVE_ORDER)
      .thenComparing(m -> packageInfo(m).path("project").path("id").asText(""));

  /** The group fields, in the documented order, with an empty {@code migrations} placeholder. */
  private final ObjectNode header;
  /** In working order; replaced by an edit. */
  private List<SimulatedMigration> packages;
  /** Created here by POST (this Library is its source), not imported as a replica. */
  private final boolean source;
  private Sequence creation;
  private Sequence importing;
  private Sequence undoing;

  private SimulatedGroup(ObjectNode header, List<SimulatedMigration> packages, boolean source) {
    this.header = header;
    this.packages = List.copyOf(packages);
    this.source = source;
  }

  /** A group being built here, on the source: its first package starts now. */
  static SimulatedGroup creating(ObjectNode header, List<SimulatedMigration> packages, Instant now) {
    SimulatedGroup group = new SimulatedGroup(header, packages, true);
    group.creation = group.new Sequence(Phase.CREATE, true, now);
    return group;
  }

  /** A replicated group being imported here, on the target: its first package starts now. */
  static SimulatedGroup importing(ObjectNode header, List<SimulatedMigration> packages, Instant now) {
    SimulatedGroup group = new SimulatedGroup(header, packages, false);
    group.importing = group.new Sequence(Phase.IMPORT, true, now);
    return group;
  }

  /** The text searched for failure markers of one package (see the class comment). */
  static String markers(String groupName, String callerPackageName, JsonNode record) {
    return String.join(" ", groupName == null ? "" : groupName, callerPackageName == null ? "" : callerPackageName,
        record.path("packageInfo").path("project").path("name").asText(""),
        record.path("importInfo").path("project").path("name").asText(""));
  }

  /** How messages name a package: {@code package <id> (project 'Category')} or {@code (configuration)}. */
  static String describe(JsonNode record) {
    JsonNode packageInfo = record.path("packageInfo");
    String id = packageInfo.path("id").asText(record.path("id").asText("?").split(":")[0]);
    if ("configuration".equals(packageInfo.path("type").asText())) {
      return "package " + id + " (configuration)";
    }
    JsonNode project = packageInfo.path("project");
    return "package " + id + " (project '" + project.path("name").asText(project.path("id").asText("?")) + "')";
  }

  String id() {
    return header.path("id").asText();
  }

  String packageGroupId() {
    return id().split(":", 2)[0];
  }

  void refresh(Instant now) {
    for (Sequence sequence : new Sequence[] {creation, importing, undoing}) {
      if (sequence != null) {
        sequence.advance(now);
      }
    }
  }

  /**
   * Whether a PUT may import this id (again) here: only if the previous import failed fast and
   * has stopped, and no undo ever started. A group that is importing or imported is refused.
   */
  boolean importable() {
    return packages.stream().noneMatch(SimulatedMigration::running)
        && anyImportStatus("import_failed"::equals)
        && !anyImportStatus(UNDO_STATES::contains)
        && "pending".equals(undoRequestStatus());
  }

  /** Whether this Library created the group (POST), so a PUT on it may edit it. */
  boolean isSource() {
    return source;
  }

  /** The package records with live statuses and content, in working order. */
  List<ObjectNode> packageRecords() {
    return packages.stream().map(m -> m.view(true)).toList();
  }

  String importSummary() {
    return packages.stream().map(m -> m.importStatus()).distinct().collect(Collectors.joining("', '", "'", "'"));
  }

  // --- PATCH -------------------------------------------------------------------------------------

  /** {@code importRequestStatus: requested}, on the source, once every package is {@code created}. */
  void requestImport(Instant now) {
    String request = importRequestStatus();
    if (!IMPORT_REQUESTABLE.contains(request)) {
      throw refused("request the import", "import request '" + request + "'", "import request 'pending' or 'rejected'");
    }
    String notCreated = describeWhere(m -> !"created".equals(m.packageStatus()), m -> m.packageStatus());
    if (!notCreated.isEmpty()) {
      throw refused("request the import", "package status " + notCreated,
          "package status 'created' for every package");
    }
    set("importRequestStatus", "requested", now);
  }

  /** {@code importRequestStatus: approved}: every package is frozen ({@code locked}) for import. */
  void approveImport(Instant now) {
    requireImportRequested("approve the import");
    set("importRequestStatus", "approved", now);
    packages.forEach(m -> m.lock(now));
  }

  void rejectImport(Instant now) {
    requireImportRequested("reject the import");
    set("importRequestStatus", "rejected", now);
  }

  /**
   * {@code undoRequestStatus: requested}, on the target, once every package is {@code imported}
   * AND left an undo package. A group is undone whole, so one package without an undo package
   * (keep_both, or imported with {@code generateUndo: false}) makes the undo impossible.
   */
  void requestUndo(Instant now) {
    String notImported = describeWhere(m -> !"imported".equals(m.importStatus()), SimulatedMigration::importStatus);
    if (!notImported.isEmpty()) {
      throw refused("request an undo", "import status " + notImported, "import status 'imported' for every package");
    }
    String noUndo = packages.stream()
        .filter(m -> !m.hasUndoPackage())
        .map(m -> describe(m.view(false)) + (m.keepBoth() ? ", which uses the 'keep_both' conflict rule"
            : ", which was imported with generateUndo: false"))
        .collect(Collectors.joining("; "));
    if (!noUndo.isEmpty()) {
      throw SimulatorError.invalidInput("Undo is impossible for migration group " + id() + ": the import generated no "
          + "undo package for " + noUndo);
    }
    String request = undoRequestStatus();
    if (!"pending".equals(request)) {
      throw refused("request an undo", "undo request '" + request + "'", "undo request 'pending'");
    }
    set("undoRequestStatus", "requested", now);
  }

  /** {@code undoRequestStatus: approved}: the packages are undone one after another, each on its own. */
  void approveUndo(Instant now) {
    String request = undoRequestStatus();
    if (!"requested".equals(request)) {
      throw refused("approve the undo", "undo request '" + request + "'", "undo request 'requested'");
    }
    set("undoRequestStatus", "approved", now);
    undoing = new Sequence(Phase.UNDO, false, now);
  }

  // --- PUT (edit) ---------------------------------------------------------------------------------

  /**
   * Refuses an edit unless the import request is {@code pending} or {@code rejected} and every
   * package is {@code created} or {@code create_failed}. A package left {@code empty} because the
   * creation failed fast before reaching it counts as failed: the documentation's advice after a
   * {@code create_failed} is to edit the group again. Call {@link #refresh} first.
   */
  void checkEditable() {
    String request = importRequestStatus();
    if (!IMPORT_REQUESTABLE.contains(request)) {
      throw refusedEdit("import request '" + request + "'", "import request 'pending' or 'rejected'"
          + ("requested".equals(request) ? " (reject the import request first)"
              : "approved".equals(request) ? " (an approved migration group can no longer be edited)" : ""));
    }
    boolean stoppedByFailure = packages.stream().noneMatch(SimulatedMigration::running)
        && packages.stream().anyMatch(m -> "create_failed".equals(m.packageStatus()));
    String blocking = describeWhere(m -> !EDITABLE_PACKAGE.contains(m.packageStatus())
        && !(stoppedByFailure && "empty".equals(m.packageStatus())), SimulatedMigration::packageStatus);
    if (!blocking.isEmpty()) {
      throw refusedEdit("package status " + blocking, "package status 'created' or 'create_failed' for every "
          + "package" + (blocking.contains("'creating'") || blocking.contains("'empty'")
              ? " (wait until the group's packages are built)" : ""));
    }
  }

  /**
   * Replaces name, tree view and packages, and builds the packages again one after another from
   * {@code now}, failing fast as a create does; id and import request status stay, the
   * {@code version} goes up by one.
   */
  void rebuild(String name, String treeView, List<SimulatedMigration> rebuilt, Instant now) {
    header.put("name", name);
    header.put("treeView", treeView);
    header.put("lastUpdatedDate", LibraryTime.timestamp(now));
    int version;
    try {
      version = Integer.parseInt(header.path("version").asText("1"));
    } catch (NumberFormatException notANumber) {
      version = 1;
    }
    header.put("version", String.valueOf(version + 1));
    packages = List.copyOf(rebuilt);
    creation = new Sequence(Phase.CREATE, true, now);
  }

  // --- views -------------------------------------------------------------------------------------

  /** The GET answer: packages alphabetically, {@code tocView}/{@code treeView} only when asked for. */
  ObjectNode view(boolean showContent) {
    ObjectNode view = header.deepCopy();
    ArrayNode migrations = view.putArray("migrations"); // keeps its place before "version"
    String lastUpdated = view.path("lastUpdatedDate").asText();
    for (SimulatedMigration migration : packages.stream().sorted(LISTING).toList()) {
      ObjectNode record = migration.view(showContent);
      decimalProgress(record);
      lastUpdated = latest(lastUpdated, record.path("packageInfo").path("lastUpdatedDate").asText());
      lastUpdated = latest(lastUpdated, record.path("importInfo").path("lastUpdatedDate").asText());
      migrations.add(record);
    }
    view.put("lastUpdatedDate", lastUpdated);
    return view;
  }

  /** The short answer of POST, PATCH and PUT, packages in working order. */
  ObjectNode summary() {
    ObjectNode summary = JsonNodeFactory.instance.objectNode();
    summary.put("id", id());
    summary.put("name", header.path("name").asText());
    summary.put("importRequestStatus", importRequestStatus());
    summary.put("undoRequestStatus", undoRequestStatus());
    ArrayNode migrations = summary.putArray("migrations");
    for (SimulatedMigration migration : packages) {
      ObjectNode record = migration.view(false);
      ObjectNode entry = migrations.addObject();
      entry.put("id", migration.id());
      for (String info : new String[] {"packageInfo", "importInfo"}) {
        ObjectNode part = entry.putObject(info);
        for (String field : new String[] {"id", "groupId", "status", "progress"}) {
          part.set(field, record.path(info).path(field).deepCopy());
        }
      }
      decimalProgress(entry);
    }
    return summary;
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * One phase worked through the packages in order: each starts when the previous finished, by
   * the clock of the phase, so a late read sees what a Library polled all along would show.
   */
  private final class Sequence {

    private final Phase phase;
    private final boolean failFast;
    private int current;

    Sequence(Phase phase, boolean failFast, Instant start) {
      this.phase = phase;
      this.failFast = failFast;
      packages.get(0).start(phase, start);
    }

    void advance(Instant now) {
      while (current < packages.size()) {
        SimulatedMigration running = packages.get(current);
        running.refresh(now);
        if (running.running()) {
          return; // still working, or stalled for ever
        }
        current++;
        if (failFast && failed(running)) {
          current = packages.size(); // fail fast: the rest are never started
          return;
        }
        if (current < packages.size()) {
          packages.get(current).start(phase, running.settledAt());
        }
      }
    }

    private boolean failed(SimulatedMigration migration) {
      return switch (phase) {
        case CREATE -> "create_failed".equals(migration.packageStatus());
        case IMPORT -> "import_failed".equals(migration.importStatus());
        case UNDO -> "undo_failed".equals(migration.importStatus());
        case VALIDATION -> false;
      };
    }
  }

  private String importRequestStatus() {
    return header.path("importRequestStatus").asText();
  }

  private String undoRequestStatus() {
    return header.path("undoRequestStatus").asText();
  }

  private void requireImportRequested(String action) {
    String request = importRequestStatus();
    if (!"requested".equals(request)) {
      throw refused(action, "import request '" + request + "'", "import request 'requested'");
    }
  }

  private SimulatorError refused(String action, String state, String needed) {
    return SimulatorError.invalidInput(
        "Cannot " + action + " of migration group " + id() + ": it has " + state + "; this needs " + needed);
  }

  private SimulatorError refusedEdit(String state, String needed) {
    return SimulatorError.invalidInput(
        "Cannot edit migration group " + id() + ": it has " + state + "; this needs " + needed);
  }

  private void set(String field, String value, Instant now) {
    header.put(field, value);
    header.put("lastUpdatedDate", LibraryTime.timestamp(now));
  }

  private boolean anyImportStatus(Predicate<String> status) {
    return packages.stream().anyMatch(m -> status.test(m.importStatus()));
  }

  /** {@code 'empty' (package A (project 'X')), …} for the packages that match, or "" if none does. */
  private String describeWhere(Predicate<SimulatedMigration> matches, Function<SimulatedMigration, String> state) {
    return packages.stream()
        .filter(matches)
        .map(m -> "'" + state.apply(m) + "' (" + describe(m.view(false)) + ")")
        .collect(Collectors.joining(", "));
  }

  private static JsonNode packageInfo(SimulatedMigration migration) {
    return migration.view(false).path("packageInfo");
  }

  private static String projectName(SimulatedMigration migration) {
    return packageInfo(migration).path("project").path("name").asText("");
  }

  private static String latest(String a, String b) {
    return b != null && b.compareTo(a) > 0 ? b : a;
  }

  /** The group calls answer progress as a decimal ({@code 0.0}, {@code 100.0}), as documented. */
  private static void decimalProgress(ObjectNode record) {
    for (String info : new String[] {"packageInfo", "importInfo"}) {
      JsonNode part = record.get(info);
      if (part instanceof ObjectNode object && object.path("progress").isNumber()) {
        object.put("progress", object.get("progress").doubleValue());
      }
    }
  }
}
