package dev.ferry.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * A package as its requester edits it: the name and the objects, one row per object with the
 * package it belongs to (for a group: "Tutorial (B19D…)" or "configuration"), its id, name,
 * type, conflict action and whether dependents come along. Read from the Library's
 * {@code showContent=all} answer, turned back into the body of {@code PUT .../packageInfo} (a
 * migration) or {@code PUT /api/migrationGroups/{id}} (a group). Everything the requester does not
 * edit (type, purpose, project, settings, storage) is sent back as the Library gave it.
 */
public record PackageEdit(String name, List<EditedObject> objects) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One object of the edited package. {@code type} and {@code includeDependents} may be null when left out. */
  public record EditedObject(String pkg, String id, String name, Integer type, String action,
      Boolean includeDependents) {
  }

  /** The package as it is now on the source, ready to be edited. */
  public static PackageEdit of(Migration migration) {
    JsonNode packageInfo = migration.body().path("packageInfo");
    return new PackageEdit(packageInfo.path("name").asText(null), rows(packageInfo, null));
  }

  /** The group as it is now on the source: its name and the objects of every package. */
  public static PackageEdit of(MigrationGroup group) {
    List<EditedObject> objects = new ArrayList<>();
    for (Migration migration : group.migrations()) {
      objects.addAll(rows(migration.body().path("packageInfo"), project(migration.body())));
    }
    return new PackageEdit(group.body().path("name").asText(null), objects);
  }

  /** How edited rows name a group's packages, in the Library's order: "Tutorial (B19D…)", "configuration". */
  public static List<String> packages(MigrationGroup group) {
    return group.migrations().stream().map(migration -> project(migration.body())).toList();
  }

  /** How a group names one of its packages: "Tutorial (B19D…)" for a project package, "configuration" for the configuration package. */
  public static String project(JsonNode migration) {
    JsonNode project = migration.path("packageInfo").path("project");
    String id = project.path("id").asText(null);
    if (id == null || id.isBlank()) {
      return "configuration";
    }
    String name = project.path("name").asText(null);
    return name == null || name.isBlank() ? id : name + " (" + id + ")";
  }

  private static List<EditedObject> rows(JsonNode packageInfo, String pkg) {
    List<EditedObject> rows = new ArrayList<>();
    for (JsonNode object : packageInfo.path("tocView").path("content")) {
      rows.add(new EditedObject(pkg, text(object.path("id")), text(object.path("name")),
          object.path("type").canConvertToInt() ? object.path("type").asInt() : null, text(object.path("action")),
          flag(object.path("includeDependents"))));
    }
    return rows;
  }

  /**
   * An edit as JSON: {@code {"name", "objects": [{"package", "id", "name", "type", "action",
   * "includeDependents"}]}}. Shapes it does not understand are left for {@link EditRules} to name.
   */
  public static PackageEdit read(String name, JsonNode objects) {
    List<EditedObject> rows = new ArrayList<>();
    if (objects != null && objects.isArray()) {
      for (JsonNode object : objects) {
        JsonNode type = object.path("type");
        Integer typeValue = type.isIntegralNumber() ? Integer.valueOf(type.asInt())
            : type.isTextual() && type.asText().strip().matches("-?\\d{1,9}") ? Integer.valueOf(type.asText().strip())
            : type.isNumber() && type.asDouble() == Math.rint(type.asDouble()) ? Integer.valueOf(type.asInt()) : null;
        JsonNode dependents = object.path("includeDependents");
        rows.add(new EditedObject(text(object.path("package")), text(object.path("id")), text(object.path("name")),
            typeValue, text(object.path("action")),
            flag(dependents)));
      }
    }
    return new PackageEdit(name == null ? null : name.strip(), rows);
  }

  /** The {@code editObjects} variable: a JSON array, so a package of thousands of objects fits. */
  public TypedValue objectsVariable() {
    return SpinValues.jsonValue(objectsJson().toString()).create();
  }

  public ArrayNode objectsJson() {
    ArrayNode array = MAPPER.createArrayNode();
    for (EditedObject object : objects) {
      ObjectNode row = array.addObject();
      if (object.pkg() != null) {
        row.put("package", object.pkg());
      }
      row.put("id", object.id());
      row.put("name", object.name());
      if (object.type() == null) {
        row.putNull("type");
      } else {
        row.put("type", object.type());
      }
      row.put("action", object.action());
      if (object.includeDependents() != null) {
        row.put("includeDependents", object.includeDependents());
      }
    }
    return array;
  }

  /**
   * The body of {@code PUT /api/migrations/{id}/packageInfo}: the source's {@code packageInfo}
   * (type, purpose, project, everything) with the edited name, {@code tocView.content}, and a
   * {@code treeView} that keeps only the objects still in the package, with their new actions.
   */
  public ObjectNode packageInfoBody(Migration current) {
    ObjectNode packageInfo = ((ObjectNode) current.body().path("packageInfo")).deepCopy();
    if (name != null) {
      packageInfo.put("name", name);
    }
    ObjectNode tocView = packageInfo.path("tocView").isObject() ? (ObjectNode) packageInfo.get("tocView")
        : packageInfo.putObject("tocView");
    tocView.set("content", content(objects));
    JsonNode treeView = treeView(packageInfo.path("treeView"), objects);
    if (treeView != null) {
      packageInfo.set("treeView", treeView);
    } else {
      packageInfo.remove("treeView"); // a tree view Ferry cannot read must not bring removed objects back
    }
    return packageInfo;
  }

  /**
   * The body of {@code PUT /api/migrationGroups/{id}} (edit): the name, the group's tree view, and
   * one migration per package that still has objects, each with its type, purpose, project,
   * settings and the import's project as the Library gave them.
   */
  public ObjectNode groupBody(MigrationGroup current) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("name", name == null ? current.body().path("name").asText() : name);
    JsonNode treeView = parse(current.body().path("treeView"));
    body.set("treeView", treeView == null ? MAPPER.createObjectNode() : treeView);
    ArrayNode migrations = body.putArray("migrations");
    Map<String, List<EditedObject>> byPackage = byPackage();
    for (Migration migration : current.migrations()) {
      List<EditedObject> kept = byPackage.get(project(migration.body()));
      if (kept == null || kept.isEmpty()) {
        continue; // every object of this package was removed: the package leaves the group
      }
      JsonNode source = migration.body().path("packageInfo");
      ObjectNode entry = migrations.addObject();
      ObjectNode packageInfo = entry.putObject("packageInfo");
      for (String field : List.of("type", "purpose", "project")) {
        if (source.has(field)) {
          packageInfo.set(field, source.get(field).deepCopy());
        }
      }
      ObjectNode tocView = packageInfo.putObject("tocView");
      if (source.path("tocView").has("settings")) {
        tocView.set("settings", source.path("tocView").get("settings").deepCopy());
      }
      tocView.set("content", content(kept));
      ObjectNode importInfo = entry.putObject("importInfo");
      JsonNode importProject = migration.body().path("importInfo").path("project");
      if (importProject.isObject() && importProject.size() > 0) {
        importInfo.set("project", importProject.deepCopy());
      }
    }
    return body;
  }

  /** The objects by package label, in the order they were given. */
  public Map<String, List<EditedObject>> byPackage() {
    Map<String, List<EditedObject>> byPackage = new LinkedHashMap<>();
    for (EditedObject object : objects) {
      byPackage.computeIfAbsent(object.pkg(), key -> new ArrayList<>()).add(object);
    }
    return byPackage;
  }

  /** Whether the Library's rebuilt package holds exactly these objects with these actions (and this name). */
  public boolean matches(Migration migration) {
    return sameAs(of(migration));
  }

  public boolean matches(MigrationGroup group) {
    return sameAs(of(group));
  }

  private boolean sameAs(PackageEdit built) {
    if (name != null && !name.equals(built.name())) {
      return false;
    }
    Set<String> wanted = new HashSet<>();
    objects.forEach(o -> wanted.add(o.pkg() + "|" + o.id() + "|" + o.action()));
    Set<String> found = new HashSet<>();
    built.objects().forEach(o -> found.add(o.pkg() + "|" + o.id() + "|" + o.action()));
    return wanted.equals(found);
  }

  private static ArrayNode content(List<EditedObject> objects) {
    ArrayNode content = MAPPER.createArrayNode();
    for (EditedObject object : objects) {
      ObjectNode item = content.addObject();
      item.put("id", object.id());
      if (object.name() != null) {
        item.put("name", object.name());
      }
      if (object.type() != null) {
        item.put("type", object.type());
      }
      if (object.action() != null) {
        item.put("action", object.action());
      }
      item.put("includeDependents", Boolean.TRUE.equals(object.includeDependents()));
    }
    return content;
  }

  /** The source's tree view (a JSON string or object) keeping only the edited objects, with their actions. */
  private static JsonNode treeView(JsonNode treeView, List<EditedObject> objects) {
    JsonNode tree = parse(treeView);
    if (tree == null || !tree.isObject()) {
      return null;
    }
    Map<String, String> actions = new LinkedHashMap<>();
    objects.forEach(o -> actions.put(o.id(), o.action()));
    JsonNode items = tree.path("treeViewContent");
    if (items.isArray()) {
      ArrayNode kept = MAPPER.createArrayNode();
      for (JsonNode item : items) {
        String id = item.path("id").asText(null);
        if (id != null && actions.containsKey(id)) {
          ObjectNode copy = item.deepCopy();
          if (actions.get(id) != null) {
            copy.put("action", actions.get(id));
          }
          kept.add(copy);
        }
      }
      ((ObjectNode) tree).set("treeViewContent", kept);
    }
    return tree;
  }

  private static JsonNode parse(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      try {
        return value.asText().isBlank() ? null : MAPPER.readTree(value.asText());
      } catch (JsonProcessingException e) {
        return null;
      }
    }
    return value.deepCopy();
  }

  /** true, false, "true", "false", or null when left out (or not a flag). */
  private static Boolean flag(JsonNode node) {
    if (node.isBoolean()) {
      return Boolean.valueOf(node.asBoolean());
    }
    String text = node.isTextual() ? node.asText() : null;
    return "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
