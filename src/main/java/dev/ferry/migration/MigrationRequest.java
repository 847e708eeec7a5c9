package dev.ferry.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code POST /api/migrations} body, exactly as the user sent it, with typed accessors for
 * what Ferry reads. The source project is not part of the documented body (the Library takes it
 * from {@code X-MSTR-ProjectID}); Ferry reads it from {@code packageInfo.project}, the field the
 * Library itself returns on {@code GET}.
 */
public record MigrationRequest(JsonNode body) {

  public static final String OBJECT_MIGRATION = "object_migration";
  public static final String PROJECT_MERGE = "project_merge";
  public static final String PROJECT = "project";
  public static final String CONFIGURATION = "configuration";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public static MigrationRequest parse(String json) {
    try {
      return new MigrationRequest(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode packageInfo() { return body.path("packageInfo"); }
  public JsonNode importInfo() { return body.path("importInfo"); }

  public String type() { return text(packageInfo().path("type")); }
  public String name() { return text(packageInfo().path("name")); }

  /** {@code packageInfo.purpose}; the Library treats a missing purpose as object migration. */
  public String purpose() {
    String purpose = text(packageInfo().path("purpose"));
    return purpose == null ? OBJECT_MIGRATION : purpose;
  }

  public boolean isProjectPackage() { return PROJECT.equals(type()); }
  public String sourceEnvironmentId() { return text(packageInfo().path("environment").path("id")); }
  public String targetEnvironmentId() { return text(importInfo().path("environment").path("id")); }
  public String sourceProjectId() { return text(packageInfo().path("project").path("id")); }
  public String targetProjectId() { return text(importInfo().path("project").path("id")); }
  public String sourceProjectName() { return text(packageInfo().path("project").path("name")); }
  public String targetProjectName() { return text(importInfo().path("project").path("name")); }

  /** The body to send to the Library: the user's own, untouched. */
  public JsonNode libraryBody() { return body; }

  static String text(JsonNode node) {
    return node == null || node instanceof MissingNode || node.isNull() ? null : node.asText();
  }
}
