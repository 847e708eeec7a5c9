package dev.ferry.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the approver needs to decide, read from the package as built on the source
 * ({@code GET ?showContent=all}): counts, not object lists, so its size does not grow with the
 * package (a 5,000-object package gives the same few lines as a 5-object one).
 */
public record PackageSummary(String name, String type, String purpose, String sourceEnvironment, String sourceProject,
    String targetEnvironment, String targetProject, int objectCount, Map<String, Integer> objectsByAction,
    List<String> settings, boolean undoPossible) {

  public static final String KEEP_BOTH_WARNING = "This package uses keep_both: the Library generates no undo package, "
      + "so this import cannot be undone.";

  public static PackageSummary of(JsonNode migration, String sourceEnvironment, String targetEnvironment) {
    JsonNode packageInfo = migration.path("packageInfo");
    JsonNode importInfo = migration.path("importInfo");
    JsonNode tocView = packageInfo.path("tocView");
    JsonNode settings = tocView.path("settings");
    String defaultAction = settings.path("defaultAction").asText("use_existing");

    Map<String, Integer> byAction = new TreeMap<>();
    JsonNode content = tocView.path("content");
    for (JsonNode object : content) {
      byAction.merge(object.path("action").asText(defaultAction), 1, Integer::sum);
    }
    List<String> lines = new ArrayList<>();
    lines.add("Default action: " + defaultAction);
    addRules(lines, settings, "folderActions", "folder rule");
    addRules(lines, settings, "objectTypeActions", "object type rule");
    addRules(lines, settings, "objectActions", "object rule");
    addSetting(lines, settings, "aclOnReplacingObjects", "ACL on replaced objects");
    addSetting(lines, settings, "aclOnNewObjects", "ACL on new objects");
    addSetting(lines, settings, "updateSchema", "Update schema");
    addSetting(lines, settings, "validateDependencies", "Validate dependencies");
    addSetting(lines, settings, "translationAction", "Translations");

    String purpose = packageInfo.path("purpose").asText(MigrationRequest.OBJECT_MIGRATION);
    return new PackageSummary(packageInfo.path("name").asText(), packageInfo.path("type").asText(), purpose,
        sourceEnvironment, project(packageInfo), targetEnvironment, project(importInfo), content.size(), byAction,
        lines, !PackageRules.usesKeepBoth(tocView));
  }

  /** "replace: 3, use_existing: 2", or the default action for a whole-project merge. */
  public String actionCounts() {
    if (objectsByAction.isEmpty()) {
      return MigrationRequest.PROJECT_MERGE.equals(purpose) ? "all objects of the project (see rules)" : "none";
    }
    StringBuilder text = new StringBuilder();
    objectsByAction.forEach((action, count) -> text.append(text.length() > 0 ? ", " : "").append(action).append(": ")
        .append(count));
    return text.toString();
  }

  /** The objects whose action changes or removes what is on the target. */
  public int riskyObjects() {
    return objectsByAction.entrySet().stream()
        .filter(e -> ConflictAction.of(e.getKey()).map(ConflictAction.RISKY::contains).orElse(false))
        .mapToInt(Map.Entry::getValue).sum();
  }

  public String undoWarning() {
    return undoPossible ? null : KEEP_BOTH_WARNING;
  }

  /** Markdown for the approval form. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    row(md, "Package", name);
    md.append("|---|---|\n");
    row(md, "Type", type + " (" + purpose + ")");
    row(md, "From", sourceEnvironment + (sourceProject == null ? "" : " / " + sourceProject));
    row(md, "To", targetEnvironment + (targetProject == null ? "" : " / " + targetProject));
    row(md, "Objects", objectCount + (objectCount == 0 ? "" : " (" + actionCounts() + ")"));
    if (riskyObjects() > 0) {
      row(md, "Changes or removes on target", riskyObjects() + (riskyObjects() == 1 ? " object" : " objects")
          + " (replace, force_replace or delete)");
    }
    row(md, "Undo", undoPossible ? "possible after import" : "NOT possible (keep_both)");
    md.append("\n**Settings**\n\n");
    for (String line : settings) {
      md.append("- ").append(line).append('\n');
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String label, String value) {
    md.append("| ").append(label).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
  }

  private static String project(JsonNode info) {
    JsonNode project = info.path("project");
    if (project.isMissingNode() || project.isNull()) {
      return null;
    }
    String name = project.path("name").asText(null);
    String id = project.path("id").asText(null);
    return name != null && !name.isBlank() ? name + " (" + id + ")" : id;
  }

  private static void addRules(List<String> lines, JsonNode settings, String field, String label) {
    JsonNode rules = settings.path(field);
    if (rules.isArray() && !rules.isEmpty()) {
      Map<String, Integer> byAction = new TreeMap<>();
      rules.forEach(rule -> byAction.merge(rule.path("action").asText("?"), 1, Integer::sum));
      lines.add(rules.size() + " " + label + (rules.size() == 1 ? "" : "s") + ": " + byAction.toString()
          .replace("{", "").replace("}", "").replace("=", " × "));
    }
  }

  private static void addSetting(List<String> lines, JsonNode settings, String field, String label) {
    JsonNode value = settings.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return;
    }
    String text = value.isArray() ? (value.isEmpty() ? "none" : join(value)) : value.asText();
    lines.add(label + ": " + text);
  }

  private static String join(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(item.asText()));
    return String.join(", ", items);
  }
}
