package dev.ferry.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The calls a simulated Library counts, so tests can prove that Ferry did not create, approve or
 * import anything twice. A PATCH is counted by what it asks for.
 */
public enum Endpoint {
  LOGIN,
  LOGOUT,
  POST_MIGRATION,
  GET_MIGRATION,
  LIST_MIGRATIONS,
  PATCH_IMPORT_REQUESTED,
  PATCH_IMPORT_APPROVED,
  PATCH_IMPORT_REJECTED,
  PATCH_UNDO_REQUESTED,
  PATCH_UNDO_APPROVED,
  /** {@code PATCH {"importInfo": {"environment": …, "project": …}}}: names the target before a validation. */
  PATCH_IMPORT_TARGET,
  /** {@code PATCH {"validation": {"status": …}}} on the source: the target's validation began. */
  PATCH_VALIDATING,
  /** A PATCH that asks for nothing the Library supports. */
  PATCH_OTHER,
  PUT_MIGRATION,
  /** {@code PUT /api/migrations/{id}/validation} on the target: validates the package there. */
  PUT_VALIDATION,
  /** {@code PUT /api/migrations/{id}/packageInfo} on the source: edits the package and rebuilds it. */
  PUT_PACKAGE_INFO,
  DELETE_PACKAGE,
  POST_MIGRATION_GROUP,
  GET_MIGRATION_GROUP,
  LIST_MIGRATION_GROUPS,
  PATCH_GROUP_IMPORT_REQUESTED,
  PATCH_GROUP_IMPORT_APPROVED,
  PATCH_GROUP_IMPORT_REJECTED,
  PATCH_GROUP_UNDO_REQUESTED,
  PATCH_GROUP_UNDO_APPROVED,
  /** A group PATCH that asks for nothing the Library supports. */
  PATCH_GROUP_OTHER,
  /** {@code PUT /api/migrationGroups/{id}} on the target: imports the replicated group. */
  PUT_MIGRATION_GROUP,
  /** {@code PUT /api/migrationGroups/{id}} on the source, for a group created there: edits it and rebuilds it. */
  PUT_GROUP_EDIT,
  DELETE_PACKAGE_GROUP,
  /** {@code GET /api/migrations/packages/{packageId}/binary}. */
  DOWNLOAD_PACKAGE,
  /** {@code POST /api/migrations} with purpose {@code migration_from_shared_file_store}. */
  POST_MIGRATION_FROM_SHARED_FILE,
  /** {@code POST /api/mstrServices/library/storage/sharedFileStore/files}: the metadata. */
  POST_SHARED_FILE,
  /** {@code PUT …/sharedFileStore/files/{fileId}/binary}: the upload. */
  PUT_SHARED_FILE_BINARY,
  /** {@code GET …/sharedFileStore/files/{fileId}/binary}: the download. */
  GET_SHARED_FILE_BINARY,
  /** {@code GET …/sharedFileStore/files?type=migrations.packages}. */
  LIST_SHARED_FILES,
  /** {@code DELETE …/sharedFileStore/files/{fileId}}. */
  DELETE_SHARED_FILE;

  static Endpoint patch(JsonNode body) {
    if (body != null && body.has("validation") && !body.has("importInfo")) {
      return PATCH_VALIDATING;
    }
    JsonNode importInfo = body == null ? null : body.path("importInfo");
    if (importInfo != null && importInfo.isObject() && !importInfo.has("importRequestStatus")
        && !importInfo.has("undoRequestStatus") && (importInfo.has("environment") || importInfo.has("project"))) {
      return PATCH_IMPORT_TARGET;
    }
    if (importInfo == null || importInfo.size() != 1) {
      return PATCH_OTHER;
    }
    String value = importInfo.path("importRequestStatus").asText(importInfo.path("undoRequestStatus").asText(""));
    boolean importRequest = importInfo.has("importRequestStatus");
    return switch (value) {
      case "requested" -> importRequest ? PATCH_IMPORT_REQUESTED : PATCH_UNDO_REQUESTED;
      case "approved" -> importRequest ? PATCH_IMPORT_APPROVED : PATCH_UNDO_APPROVED;
      case "rejected" -> importRequest ? PATCH_IMPORT_REJECTED : PATCH_OTHER;
      default -> PATCH_OTHER;
    };
  }

  /** A group PATCH has a flat body: exactly one of {@code importRequestStatus} or {@code undoRequestStatus}. */
  static Endpoint groupPatch(JsonNode body) {
    if (body == null || !body.isObject() || body.size() != 1) {
      return PATCH_GROUP_OTHER;
    }
    boolean importRequest = body.has("importRequestStatus");
    if (!importRequest && !body.has("undoRequestStatus")) {
      return PATCH_GROUP_OTHER;
    }
    String value = body.path(importRequest ? "importRequestStatus" : "undoRequestStatus").asText("");
    return switch (value) {
      case "requested" -> importRequest ? PATCH_GROUP_IMPORT_REQUESTED : PATCH_GROUP_UNDO_REQUESTED;
      case "approved" -> importRequest ? PATCH_GROUP_IMPORT_APPROVED : PATCH_GROUP_UNDO_APPROVED;
      case "rejected" -> importRequest ? PATCH_GROUP_IMPORT_REJECTED : PATCH_GROUP_OTHER;
      default -> PATCH_GROUP_OTHER;
    };
  }
}
