package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.keepOthers;
import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The {@code tocView} of a package that is edited ({@code PUT /api/migrations/{id}/packageInfo},
 * {@code PUT /api/migrationGroups/{id}} on the source): the rules its settings and content must
 * keep, and the content as the Library writes it back once it has looked the objects up in the
 * metadata ({@code version}, {@code owner}, {@code dateCreated}, {@code dateModified},
 * {@code explicitIncluded}, {@code level}), as the documented {@code GET ?showContent=all} shows.
 *
 * <p>The values the simulator makes up for an object are stable: derived from its id, or taken
 * from the package's previous content when the object was in it already, so an object that stays
 * in a package keeps its name, version and dates across edits. Whatever the caller sent for an
 * object is kept as sent.
 */
final class PackageContent {

  /** The documented conflict actions. */
  static final Set<String> ACTIONS = Set.of("use_existing", "replace", "keep_both", "use_newer", "use_older",
      "force_replace", "delete");
  static final Set<String> UPDATE_SCHEMA = Set.of("recal_table_logical_size", "recal_table_keys_fact_entry_level",
      "update_schema_logical_info");
  static final Set<String> ACL_ON_REPLACING = Set.of("use_existing", "replace");
  static final Set<String> ACL_ON_NEW = Set.of("keep_acl_as_source_object", "inherit_acl_as_dest_folder");

  /** The owner of simulated metadata objects: the Library's Administrator, as in the documented samples. */
  private static final String ADMINISTRATOR = "54F3D26011D2896560009A8E67019608";
  private static final Instant OLDEST = Instant.parse("2001-01-02T00:00:00Z");

  private PackageContent() {
  }

  /**
   * Checks a {@code tocView} sent at {@code path} (such as {@code tocView} or
   * {@code migrations[1].packageInfo.tocView}): a non-empty {@code content} whose objects have an
   * {@code id} and a numeric {@code type}, conflict actions from the documented list, settings
   * with documented values. A missing field is {@code ERR007}, a wrong value {@code ERR006}.
   */
  static ObjectNode check(JsonNode tocView, String path) {
    if (tocView == null || tocView.isMissingNode() || tocView.isNull()) {
      throw SimulatorError.missingField(path, "the settings and content of the package");
    }
    if (!tocView.isObject()) {
      throw SimulatorError.invalidInput(path + " must be an object with settings and content, but it is "
          + kind(tocView));
    }
    checkSettings(tocView.path("settings"), path + ".settings");
    JsonNode content = tocView.path("content");
    if (content.isMissingNode() || content.isNull()) {
      throw SimulatorError.missingField(path + ".content", "the objects of the package, each with id, type and action");
    }
    if (!content.isArray()) {
      throw SimulatorError.invalidInput(path + ".content must be a list of objects, but it is " + kind(content));
    }
    if (content.isEmpty()) {
      throw SimulatorError.invalidInput(path + ".content is empty: a package needs at least one object "
          + "(id, type, action); to drop every object, delete the migration instead");
    }
    for (int i = 0; i < content.size(); i++) {
      checkObject(content.get(i), path + ".content[" + i + "]");
    }
    return (ObjectNode) tocView;
  }

  /**
   * The {@code tocView} as the Library keeps it after building the package: the settings as sent,
   * each content object completed the way {@code GET ?showContent=all} shows it. {@code previous}
   * is the package's content before the edit (values of objects that stay are taken from it);
   * {@code type} decides the {@code level} ({@code project_object} or {@code configuration_object}).
   */
  static ObjectNode completed(JsonNode sent, JsonNode previous, String type, Instant now) {
    Map<String, JsonNode> before = new HashMap<>();
    previous.path("content").forEach(object -> {
      if (text(object, "id") != null) {
        before.put(text(object, "id"), object);
      }
    });
    ObjectNode tocView = JsonNodeFactory.instance.objectNode();
    if (sent.has("settings")) {
      tocView.set("settings", sent.get("settings").deepCopy());
    }
    ArrayNode content = tocView.putArray("content");
    String level = "configuration".equals(type) ? "configuration_object" : "project_object";
    for (JsonNode object : sent.path("content")) {
      content.add(completedObject(object, before.getOrDefault(text(object, "id"), JsonNodeFactory.instance
          .objectNode()), level, now));
    }
    keepOthers(sent, tocView);
    return tocView;
  }

  // ---------------------------------------------------------------------------------------------

  private static void checkSettings(JsonNode settings, String path) {
    if (settings.isMissingNode() || settings.isNull()) {
      return; // the Library's defaults apply
    }
    if (!settings.isObject()) {
      throw SimulatorError.invalidInput(path + " must be an object, but it is " + kind(settings));
    }
    if (settings.has("defaultAction")) {
      checkAction(settings.get("defaultAction"), path + ".defaultAction");
    }
    checkList(settings, path, "updateSchema", UPDATE_SCHEMA);
    checkList(settings, path, "aclOnNewObjects", ACL_ON_NEW);
    if (settings.has("aclOnReplacingObjects")) {
      String acl = settings.get("aclOnReplacingObjects").asText();
      if (!ACL_ON_REPLACING.contains(acl)) {
        throw SimulatorError.invalidInput(path + ".aclOnReplacingObjects '" + acl + "' is not supported: use one of "
            + sorted(ACL_ON_REPLACING));
      }
    }
    for (String rules : List.of("folderActions", "objectTypeActions", "objectActions")) {
      JsonNode list = settings.path(rules);
      if (list.isMissingNode() || list.isNull()) {
        continue;
      }
      if (!list.isArray()) {
        throw SimulatorError.invalidInput(path + "." + rules + " must be a list, but it is " + kind(list));
      }
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).has("action")) {
          checkAction(list.get(i).get("action"), path + "." + rules + "[" + i + "].action");
        }
      }
    }
  }

  private static void checkList(JsonNode settings, String path, String field, Set<String> allowed) {
    JsonNode values = settings.path(field);
    if (values.isMissingNode() || values.isNull()) {
      return;
    }
    if (!values.isArray()) {
      throw SimulatorError.invalidInput(path + "." + field + " must be a list of values from " + sorted(allowed)
          + ", but it is " + kind(values));
    }
    for (int i = 0; i < values.size(); i++) {
      if (!allowed.contains(values.get(i).asText())) {
        throw SimulatorError.invalidInput(path + "." + field + "[" + i + "] '" + values.get(i).asText()
            + "' is not supported: use one of " + sorted(allowed));
      }
    }
  }

  private static void checkObject(JsonNode object, String path) {
    if (!object.isObject()) {
      throw SimulatorError.invalidInput(path + " must be an object with id, type and action, but it is "
          + kind(object));
    }
    if (text(object, "id") == null) {
      throw SimulatorError.missingField(path + ".id", "the id of the metadata object to migrate");
    }
    JsonNode type = object.path("type");
    if (type.isMissingNode() || type.isNull()) {
      throw SimulatorError.missingField(path + ".type", "the object's type number, such as 55 for a dossier");
    }
    if (!type.canConvertToInt() || !type.isIntegralNumber()) {
      throw SimulatorError.invalidInput(path + ".type must be the object's type number (such as 55 for a "
          + "dossier), but it is " + type);
    }
    if (object.has("action")) {
      checkAction(object.get("action"), path + ".action");
    }
  }

  private static void checkAction(JsonNode action, String path) {
    if (!action.isTextual() || !ACTIONS.contains(action.asText())) {
      throw SimulatorError.invalidInput(path + " " + (action.isTextual() ? "'" + action.asText() + "'" : action)
          + " is not a conflict action: use one of " + sorted(ACTIONS));
    }
  }

  private static ObjectNode completedObject(JsonNode sent, JsonNode before, String level, Instant now) {
    String id = text(sent, "id");
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("id", id);
    String name = text(sent, "name") != null ? text(sent, "name") : text(before, "name");
    if (name != null) {
      object.put("name", name);
    }
    object.put("version", firstOf(sent, before, "version", stableId("version", id)));
    object.set("type", sent.get("type").deepCopy());
    object.set("owner", sent.path("owner").isObject() ? sent.get("owner").deepCopy()
        : before.path("owner").isObject() ? before.get("owner").deepCopy()
        : JsonNodeFactory.instance.objectNode().put("id", ADMINISTRATOR));
    Instant created = stableInstant(id, "created", OLDEST, now);
    object.put("dateCreated", firstOf(sent, before, "dateCreated", LibraryTime.timestamp(created)));
    object.put("dateModified", firstOf(sent, before, "dateModified",
        LibraryTime.timestamp(stableInstant(id, "modified", created, now))));
    if (sent.has("action")) {
      object.set("action", sent.get("action").deepCopy());
    }
    object.put("includeDependents", sent.path("includeDependents").asBoolean(false));
    object.put("explicitIncluded", sent.path("explicitIncluded").asBoolean(true));
    object.put("level", text(sent, "level") != null ? text(sent, "level") : level);
    keepOthers(sent, object);
    return object;
  }

  private static String firstOf(JsonNode sent, JsonNode before, String field, String otherwise) {
    if (text(sent, field) != null) {
      return text(sent, field);
    }
    return text(before, field) != null ? text(before, field) : otherwise;
  }

  /** 32 upper-case hex digits, the same for the same object every time. */
  private static String stableId(String what, String objectId) {
    return UUID.nameUUIDFromBytes((what + ":" + objectId).getBytes(StandardCharsets.UTF_8)).toString()
        .replace("-", "").toUpperCase(Locale.ROOT);
  }

  /** A moment between {@code from} and {@code until}, the same for the same object every time; whole seconds. */
  private static Instant stableInstant(String objectId, String what, Instant from, Instant until) {
    long span = Math.max(1, Duration.between(from, until).toSeconds());
    long hash = UUID.nameUUIDFromBytes((what + ":" + objectId).getBytes(StandardCharsets.UTF_8))
        .getMostSignificantBits();
    return from.plusSeconds(Math.floorMod(hash, span));
  }

  private static String sorted(Set<String> values) {
    return String.join(", ", new TreeSet<>(values));
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case STRING -> "the text '" + node.asText() + "'";
      default -> node.toString();
    };
  }
}
