package dev.ferry.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Migration request bodies for the sandbox environments, shaped like the documentation's samples. */
public final class Requests {

  public static final String SOURCE_PROJECT = "B19DEDCC11D4E0EFC000EB9495D0F44F";
  public static final String TARGET_PROJECT = "C29DEDCC11D4E0EFC000EB9495D0F55A";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Requests() {
  }

  /** A project object migration from dev to prod with {@code objects} objects, every one with {@code action}. */
  public static ObjectNode objectMigration(String name, int objects, String action) {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode packageInfo = body.putObject("packageInfo");
    packageInfo.put("type", "project");
    packageInfo.put("name", name);
    packageInfo.putObject("environment").put("id", "dev").put("name", "Sandbox dev");
    packageInfo.putObject("project").put("id", SOURCE_PROJECT).put("name", "MicroStrategy Tutorial");
    ObjectNode toc = packageInfo.putObject("tocView");
    ObjectNode settings = toc.putObject("settings");
    settings.putArray("updateSchema").add("recal_table_logical_size");
    settings.put("aclOnReplacingObjects", "replace");
    settings.putArray("aclOnNewObjects").add("inherit_acl_as_dest_folder");
    settings.put("defaultAction", "replace");
    ArrayNode content = toc.putArray("content");
    for (int i = 0; i < objects; i++) {
      content.addObject().put("id", String.format("%032X", i + 1)).put("name", "Object " + (i + 1)).put("type", 12)
          .put("action", action).put("includeDependents", true);
    }
    packageInfo.putObject("treeView");
    ObjectNode importInfo = body.putObject("importInfo");
    importInfo.putObject("environment").put("id", "prod").put("name", "Sandbox prod");
    importInfo.putObject("project").put("id", TARGET_PROJECT).put("name", "MicroStrategy Tutorial (prod)");
    return body;
  }

  public static ObjectNode objectMigration(String name) {
    ObjectNode body = objectMigration(name, 2, "replace");
    ((ObjectNode) body.at("/packageInfo/tocView/content/1")).put("action", "use_existing");
    return body;
  }

  /** A configuration package: no project on either side, and so no X-MSTR-ProjectID header. */
  public static ObjectNode configurationMigration(String name) {
    ObjectNode body = objectMigration(name);
    ((ObjectNode) body.get("packageInfo")).put("type", "configuration").remove("project");
    ((ObjectNode) body.get("importInfo")).remove("project");
    return body;
  }

  /**
   * A migration group from dev to prod, shaped like the migration-groups page's sample: the
   * configuration package first, then one project package per name in {@code projects}
   * (a project's name may carry a simulator failure marker).
   */
  public static ObjectNode group(String name, String... projects) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("name", name);
    body.putObject("sourceEnvironment").put("id", "dev").put("name", "Sandbox dev");
    body.putObject("targetEnvironment").put("id", "prod").put("name", "Sandbox prod");
    body.putObject("treeView");
    ArrayNode migrations = body.putArray("migrations");
    ObjectNode configuration = migrations.addObject();
    ObjectNode configurationToc = configuration.putObject("packageInfo").put("type", "configuration").putObject("tocView");
    configurationToc.putObject("settings").put("aclOnReplacingObjects", "replace").put("defaultAction", "use_existing")
        .putArray("aclOnNewObjects").add("inherit_acl_as_dest_folder");
    configurationToc.putArray("content").addObject().put("id", "989875724CB91A7EC2E365BD0228EB50").put("type", 34)
        .put("action", "use_existing").put("includeDependents", false).put("level", "project_object");
    configuration.putObject("importInfo");
    for (int i = 0; i < projects.length; i++) {
      String projectId = String.format("%032X", 0xABC000 + i);
      ObjectNode migration = migrations.addObject();
      ObjectNode packageInfo = migration.putObject("packageInfo").put("type", "project");
      packageInfo.putObject("project").put("id", projectId).put("name", projects[i]);
      ObjectNode toc = packageInfo.putObject("tocView");
      toc.putObject("settings").put("aclOnReplacingObjects", "replace").put("defaultAction", "replace")
          .putArray("aclOnNewObjects").add("inherit_acl_as_dest_folder");
      ArrayNode content = toc.putArray("content");
      content.addObject().put("id", String.format("%032X", 0xDEF000 + 2 * i)).put("name", "Report " + i).put("type", 3)
          .put("action", "force_replace").put("includeDependents", false).put("level", "project_object");
      content.addObject().put("id", String.format("%032X", 0xDEF001 + 2 * i)).put("name", "Metric " + i).put("type", 4)
          .put("action", "use_existing").put("includeDependents", false).put("level", "project_object");
      migration.putObject("importInfo").putObject("project").put("id", projectId).put("name", projects[i]);
    }
    body.put("version", "2");
    return body;
  }

  /** A project merge, shaped like the project-merge page's sample. */
  public static ObjectNode projectMerge(String name) {
    ObjectNode body = objectMigration(name, 0, "replace");
    ObjectNode packageInfo = (ObjectNode) body.get("packageInfo");
    packageInfo.put("purpose", "project_merge");
    ((ObjectNode) packageInfo.get("tocView")).remove("content");
    ObjectNode settings = (ObjectNode) packageInfo.at("/tocView/settings");
    settings.put("defaultAction", "use_existing");
    settings.put("validateDependencies", true);
    settings.putArray("folderActions").addObject().put("id", "8D679D5111D3E4981000E787EC6DE8A4").put("action", "use_existing");
    settings.putArray("objectActions").addObject().put("id", "8D679D5111D3E4981000E787EC6DE8A4").put("action", "replace");
    settings.put("translationAction", "existing");
    return body;
  }
}
