package dev.ferry.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.engine.FerryProperties;
import dev.ferry.migration.MigrationRules;
import dev.ferry.engine.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks a transfer request: where the package comes from (a migration or package on a source
 * Library, or a {@code .mmp} file handed to Ferry), what it is ({@code packageType},
 * {@code packagePurpose}, from the documented lists) and where it goes (a configured target, with
 * a project for project packages and none for configuration packages).
 */
@Component
public class TransferRules {

  static final Set<String> TYPES = Set.of("project", "project_security", "configuration");
  static final Set<String> PURPOSES = Set.of("object_migration", "project_merge");

  private final MigrationRules migrationRules;
  private final PackageStore store;
  private final FerryProperties properties;

  public TransferRules(MigrationRules migrationRules, PackageStore store, FerryProperties properties) {
    this.migrationRules = migrationRules;
    this.store = store;
    this.properties = properties;
  }

  public List<Violation> check(JsonNode body) {
    List<Violation> violations = new ArrayList<>();
    if (body == null || !body.isObject()) {
      violations.add(new Violation("request", "must be a JSON object with source (or file), target, packageType "
          + "and packagePurpose"));
      return violations;
    }
    JsonNode source = body.path("source");
    JsonNode file = body.path("file");
    if (source.isObject() == file.isObject()) {
      violations.add(new Violation("source", "give exactly one of source (a migration on a Library) or file "
          + "(a .mmp handed to Ferry)"));
    }
    if (source.isObject()) {
      migrationRules.checkEnvironment("source.environment", source.path("environment").asText(null), "source",
          violations);
      MigrationRules.checkId("source.migrationId", source.path("migrationId").asText(null), violations);
      MigrationRules.checkId("source.packageId", source.path("packageId").asText(null), violations);
      if (source.path("migrationId").asText("").isBlank() && source.path("packageId").asText("").isBlank()) {
        violations.add(new Violation("source.migrationId", "is required (or source.packageId): the package to "
            + "download"));
      }
    }
    if (file.isObject()) {
      checkFile(file, violations);
    }
    if (body.path("name").asText("").length() > MigrationRules.MAX_NAME) {
      violations.add(new Violation("name", "has more than " + MigrationRules.MAX_NAME + " characters"));
    }
    String type = body.path("packageType").asText(null);
    boolean describedBySource = source.hasNonNull("migrationId");
    if (type == null ? !describedBySource : !TYPES.contains(type)) {
      violations.add(new Violation("packageType", (type == null ? "is required" : Violation.quote(type) + " is not a package "
          + "type") + "; use one of: configuration, project, project_security"));
    }
    String purpose = body.path("packagePurpose").asText(null);
    if (purpose == null ? !describedBySource : !PURPOSES.contains(purpose)) {
      violations.add(new Violation("packagePurpose", (purpose == null ? "is required" : Violation.quote(purpose) + " is not a "
          + "package purpose") + "; use object_migration or project_merge"));
    }
    JsonNode target = body.path("target");
    migrationRules.checkEnvironment("target.environment", target.path("environment").asText(null), "target",
        violations);
    String project = target.path("project").path("id").asText(null);
    MigrationRules.checkId("target.project.id", project, violations);
    if ("configuration".equals(type) && project != null) {
      violations.add(new Violation("target.project", "must be left out: a configuration package is imported into "
          + "no project"));
    } else if (type != null && TYPES.contains(type) && !"configuration".equals(type) && (project == null || project.isBlank())) {
      violations.add(new Violation("target.project.id", "is required for a " + type + " package: the target project"));
    }
    return violations;
  }

  private void checkFile(JsonNode file, List<Violation> violations) {
    String name = file.path("name").asText("");
    if (name.length() > MigrationRules.MAX_NAME) {
      violations.add(new Violation("file.name", "has more than " + MigrationRules.MAX_NAME + " characters"));
    }
    if (!name.toLowerCase().endsWith(".mmp")) {
      violations.add(new Violation("file.name", Violation.quote(name) + " is not a migration package: the file must end in .mmp"));
    }
    long size = file.path("size").asLong(-1);
    long max = properties.getTransfer().getMaxPackageSize();
    if (size <= 0 || size > max) {
      violations.add(new Violation("file.size", size + " bytes: a package must have between 1 and " + max + " bytes"));
    }
    if (!file.path("sha256").asText("").matches("[0-9a-f]{64}")) {
      violations.add(new Violation("file.sha256", "must be the file's sha256 in 64 lowercase hex digits"));
    }
    if (!store.exists(file.path("stored").asText(null))) {
      violations.add(new Violation("file.stored", "no such file in Ferry's package store; hand the file to "
          + "POST /ferry/api/transfers as multipart"));
    }
  }
}
