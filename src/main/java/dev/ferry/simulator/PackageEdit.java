package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of {@code PUT /api/migrations/{id}/packageInfo} on the source: the {@code packageInfo}
 * of {@code GET ?showContent=all} with a new {@code name}, {@code tocView} and {@code treeView}.
 * The Library takes only those three from it; {@code type} must be sent and be the package's,
 * {@code purpose} may be left out but cannot change, and the fields the Library sets itself
 * ({@code status}, {@code storage}, {@code creator}, …) are ignored, so a client may send back the
 * whole {@code packageInfo} it read. The state the migration must be in is checked by
 * {@link SimulatedMigration#edit}.
 */
record PackageEdit(String name, ObjectNode tocView, JsonNode treeView) {

  /** The purpose of a package created without one, as the Library reports it. */
  static final String DEFAULT_PURPOSE = "object_migration";

  /**
   * Checks {@code body} against the package it edits ({@code packageInfo} as kept now): the
   * answer holds the new name (the old one if none is sent), the content and the tree view
   * (null when none is sent).
   */
  static PackageEdit of(JsonNode body, JsonNode packageInfo) {
    if (body == null || !body.isObject()) {
      throw SimulatorError.invalidInput("Invalid JSON: the body must be the packageInfo of the migration, with "
          + "type, name and tocView");
    }
    String packageId = packageInfo.path("id").asText();
    String sentId = text(body, "id");
    if (sentId != null && !sentId.equals(packageId)) {
      throw SimulatorError.invalidInput("id '" + sentId + "' is not the id of this migration's package ('" + packageId
          + "'): send the packageInfo of the migration you edit");
    }
    String type = text(body, "type");
    String currentType = packageInfo.path("type").asText();
    if (type == null) {
      throw SimulatorError.missingField("type", "the package's type, '" + currentType + "'; it cannot change");
    }
    if (!type.equals(currentType)) {
      throw SimulatorError.invalidInput("type '" + type + "' differs from the package's type '" + currentType
          + "': the type of a migration cannot be edited; create a new migration for a " + type + " package");
    }
    String purpose = text(body, "purpose");
    String currentPurpose = packageInfo.path("purpose").asText(DEFAULT_PURPOSE);
    if (purpose != null && !purpose.equals(currentPurpose)) {
      throw SimulatorError.invalidInput("purpose '" + purpose + "' differs from the package's purpose '"
          + currentPurpose + "': the purpose of a migration cannot be edited; leave it out or send '"
          + currentPurpose + "'");
    }
    JsonNode name = body.path("name");
    if (!name.isMissingNode() && !name.isNull() && (!name.isTextual() || name.asText().isBlank())) {
      throw SimulatorError.invalidInput("name must be the new name of the package, but it is " + name
          + ": leave it out to keep '" + packageInfo.path("name").asText() + "'");
    }
    ObjectNode tocView = PackageContent.check(body.get("tocView"), "tocView");
    JsonNode treeView = body.get("treeView");
    if (treeView != null && !treeView.isNull() && !treeView.isObject() && !treeView.isTextual()) {
      throw SimulatorError.invalidInput("treeView must be an object or its JSON text, but it is " + treeView);
    }
    return new PackageEdit(name.isTextual() ? name.asText() : packageInfo.path("name").asText(), tocView,
        treeView == null || treeView.isNull() ? null : treeView);
  }
}
