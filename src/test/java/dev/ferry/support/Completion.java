package dev.ferry.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of Camunda's {@code POST /task/{id}/complete} and {@code /submit-form}:
 * {@code {"variables": {"name": {"value": …, "type": …}}}}, typed from the Java value
 * ({@link Json} for a JSON variable, as Tasklist's forms send their lists).
 */
public final class Completion {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Map<String, Object> variables = new LinkedHashMap<>();

  /** A JSON variable (Camunda type {@code Json}), given as JSON text. */
  public record Json(String text) {
  }

  /** A variable exactly as given, e.g. {@code {"value": {"a": 1}}} with no type, or a type Camunda cannot read. */
  public record Raw(String variable) {
  }

  public static Completion with(Object... namesAndValues) {
    Completion completion = new Completion();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      completion.variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return completion;
  }

  public Completion and(String name, Object value) {
    variables.put(name, value);
    return this;
  }

  /** The variables as given, in order. */
  public Map<String, Object> variables() {
    return java.util.Collections.unmodifiableMap(variables);
  }

  public String json() {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode vars = body.putObject("variables");
    variables.forEach((name, value) -> {
      if (value instanceof Raw raw) {
        try {
          vars.set(name, MAPPER.readTree(raw.variable()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return;
      }
      ObjectNode variable = vars.putObject(name);
      if (value == null) {
        variable.putNull("value");
      } else if (value instanceof Json json) {
        variable.put("value", json.text()).put("type", "Json");
      } else {
        variable.set("value", MAPPER.valueToTree(value));
        variable.put("type", value instanceof Boolean ? "Boolean" : value instanceof Integer ? "Integer"
            : value instanceof Long ? "Long" : value instanceof Double ? "Double" : "String");
      }
    });
    return body.toString();
  }

  @Override
  public String toString() {
    return json();
  }
}
