package dev.ferry.library;

import java.util.Map;

/**
 * Where a call goes: an environment and, for project packages, the project that the Library
 * expects in {@code X-MSTR-ProjectID}. Configuration packages carry no project, and then the
 * header must not be sent.
 */
public record LibraryScope(String environmentId, String projectId) {

  static final String PROJECT_HEADER = "X-MSTR-ProjectID";

  public static LibraryScope of(String environmentId, String projectId) {
    return new LibraryScope(environmentId, projectId == null || projectId.isBlank() ? null : projectId);
  }

  Map<String, Object> headers() {
    return projectId == null ? Map.of() : Map.of(PROJECT_HEADER, projectId);
  }
}
