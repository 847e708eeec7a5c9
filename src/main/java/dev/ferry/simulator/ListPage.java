package dev.ferry.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A page of a Library list as mstrio-py reads it: {@code {"total": <all that match>, "data": [...]}},
 * at most 1000 items ("Maximum value: 1000"), from {@code offset} on.
 */
final class ListPage {

  static final int MAX_LIMIT = 1000;
  static final Set<String> PURPOSES = Set.of("object_migration", "project_merge", "migration_from_shared_file_store");

  private ListPage() {
  }

  static void check(int offset, int limit) {
    if (offset < 0) {
      throw SimulatorError.invalidInput("offset must be zero or positive, was " + offset);
    }
    if (limit == 0 || limit > MAX_LIMIT) {
      throw SimulatorError.invalidInput("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** A negative limit (none given) is the largest page. */
  static long size(int limit) {
    return limit < 0 ? MAX_LIMIT : limit;
  }

  static ObjectNode of(long total, Stream<? extends JsonNode> items) {
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    page.put("total", total);
    ArrayNode data = page.putArray("data");
    items.forEach(data::add);
    return page;
  }

  /** {@code packageInfo.purpose}: a comma list; none means {@code object_migration} only. */
  static Set<String> purposes(String commaList) {
    if (commaList == null || commaList.isBlank()) {
      return Set.of("object_migration");
    }
    Set<String> purposes = Arrays.stream(commaList.split(",")).map(String::trim).filter(p -> !p.isEmpty())
        .collect(Collectors.toSet());
    for (String purpose : purposes) {
      if (!PURPOSES.contains(purpose)) {
        throw SimulatorError.invalidInput("packageInfo.purpose '" + purpose + "' is not supported: use a comma list of "
            + String.join(", ", new java.util.TreeSet<>(PURPOSES)));
      }
    }
    return purposes;
  }
}
