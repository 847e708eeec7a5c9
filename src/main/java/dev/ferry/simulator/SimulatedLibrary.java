package dev.ferry.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One simulated MicroStrategy Library: its REST sessions and the migrations it keeps, in memory.
 * Implements the documented {@code /api/auth} and {@code /api/migrations} calls with their rules
 * (see {@link SimulatedMigration}); {@link SimulatorController} only maps HTTP onto it.
 *
 * <p>Failures can be provoked through markers in {@code packageInfo.name} (any case):
 * <ul>
 *   <li>{@code fail-create} → {@code create_failed}, {@code fail-import} → {@code import_failed},
 *       {@code fail-undo} → {@code undo_failed}, each with a message, once the phase's time is up;</li>
 *   <li>{@code stall-create}, {@code stall-import}, {@code stall-undo} → the package stays
 *       {@code creating} / {@code importing} / {@code undoing} for ever, progress stuck at 50.</li>
 * </ul>
 * The {@code /api/migrationGroups} calls work on groups of such packages; see {@link SimulatedGroup}
 * for their timing, fail-fast rule, order and where their failure markers are looked for.
 *
 * <p>Package binaries and the shared file store ({@code /api/migrations/packages/{id}/binary},
 * {@code /api/mstrServices/library/storage/sharedFileStore/files…}): a built package's binary is
 * made up from its id ({@link PackageBytes}) and streamed, {@code storage.size} bytes long — the
 * {@code package-size} property, or a {@code size-<n>k|m|g} marker in the package name; uploads
 * stream to a temporary directory of this Library ({@link SharedFileStore}); a migration with
 * purpose {@code migration_from_shared_file_store} imports an uploaded file
 * ({@link SharedFileImport}). Markers: {@code fail-download} (in a package or file name) breaks a
 * download off halfway; {@code corrupt-upload} (in a file name) makes the upload answer a sha256
 * other than the bytes received; {@code fail-import}, {@code fail-undo} work on imported files too.
 *
 * <p>Validation ({@code PATCH /api/migrations/{id}} with {@code importInfo.environment} or
 * {@code validation.status: validating} on the source, {@code PUT /api/migrations/{id}/validation}
 * on the target): the target records its start on the {@link ValidationBoard} that all Libraries
 * of one {@link Simulator} share, and the source shows the outcome once the
 * {@code validation-duration} has passed since (see {@link SimulatedMigration}). Markers in the
 * source package's name: {@code fail-validation} → {@code validation_failed} with a message,
 * {@code stall-validation} → {@code validating} for ever.
 *
 * <p>Editing ({@code PUT /api/migrations/{id}/packageInfo}, {@code PUT /api/migrationGroups/{id}}
 * on the source that created the group): the package or group is rebuilt as a create builds it,
 * with the create markers of the new name; see {@link SimulatedMigration#edit} and {@link GroupEdit}.
 *
 * <p>Tests inspect the state through {@link #migration}, {@link #migrations}, {@link #group},
 * {@link #groups}, {@link #file}, {@link #files}, {@link #uploadedBytes}, {@link #received} and
 * {@link #accepted}, and provoke {@code ERR009} with {@link #expireSessions()}, a refused
 * validation with {@link #limitValidations}, and a change behind Ferry's back with {@link #patchForTest}.
 */
public class SimulatedLibrary {

  private final String name;
  private final Clock clock;
  private final Timings timings;
  private final SessionRegistry sessions;
  private final CallCounter calls = new CallCounter();
  private final int maxGroupPackages;
  /** The size of a built package without a {@code size-} marker. */
  private final long packageSize;
  private final SharedFileStore fileStore;
  /** Shared with the other Libraries of the simulator: targets write validation starts, sources read them. */
  private final ValidationBoard validations;
  /** The validations started here, as a target, by migration id; guarded by {@code this}. */
  private final Map<String, Instant> validating = new LinkedHashMap<>();
  /** At most this many validations running here at once; negative: no limit. Guarded by {@code this}. */
  private int maxValidations = -1;
  /** By migration id, oldest first; guarded by {@code this}. */
  private final Map<String, SimulatedMigration> migrations = new LinkedHashMap<>();
  /** Calls about each migration id (create, get, patch, put, validate, edit, delete), for the journal. */
  private final Map<String, java.util.concurrent.atomic.AtomicLong> callsById =
      new java.util.concurrent.ConcurrentHashMap<>();
  /** By group id ({@code packageGroupId:importGroupId}), oldest first; guarded by {@code this}. */
  private final Map<String, SimulatedGroup> groups = new LinkedHashMap<>();

  SimulatedLibrary(String name, SessionRegistry sessions, Timings timings, Clock clock) {
    this(name, sessions, timings, clock, 100);
  }

  SimulatedLibrary(String name, SessionRegistry sessions, Timings timings, Clock clock, int maxGroupPackages) {
    this(name, sessions, timings, clock, maxGroupPackages, 64 * 1024, 1000);
  }

  SimulatedLibrary(String name, SessionRegistry sessions, Timings timings, Clock clock, int maxGroupPackages,
      long packageSize, int maxUploadedPackages) {
    this(name, sessions, timings, clock, maxGroupPackages, packageSize, maxUploadedPackages, new ValidationBoard());
  }

  SimulatedLibrary(String name, SessionRegistry sessions, Timings timings, Clock clock, int maxGroupPackages,
      long packageSize, int maxUploadedPackages, ValidationBoard validations) {
    if (packageSize < 0) {
      throw new IllegalArgumentException("ferry.simulator.package-size must be zero or positive, was " + packageSize);
    }
    this.name = name;
    this.sessions = sessions;
    this.timings = timings;
    this.clock = clock;
    this.maxGroupPackages = maxGroupPackages;
    this.packageSize = packageSize;
    this.fileStore = new SharedFileStore(name, clock, maxUploadedPackages);
    this.validations = validations;
  }

  public String name() {
    return name;
  }

  // --- /api/auth -------------------------------------------------------------------------------

  public SessionKey login(JsonNode credentials) {
    return counted(Endpoint.LOGIN, () -> sessions.login(credentials));
  }

  /** Ends the session if the key is one; logging out twice is harmless. */
  public void logout(SessionKey key) {
    counted(Endpoint.LOGOUT, () -> {
      sessions.logout(key);
      return null;
    });
  }

  // --- /api/migrations -------------------------------------------------------------------------

  /**
   * {@code POST /api/migrations}: starts building a package; answers the short form ({@code creating}).
   * With {@code packageInfo.purpose: migration_from_shared_file_store} it imports an uploaded file
   * instead: see {@link #importSharedFile}.
   */
  public ObjectNode create(SessionKey key, String projectId, JsonNode body) {
    if (SharedFileImport.asks(body)) {
      return importSharedFile(key, projectId, body);
    }
    return counted(Endpoint.POST_MIGRATION, () -> {
      Creator creator = new Creator(sessions.require(key));
      synchronized (this) {
        Instant now = clock.instant();
        ObjectNode record = PackageCreation.record(body, projectId, creator, now);
        long size = FailureMarkers.packageSize(record.path("packageInfo").path("name").asText(), packageSize);
        SimulatedMigration migration = SimulatedMigration.creating(record, timings, now, size);
        migrations.put(migration.id(), migration);
        called(migration.id());
        return migration.summary();
      }
    });
  }

  /**
   * {@code POST /api/migrations} with {@code packageInfo.purpose: migration_from_shared_file_store}
   * and {@code packageInfo.storage.sharedFileStore.files.id}: imports a file uploaded to this
   * Library's shared file store, starting at once ({@code locked}, {@code importing},
   * {@code approved}). A package imported here already (importing, imported or undone) is not
   * imported a second time; one whose import failed may be.
   */
  private ObjectNode importSharedFile(SessionKey key, String projectId, JsonNode body) {
    return counted(Endpoint.POST_MIGRATION_FROM_SHARED_FILE, () -> {
      Creator importer = new Creator(sessions.require(key));
      synchronized (this) {
        Instant now = clock.instant();
        ObjectNode record = SharedFileImport.record(body, projectId, fileStore::uploaded, importer, now);
        String packageId = record.path("packageInfo").path("id").asText();
        for (SimulatedMigration existing : List.copyOf(migrations.values())) {
          if (existing.packageId().equals(packageId)) {
            existing.refresh(now);
            if (!existing.importable()) {
              throw SimulatorError.invalidInput("Package " + packageId + " of this shared file is already imported "
                  + "here (migration " + existing.id() + ", import status '" + existing.importStatus()
                  + "'): it is not imported a second time");
            }
            migrations.remove(existing.id());
          }
        }
        SimulatedMigration migration = SimulatedMigration.importing(record, timings, now);
        migrations.put(migration.id(), migration);
        return migration.summary();
      }
    });
  }

  /**
   * {@code GET /api/migrations/packages/{packageId}/binary}: the binary of a package that is
   * built ({@code created} or {@code locked}), {@code storage.size} bytes, streamed. A package
   * imported from the shared file store gives the uploaded bytes while the file is kept;
   * otherwise the bytes are made up from the package id, the same on every Library.
   */
  public Binary downloadPackage(SessionKey key, String packageId) {
    return counted(Endpoint.DOWNLOAD_PACKAGE, () -> {
      sessions.require(key);
      SimulatedMigration migration;
      long size;
      String path;
      synchronized (this) {
        Instant now = clock.instant();
        migration = migrations.values().stream()
            .filter(candidate -> candidate.packageId().equals(packageId))
            .findFirst()
            .orElseThrow(() -> SimulatorError.notFound("Package '" + packageId + "' not found"));
        migration.refresh(now);
        String status = migration.packageStatus();
        if (!"created".equals(status) && !"locked".equals(status)) {
          throw SimulatorError.invalidInput("Package '" + packageId + "' has no binary to download: its status is '"
              + status + "', a package can be downloaded once it is 'created'");
        }
        size = migration.storage().path("size").asLong();
        path = migration.storage().path("path").asText();
      }
      String fileName = packageId + ".mmp";
      return fileStore.binaryAt(path)
          .map(stored -> new Binary(stored.size(), fileName, stored.content()))
          .orElseGet(() -> new Binary(size, fileName, FailureMarkers.breaksDownload(migration.packageName())
              ? PackageBytes.breakingHalfway(packageId, size)
              : PackageBytes.of(packageId, size)));
    });
  }

  /** {@code GET /api/migrations/{id}}, with {@code tocView} and {@code treeView} only for {@code showContent=all}. */
  public ObjectNode get(SessionKey key, String migrationId, boolean showContent) {
    return counted(Endpoint.GET_MIGRATION, () -> {
      sessions.require(key);
      called(migrationId);
      synchronized (this) {
        SimulatedMigration migration = current(migrationId);
        migration.seen(clock.instant());
        return migration.view(showContent);
      }
    });
  }

  /**
   * {@code GET /api/migrations?offset=&limit=&packageInfo.purpose=}: {@code {"total", "data"}}, oldest
   * first, as mstrio-py reads it. {@code purposes} is a comma list; without it only
   * {@code object_migration} packages are listed, as a Library does. A negative limit means the
   * Library's largest page.
   */
  public ObjectNode list(SessionKey key, int offset, int limit, String purposes) {
    return counted(Endpoint.LIST_MIGRATIONS, () -> {
      sessions.require(key);
      ListPage.check(offset, limit);
      java.util.Set<String> wanted = ListPage.purposes(purposes);
      synchronized (this) {
        List<SimulatedMigration> matching = migrations.values().stream()
            .filter(migration -> wanted.contains(migration.purpose())).toList();
        return ListPage.of(matching.size(), matching.stream().skip(offset).limit(ListPage.size(limit))
            .map(migration -> {
              migration.refresh(clock.instant());
              return migration.view(false);
            }));
      }
    });
  }

  /** {@code GET /api/migrations} as a Library answers it without {@code packageInfo.purpose}: {@code object_migration} only. */
  public ObjectNode list(SessionKey key, int offset, int limit) {
    return list(key, offset, limit, null);
  }

  /**
   * {@code PATCH /api/migrations/{id}} with {@code {"importInfo": {"importRequestStatus": …}}} or
   * {@code {"importInfo": {"undoRequestStatus": …}}}; before a validation, on the source, with
   * {@code {"importInfo": {"environment": …, "project": …}}} (the target) or
   * {@code {"validation": {"status": "validating"}}}. A transition the current state does not
   * allow is refused with {@code ERR006}, naming the state it found and the one it needs.
   */
  public ObjectNode patch(SessionKey key, String projectId, String migrationId, JsonNode body) {
    Endpoint endpoint = Endpoint.patch(body);
    return counted(endpoint, () -> {
      sessions.require(key);
      called(migrationId);
      return applyPatch(endpoint, projectId, migrationId, body);
    });
  }

  private synchronized ObjectNode applyPatch(Endpoint endpoint, String projectId, String migrationId, JsonNode body) {
    SimulatedMigration migration = current(migrationId);
    Instant now = clock.instant();
    switch (endpoint) {
      case PATCH_IMPORT_REQUESTED -> migration.requestImport(now);
      case PATCH_IMPORT_APPROVED -> migration.approveImport(now);
      case PATCH_IMPORT_REJECTED -> migration.rejectImport(now);
      case PATCH_UNDO_REQUESTED -> migration.requestUndo(now);
      case PATCH_UNDO_APPROVED -> migration.approveUndo(projectId, now);
      case PATCH_IMPORT_TARGET -> migration.setImportTarget(body.get("importInfo"), now);
      case PATCH_VALIDATING -> migration.startValidation(body.get("validation"), validations, now);
      default -> throw SimulatorError.invalidInput("The body must set exactly one of "
          + "importInfo.importRequestStatus ('requested', 'approved', 'rejected'), "
          + "importInfo.undoRequestStatus ('requested', 'approved'), importInfo.environment (the target, "
          + "with an optional importInfo.project) or validation.status ('validating')");
    }
    return migration.summary();
  }

  /**
   * {@code PUT /api/migrations/{id}} on the target: starts importing the replicated definition.
   * An id that is importing or imported here already is refused, so nothing is imported twice.
   */
  public ObjectNode importPackage(SessionKey key, String projectId, String migrationId, JsonNode body) {
    return counted(Endpoint.PUT_MIGRATION, () -> {
      Creator importer = new Creator(sessions.require(key));
      called(migrationId);
      synchronized (this) {
        Instant now = clock.instant();
        ObjectNode record = PackageReplica.record(migrationId, body, projectId, importer, now);
        SimulatedMigration existing = migrations.get(migrationId);
        if (existing != null) {
          existing.refresh(now);
          if (!existing.importable()) {
            throw SimulatorError.invalidInput("Migration " + migrationId + " is already imported here (import status '"
                + existing.importStatus() + "'): it is not imported a second time");
          }
        }
        SimulatedMigration migration = SimulatedMigration.importing(record, timings, now);
        migrations.put(migrationId, migration);
        return migration.summary();
      }
    });
  }

  /**
   * {@code PUT /api/migrations/{id}/validation} on the target: checks the body
   * ({@link ValidationRequest}) and starts validating the package here, without importing it.
   * The outcome is shown by the source, once it was told with {@code PATCH validating}; a second
   * PUT starts the validation anew. Answers nothing (204).
   */
  public void validate(SessionKey key, String migrationId, JsonNode body) {
    counted(Endpoint.PUT_VALIDATION, () -> {
      sessions.require(key);
      called(migrationId);
      ValidationRequest.check(migrationId, body);
      synchronized (this) {
        Instant now = clock.instant();
        validating.values().removeIf(start -> !now.isBefore(start.plus(timings.validation())));
        validating.remove(migrationId);
        if (maxValidations >= 0 && validating.size() >= maxValidations) {
          throw SimulatorError.invalidInput("Cannot validate migration " + migrationId + ": this Library validates at "
              + "most " + maxValidations + " package(s) at a time and is validating " + validating.size()
              + " now; try again once a validation has finished (simulated)");
        }
        validating.put(migrationId, now);
        validations.started(migrationId, now);
      }
      return null;
    });
  }

  /**
   * {@code PUT /api/migrations/{id}/packageInfo} on the source: edits the package and builds it
   * again (see {@link SimulatedMigration#edit}); answers {@code {"id", "status": "creating",
   * "progress": 0.0}} with the (unchanged) package id.
   */
  public ObjectNode editPackage(SessionKey key, String migrationId, JsonNode body) {
    return counted(Endpoint.PUT_PACKAGE_INFO, () -> {
      sessions.require(key);
      called(migrationId);
      synchronized (this) {
        SimulatedMigration migration = current(migrationId);
        return migration.edit(body, clock.instant(), name -> FailureMarkers.packageSize(name, packageSize),
            validations);
      }
    });
  }

  /** {@code DELETE /api/migrations?packageId=}: removes that package's migration from this Library. */
  public void delete(SessionKey key, String packageId) {
    counted(Endpoint.DELETE_PACKAGE, () -> {
      sessions.require(key);
      if (packageId == null || packageId.isBlank()) {
        throw SimulatorError.missingField("packageId");
      }
      synchronized (this) {
        if (!migrations.values().removeIf(migration -> migration.packageId().equals(packageId))) {
          throw SimulatorError.notFound("Package '" + packageId + "' not found");
        }
      }
      return null;
    });
  }

  private void called(String migrationId) {
    if (migrationId != null) {
      callsById.computeIfAbsent(migrationId, id -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
    }
  }

  /**
   * What happened to each migration here, for benchmarks: its steps (start, end, and the first
   * GET that showed the end, epoch ms) and the calls about it, in {@code {"migrations": [...]}}.
   */
  public ObjectNode journal(SessionKey key) {
    sessions.require(key);
    return journal();
  }

  public synchronized ObjectNode journal() {
    ObjectNode journal = JsonNodeFactory.instance.objectNode();
    journal.put("library", name);
    ArrayNode list = journal.putArray("migrations");
    Instant now = clock.instant();
    for (SimulatedMigration migration : migrations.values()) {
      migration.refresh(now);
      ObjectNode entry = migration.journal();
      entry.put("calls", callsById.getOrDefault(migration.id(), new java.util.concurrent.atomic.AtomicLong()).get());
      list.add(entry);
    }
    callsById.forEach((id, count) -> {
      if (!migrations.containsKey(id)) {
        list.addObject().put("id", id).put("calls", count.get()).putArray("steps");
      }
    });
    return journal;
  }

  // --- /api/mstrServices/library/storage/sharedFileStore ----------------------------------------

  /** {@code POST …/sharedFileStore/files}: the metadata of a package to upload ({@code existing: false}). */
  public ObjectNode createFile(SessionKey key, JsonNode body) {
    return counted(Endpoint.POST_SHARED_FILE, () -> fileStore.create(body, new Creator(sessions.require(key))));
  }

  /**
   * {@code PUT …/sharedFileStore/files/{fileId}/binary}: {@code content} is the file's bytes (the
   * controller takes them out of the multipart part {@code file}); streamed to disk, measured,
   * kept only if size and sha256 are the declared ones ({@code ERR006} "size mismatch" /
   * "sha256 mismatch" otherwise). Answers the metadata with {@code existing: true}.
   */
  public ObjectNode uploadFile(SessionKey key, String fileId, InputStream content) {
    return counted(Endpoint.PUT_SHARED_FILE_BINARY, () -> {
      sessions.require(key);
      return fileStore.upload(fileId, content);
    });
  }

  /** {@code GET …/sharedFileStore/files/{fileId}/binary}: the uploaded bytes, streamed. */
  public Binary downloadFile(SessionKey key, String fileId) {
    return counted(Endpoint.GET_SHARED_FILE_BINARY, () -> {
      sessions.require(key);
      return fileStore.download(fileId);
    });
  }

  /** {@code GET …/sharedFileStore/files?type=migrations.packages&offset=&limit=}: {@code {"total", "data"}}. */
  public ObjectNode listFiles(SessionKey key, String type, int offset, int limit) {
    return counted(Endpoint.LIST_SHARED_FILES, () -> {
      sessions.require(key);
      return fileStore.list(type, offset, limit);
    });
  }

  /** {@code DELETE …/sharedFileStore/files/{fileId}}: the metadata and the binary. */
  public void deleteFile(SessionKey key, String fileId) {
    counted(Endpoint.DELETE_SHARED_FILE, () -> {
      sessions.require(key);
      fileStore.delete(fileId);
      return null;
    });
  }

  // --- /api/migrationGroups ---------------------------------------------------------------------

  /** {@code POST /api/migrationGroups}: starts building the packages, one after another; answers the short form. */
  public ObjectNode createGroup(SessionKey key, JsonNode body) {
    return counted(Endpoint.POST_MIGRATION_GROUP, () -> {
      Creator creator = new Creator(sessions.require(key));
      synchronized (this) {
        Instant now = clock.instant();
        SimulatedGroup group = GroupCreation.group(body, creator, maxGroupPackages, timings, now);
        groups.put(group.id(), group);
        return group.summary();
      }
    });
  }

  /**
   * {@code GET /api/migrationGroups?offset=&limit=}: {@code {"total", "data"}}, oldest first, without
   * content. Neither the documentation nor mstrio-py shows this call; the shape is the one every
   * other Library list has. A negative limit means the Library's largest page.
   */
  public ObjectNode listGroups(SessionKey key, int offset, int limit) {
    return counted(Endpoint.LIST_MIGRATION_GROUPS, () -> {
      sessions.require(key);
      ListPage.check(offset, limit);
      synchronized (this) {
        return ListPage.of(groups.size(), groups.values().stream().skip(offset).limit(ListPage.size(limit))
            .map(group -> {
              group.refresh(clock.instant());
              return group.view(false);
            }));
      }
    });
  }

  /** {@code GET /api/migrationGroups/{id}}, with the packages' {@code tocView} only for {@code showContent=all}. */
  public ObjectNode getGroup(SessionKey key, String groupId, boolean showContent) {
    return counted(Endpoint.GET_MIGRATION_GROUP, () -> {
      sessions.require(key);
      synchronized (this) {
        return currentGroup(groupId).view(showContent);
      }
    });
  }

  /**
   * {@code PATCH /api/migrationGroups/{id}} with the flat body {@code {"importRequestStatus": …}}
   * ({@code requested}, {@code approved}, {@code rejected}) or {@code {"undoRequestStatus": …}}
   * ({@code requested}, {@code approved}). A transition the group's state does not allow is
   * refused with {@code ERR006}, naming the state and the packages it found.
   */
  public ObjectNode patchGroup(SessionKey key, String groupId, JsonNode body) {
    Endpoint endpoint = Endpoint.groupPatch(body);
    return counted(endpoint, () -> {
      sessions.require(key);
      synchronized (this) {
        SimulatedGroup group = currentGroup(groupId);
        Instant now = clock.instant();
        switch (endpoint) {
          case PATCH_GROUP_IMPORT_REQUESTED -> group.requestImport(now);
          case PATCH_GROUP_IMPORT_APPROVED -> group.approveImport(now);
          case PATCH_GROUP_IMPORT_REJECTED -> group.rejectImport(now);
          case PATCH_GROUP_UNDO_REQUESTED -> group.requestUndo(now);
          case PATCH_GROUP_UNDO_APPROVED -> group.approveUndo(now);
          default -> throw SimulatorError.invalidInput("The body must set exactly one of importRequestStatus "
              + "('requested', 'approved', 'rejected') or undoRequestStatus ('requested', 'approved')");
        }
        return group.summary();
      }
    });
  }

  /**
   * {@code PUT /api/migrationGroups/{id}} as it arrives over HTTP: an edit when this Library
   * created the group and no package of the body is marked replicated ({@link #editGroup}),
   * otherwise an import of a replicated group ({@link #importGroup}).
   */
  public ObjectNode putGroup(SessionKey key, String groupId, JsonNode body, String generateUndo) {
    boolean edit;
    synchronized (this) {
      edit = GroupEdit.asks(groupId == null ? null : groups.get(groupId), body);
    }
    return edit ? editGroup(key, groupId, body) : importGroup(key, groupId, body, generateUndo);
  }

  /**
   * {@code PUT /api/migrationGroups/{id}} on the source that created the group: replaces its name,
   * tree view and packages and builds them again, failing fast as a create does; the group keeps
   * its id and import request status (see {@link GroupEdit} for the rules and the package ids).
   * Answers the short form.
   */
  public ObjectNode editGroup(SessionKey key, String groupId, JsonNode body) {
    return counted(Endpoint.PUT_GROUP_EDIT, () -> {
      Creator editor = new Creator(sessions.require(key));
      synchronized (this) {
        SimulatedGroup group = currentGroup(groupId);
        if (!group.isSource()) {
          throw SimulatorError.invalidInput("Migration group " + groupId + " was imported here from its source "
              + "environment: edit it in the source environment");
        }
        GroupEdit.edit(group, body, editor, maxGroupPackages, timings, clock.instant());
        return group.summary();
      }
    });
  }

  /**
   * {@code PUT /api/migrationGroups/{id}} on the target: starts importing the replicated group,
   * one package after another. {@code generateUndo} is the header's value: absent or
   * {@code true} leaves undo packages, {@code false} none. A group that is importing or
   * imported here already is refused; one whose import failed may be imported again.
   */
  public ObjectNode importGroup(SessionKey key, String groupId, JsonNode body, String generateUndo) {
    return counted(Endpoint.PUT_MIGRATION_GROUP, () -> {
      Creator importer = new Creator(sessions.require(key));
      boolean undo = generateUndo(generateUndo);
      synchronized (this) {
        Instant now = clock.instant();
        SimulatedGroup existing = groupId == null ? null : groups.get(groupId);
        if (existing != null) {
          existing.refresh(now);
          if (!existing.importable()) {
            throw SimulatorError.invalidInput("Migration group " + groupId + " is already imported here (import "
                + "status " + existing.importSummary() + "): it is not imported a second time");
          }
        }
        SimulatedGroup group = GroupReplica.group(groupId, body, undo, importer, maxGroupPackages, timings, now);
        groups.put(groupId, group);
        return group.summary();
      }
    });
  }

  /** {@code DELETE /api/migrationGroups?packageGroupId=}: removes that group and its packages from this Library. */
  public void deleteGroup(SessionKey key, String packageGroupId) {
    counted(Endpoint.DELETE_PACKAGE_GROUP, () -> {
      sessions.require(key);
      if (packageGroupId == null || packageGroupId.isBlank()) {
        throw SimulatorError.missingField("packageGroupId");
      }
      synchronized (this) {
        if (!groups.values().removeIf(group -> group.packageGroupId().equals(packageGroupId))) {
          throw SimulatorError.notFound("Package group '" + packageGroupId + "' not found");
        }
      }
      return null;
    });
  }

  // --- for tests and the sandbox ---------------------------------------------------------------

  /** The record as {@code GET ?showContent=all} would return it now, without needing a session. */
  public synchronized Optional<ObjectNode> migration(String migrationId) {
    SimulatedMigration migration = migrations.get(migrationId);
    if (migration == null) {
      return Optional.empty();
    }
    migration.refresh(clock.instant());
    return Optional.of(migration.view(true));
  }

  /** One import on this Library: from the import call to its end ({@code end} null while it stalls). */
  public record ImportSpan(String migrationId, String packageName, Instant start, Instant end) {
  }

  /**
   * The journal of imports this Library ran, for tests that check how many ran at once. The end is
   * when the import finished at the Library (imported or failed), not when Ferry noticed.
   */
  public synchronized List<ImportSpan> importSpans() {
    List<ImportSpan> spans = new java.util.ArrayList<>();
    for (SimulatedMigration migration : migrations.values()) {
      migration.importPhase().ifPresent(phase -> spans.add(new ImportSpan(migration.id(), migration.name(),
          phase.start(), phase.outcome() == TimedPhase.Outcome.STALL ? null : phase.end())));
    }
    return spans;
  }

  /** Every migration this Library keeps, oldest first, with live statuses and content. */
  public synchronized List<ObjectNode> migrations() {
    Instant now = clock.instant();
    return migrations.values().stream().map(migration -> {
      migration.refresh(now);
      return migration.view(true);
    }).toList();
  }

  /**
   * The group as {@code GET ?showContent=all} would return it now, without needing a session;
   * by its id ({@code packageGroupId:importGroupId}) or by its {@code packageGroupId} alone.
   */
  public synchronized Optional<ObjectNode> group(String groupId) {
    Instant now = clock.instant();
    return groups.values().stream()
        .filter(group -> group.id().equals(groupId) || group.packageGroupId().equals(groupId))
        .findFirst()
        .map(group -> {
          group.refresh(now);
          return group.view(true);
        });
  }

  /** Every migration group this Library keeps, oldest first, with live statuses and content. */
  public synchronized List<ObjectNode> groups() {
    Instant now = clock.instant();
    return groups.values().stream().map(group -> {
      group.refresh(now);
      return group.view(true);
    }).toList();
  }

  /** The metadata of a shared file as the Library keeps it now, without needing a session. */
  public Optional<ObjectNode> file(String fileId) {
    return fileStore.file(fileId);
  }

  /** Every file in this Library's shared file store, oldest first. */
  public List<ObjectNode> files() {
    return fileStore.files();
  }

  /**
   * What this Library measured of the bytes it stored for a file — the truth, even when a
   * {@code corrupt-upload} file's metadata reports another sha256; empty until an upload is accepted.
   */
  public Optional<UploadedBytes> uploadedBytes(String fileId) {
    return fileStore.uploadedBytes(fileId);
  }

  /** How many calls of this kind reached this Library, refused ones included. */
  public long received(Endpoint endpoint) {
    return calls.received(endpoint);
  }

  /** How many calls of this kind this Library carried out. */
  public long accepted(Endpoint endpoint) {
    return calls.accepted(endpoint);
  }

  /** Ends every session, so the next call of every client fails with {@code ERR009}. */
  public void expireSessions() {
    sessions.expireAll();
  }

  /** Every token and session cookie this Library has issued (for tests that look for leaked secrets). */
  public java.util.List<SessionKey> issuedSessions() {
    return sessions.issued();
  }

  /**
   * {@code PATCH /api/migrations/{id}} without a session and without being counted: a change made
   * straight at the Library behind Ferry's back (someone requesting the import in Workstation).
   */
  public ObjectNode patchForTest(String migrationId, JsonNode body) {
    return applyPatch(Endpoint.patch(body), null, migrationId, body);
  }

  /**
   * This Library's cap, as a target, on validations running at once (started less than the
   * validation duration ago), for tests that need a refusal; {@code 0} refuses every
   * {@code PUT /api/migrations/{id}/validation}, a negative number lifts the cap (the default).
   */
  public synchronized void limitValidations(int max) {
    maxValidations = max;
  }

  /** The shared file store's cap on uploaded packages, for tests that need to reach it. */
  public void limitUploadedPackages(int max) {
    fileStore.limit(max);
  }

  public int activeSessions() {
    return sessions.active();
  }

  /** Forgets migrations, groups, shared files (deleting their binaries), sessions and counts: a fresh Library. */
  public synchronized void reset() {
    migrations.clear();
    groups.clear();
    validating.clear();
    maxValidations = -1;
    fileStore.close();
    sessions.expireAll();
    calls.reset();
  }

  /** Deletes the shared file store's binaries and their temporary directory. */
  void close() {
    fileStore.close();
  }

  // ---------------------------------------------------------------------------------------------

  private SimulatedMigration current(String migrationId) {
    SimulatedMigration migration = migrationId == null ? null : migrations.get(migrationId);
    if (migration == null) {
      throw SimulatorError.notFound("Migration '" + migrationId + "' not found");
    }
    migration.refresh(clock.instant());
    return migration;
  }

  private SimulatedGroup currentGroup(String groupId) {
    SimulatedGroup group = groupId == null ? null : groups.get(groupId);
    if (group == null) {
      throw SimulatorError.notFound("Migration group '" + groupId + "' not found");
    }
    group.refresh(clock.instant());
    return group;
  }

  private static boolean generateUndo(String header) {
    if (header == null || header.isBlank() || "true".equalsIgnoreCase(header.trim())) {
      return true;
    }
    if ("false".equalsIgnoreCase(header.trim())) {
      return false;
    }
    throw SimulatorError.invalidInput("generateUndo header must be 'true' or 'false', was '" + header + "'");
  }

  private <T> T counted(Endpoint endpoint, Supplier<T> call) {
    calls.receive(endpoint);
    T result = call.get();
    calls.accept(endpoint);
    SimulatedFaults.accepted(endpoint);
    return result;
  }
}
