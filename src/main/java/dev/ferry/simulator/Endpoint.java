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
  /** A PATCH that asks for nothing the Library supports. */
  PATCH_OTHER,
  PUT_MIGRATION,
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
  PUT_MIGRATION_GROUP,
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
    JsonNode importInfo = body == null ? null : body.path("importInfo");
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
