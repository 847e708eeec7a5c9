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
  DELETE_PACKAGE;

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
}
