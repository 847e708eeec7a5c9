package dev.ferry.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroup;
import dev.ferry.migration.FerryVariables;
import dev.ferry.migration.PackageEdit;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The {@code packages} variable: one row per package of a group (project, type, package and
 * import status, progress, the Library's message), which Cockpit and the forms show. A JSON
 * variable, so a group of 100 packages fits where a String variable would not.
 */
public final class PackageList {

  public static final String VARIABLE = FerryVariables.PACKAGES;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PackageList() {
  }

  public static TypedValue of(MigrationGroup group) {
    ArrayNode rows = MAPPER.createArrayNode();
    for (Migration migration : group.migrations()) {
      ObjectNode row = rows.addObject();
      row.put("project", project(migration.body()));
      row.put("type", migration.body().path("packageInfo").path("type").asText(null));
      row.put("packageStatus", migration.packageStatus());
      row.put("importStatus", migration.importStatus());
      row.put("progress", migration.importStatus() == null || "pending".equals(migration.importStatus())
          ? migration.packageProgress() : migration.importProgress());
      String message = migration.importMessage() != null && !migration.importMessage().isBlank()
          ? migration.importMessage() : migration.packageMessage();
      row.put("message", message == null || message.isBlank() ? null : message);
    }
    return SpinValues.jsonValue(rows.toString()).create();
  }

  /** "Tutorial (B19D…)" for a project package, "configuration" for the configuration package. */
  public static String project(JsonNode migration) {
    return PackageEdit.project(migration);
  }
}
