package dev.ferry.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Small helpers for reading request bodies and keeping whatever the caller sent. */
final class JsonFields {

  private JsonFields() {
  }

  /** The text of a field, or null when it is absent, null or blank. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
  }

  static ObjectNode object(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isObject() ? (ObjectNode) value : null;
  }

  /** Copies the fields of {@code from} that {@code into} does not set itself: unknown fields survive. */
  static void keepOthers(JsonNode from, ObjectNode into) {
    if (from == null || !from.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : from.properties()) {
      if (!into.has(field.getKey())) {
        into.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }
}
