package dev.ferry.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration group as the Library returns it, kept whole, with accessors for the group's id and
 * its packages. The group id is {@code packageGroupId:importGroupId}.
 */
public record MigrationGroup(JsonNode body) {

  public MigrationGroup {
    body = body == null ? MissingNode.getInstance() : body;
  }

  public String id() {
    JsonNode id = body.path("id");
    return id.isMissingNode() || id.isNull() ? null : id.asText();
  }

  /** The source side of the id, which {@code DELETE ?packageGroupId=} takes. */
  public String packageGroupId() {
    String id = id();
    return id == null ? null : id.split(":", 2)[0];
  }

  public String importRequestStatus() {
    return body.path("importRequestStatus").asText(null);
  }

  /** Every package of the group, in the Library's order (alphabetical by project name). */
  public List<Migration> migrations() {
    List<Migration> migrations = new ArrayList<>();
    body.path("migrations").forEach(m -> migrations.add(new Migration(m)));
    return migrations;
  }

  /** The full definition for the target: a copy with {@code replicated = true} in every package. */
  public JsonNode asReplica() {
    if (!body.path("migrations").isArray()) {
      throw new IllegalStateException("Migration group " + id() + " has no migrations to replicate; read it from "
          + "the source with showContent=all");
    }
    ObjectNode copy = body.deepCopy();
    copy.get("migrations").forEach(m -> {
      if (!m.path("packageInfo").isObject()) {
        throw new IllegalStateException("A package of migration group " + id() + " has no packageInfo");
      }
      ((ObjectNode) m.get("packageInfo")).put("replicated", true);
    });
    return copy;
  }
}
