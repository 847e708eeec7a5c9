package dev.ferry.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Where a package's conflict actions live ({@code tocView.settings.defaultAction},
 * {@code folderActions}, {@code objectTypeActions}, {@code objectActions} and each
 * {@code tocView.content[]} entry) and the documented setting values. Shared by request
 * validation and the approval summary, so both read a package the same way.
 */
public final class PackageRules {

  static final Set<String> UPDATE_SCHEMA = Set.of("recal_table_logical_size", "recal_table_keys_fact_entry_level",
      "update_schema_logical_info");
  static final Set<String> ACL_ON_REPLACING = Set.of("use_existing", "replace");
  static final Set<String> ACL_ON_NEW = Set.of("keep_acl_as_source_object", "inherit_acl_as_dest_folder");

  private PackageRules() {
  }

  /** Calls {@code visitor} with (JSON path, action text) for every conflict action in a {@code tocView}. */
  public static void forEachAction(JsonNode tocView, BiConsumer<String, String> visitor) {
    forEachAction("packageInfo.tocView", tocView, visitor);
  }

  /** The same, with paths under {@code path} (a group's packages live at {@code migrations[i].packageInfo.tocView}). */
  public static void forEachAction(String path, JsonNode tocView, BiConsumer<String, String> visitor) {
    JsonNode settings = tocView.path("settings");
    if (settings.has("defaultAction")) {
      visitor.accept(path + ".settings.defaultAction", settings.get("defaultAction").asText());
    }
    for (String list : List.of("folderActions", "objectTypeActions", "objectActions")) {
      JsonNode rules = settings.path(list);
      // a request may carry anything: only a list is walked (an object's size() counts its fields)
      for (int i = 0; rules.isArray() && i < rules.size(); i++) {
        if (rules.get(i).has("action")) {
          visitor.accept(path + ".settings." + list + "[" + i + "].action",
              rules.get(i).get("action").asText());
        }
      }
    }
    JsonNode content = tocView.path("content");
    for (int i = 0; content.isArray() && i < content.size(); i++) {
      if (content.get(i).has("action")) {
        visitor.accept(path + ".content[" + i + "].action", content.get(i).get("action").asText());
      }
    }
  }

  /** The Library generates no undo package when any rule is {@code keep_both}. */
  public static boolean usesKeepBoth(JsonNode tocView) {
    List<String> found = new ArrayList<>();
    forEachAction(tocView, (path, action) -> {
      if (ConflictAction.KEEP_BOTH.value().equals(action)) {
        found.add(path);
      }
    });
    return !found.isEmpty();
  }
}
