package dev.ferry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Random and mutated bodies thrown at every start endpoint and straight at the engine: never a
 * 5xx, never an incident, and every instance that starts either ends as invalid or waits for a
 * person. The seed is fixed so a failure can be replayed; -Dfuzz.rounds=1500 searches longer.
 */
class StartFuzzTest extends MigrationScenario {

  private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 150);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @LocalServerPort int port;
  FerryHttp http;
  final Random random = new Random(20261122);

  @BeforeEach
  void client() {
    http = new FerryHttp(port);
  }

  @Test
  void mutatedBodiesNeverCauseAServerError() {
    Map<String, JsonNode> valid = Map.of(
        "/ferry/api/migrations", Requests.objectMigration("Fuzz"),
        "/ferry/api/migration-groups", Requests.group("Fuzz group", "Tutorial", "HR"),
        "/ferry/api/transfers", new ObjectMapper().createObjectNode().<ObjectNode>set("source",
            JSON.objectNode().put("environment", "dev").put("packageId", "ABC")).put("packageType", "configuration")
            .put("packagePurpose", "object_migration").set("target", JSON.objectNode().put("environment", "prod")));
    List<String> failures = new ArrayList<>();
    valid.forEach((path, body) -> {
      for (int round = 0; round < ROUNDS; round++) {
        String sent = round % 10 == 9 ? truncated(body.toString()) : mutate(body.deepCopy(), 1 + random.nextInt(4))
            .toString();
        FerryHttp.Answer answer = http.post(REQUESTER, "rita", path, sent);
        if (answer.status() >= 500 || (answer.status() != 201 && answer.status() != 400)) {
          failures.add(path + " answered " + answer.status() + " to " + sent + "\n  " + answer.body());
        }
      }
    });
    assertThat(failures).isEmpty();
  }

  @Test
  void mutatedBodiesStartedThroughTheEngineEndAsInvalidOrWaitForAPerson() {
    List<String> failures = new ArrayList<>();
    for (int round = 0; round < ROUNDS / 3; round++) {
      JsonNode body = mutate(Requests.objectMigration("Engine fuzz " + round), 1 + random.nextInt(3));
      ProcessInstance migration = runtime.startProcessInstanceByKey("migration",
          Map.of("request", SpinValues.jsonValue(body.toString()).create()));
      driver.runJobs(migration.getId());
      long incidents = driver.tree(migration.getId()).stream()
          .mapToLong(id -> runtime.createIncidentQuery().processInstanceId(id).count()).sum();
      Object outcome = variable(migration, "outcome");
      boolean waiting = task(migration, "request-import") != null;
      if (incidents > 0 || !("invalid".equals(outcome) || "failed".equals(outcome) || waiting)) {
        failures.add(body + " → outcome " + outcome + ", incidents " + incidents);
      }
    }
    assertThat(failures).isEmpty();
  }

  /** Changes {@code times} random places: removes fields, swaps types, inserts junk. */
  JsonNode mutate(JsonNode body, int times) {
    for (int i = 0; i < times; i++) {
      List<ContainerSlot> slots = new ArrayList<>();
      collect(body, slots);
      if (slots.isEmpty()) {
        return body;
      }
      ContainerSlot slot = slots.get(random.nextInt(slots.size()));
      JsonNode replacement = switch (random.nextInt(8)) {
        case 0 -> JSON.nullNode();
        case 1 -> JSON.numberNode(random.nextInt(2000) - 1000);
        case 2 -> JSON.textNode(junk());
        case 3 -> JSON.arrayNode().add(junk());
        case 4 -> JSON.objectNode().put(junk(), junk());
        case 5 -> JSON.booleanNode(random.nextBoolean());
        case 6 -> JSON.textNode("");
        default -> null;
      };
      slot.replace(replacement);
    }
    return body;
  }

  String junk() {
    String[] words = {"replace", "keep_both", "project", "configuration", "dev", "prod", "ü€\u0000", "{", "]", "\"",
        "9".repeat(40), "x".repeat(5000), "-1", "use_existing", "../etc/passwd"};
    return words[random.nextInt(words.length)];
  }

  String truncated(String json) {
    return json.substring(0, random.nextInt(json.length()));
  }

  record ContainerSlot(JsonNode parent, String field, int index) {
    void replace(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        if (value == null) {
          object.remove(field);
        } else {
          object.set(field, value);
        }
      } else if (parent instanceof ArrayNode array) {
        if (value == null) {
          array.remove(index);
        } else {
          array.set(index, value);
        }
      }
    }
  }

  static void collect(JsonNode node, List<ContainerSlot> slots) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        slots.add(new ContainerSlot(object, name, -1));
        collect(object.get(name), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new ContainerSlot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }
}
