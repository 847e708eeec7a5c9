package dev.ferry.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading Ferry's problem+json answers: the fields its {@code violations} name, and what each says. */
public final class Problems {

  private Problems() {
  }

  /** The {@code field} of each violation, in order. */
  public static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("violations").forEach(v -> fields.add(v.get("field").asText()));
    return fields;
  }

  /** The message of the violation naming {@code field}; fails if there is none. */
  public static String message(JsonNode problem, String field) {
    for (JsonNode violation : problem.path("violations")) {
      if (field.equals(violation.get("field").asText())) {
        return violation.get("message").asText();
      }
    }
    throw new AssertionError("no violation for " + field + " in " + problem);
  }
}
