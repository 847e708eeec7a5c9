package dev.ferry.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The conflict rules of a package. The Library generates no undo package when {@code keep_both}
 * appears anywhere: default action, folder, object type or object actions, or a content entry.
 */
final class ConflictRules {

  private static final String KEEP_BOTH = "keep_both";

  private ConflictRules() {
  }

  static boolean keepBothIn(JsonNode packageInfo) {
    return mentionsKeepBoth(packageInfo.path("tocView")) || mentionsKeepBoth(packageInfo.path("treeView"));
  }

  private static boolean mentionsKeepBoth(JsonNode node) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (mentionsKeepBoth(element)) {
          return true;
        }
      }
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        boolean isRule = field.getKey().equals("action") || field.getKey().equals("defaultAction");
        if ((isRule && KEEP_BOTH.equals(field.getValue().asText())) || mentionsKeepBoth(field.getValue())) {
          return true;
        }
      }
    }
    return false;
  }
}
