package dev.ferry.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A migration as the Library returns it: the whole JSON tree, kept intact so it can be sent back
 * unchanged, with typed accessors for the few fields Ferry reads.
 */
public record Migration(JsonNode body) {

  public Migration {
    body = body == null ? MissingNode.getInstance() : body;
  }

  public String id() { return text(body.path("id")); }
  public String packageId() { return text(body.path("packageInfo").path("id")); }
  public String packageStatus() { return text(body.path("packageInfo").path("status")); }
  public int packageProgress() { return body.path("packageInfo").path("progress").asInt(0); }
  public String packageMessage() { return text(body.path("packageInfo").path("message")); }
  public String importStatus() { return text(body.path("importInfo").path("status")); }
  public String importRequestStatus() { return text(body.path("importInfo").path("importRequestStatus")); }
  public String undoRequestStatus() { return text(body.path("importInfo").path("undoRequestStatus")); }
  public int importProgress() { return body.path("importInfo").path("progress").asInt(0); }
  public String importMessage() { return text(body.path("importInfo").path("message")); }

  /** The undo package the Library generated at import; empty with {@code keep_both} rules. */
  public boolean hasUndoPackage() {
    JsonNode undo = body.path("importInfo").path("undoStorage");
    return undo.isObject() && undo.hasNonNull("path") && !undo.get("path").asText().isBlank();
  }

  /** The full definition to send to the target: a copy of this body with {@code packageInfo.replicated = true}. */
  public JsonNode asReplica() {
    if (!body.path("packageInfo").isObject()) {
      throw new IllegalStateException("Migration " + id() + " has no packageInfo to replicate; read it from the "
          + "source with showContent=all");
    }
    ObjectNode copy = body.deepCopy();
    ((ObjectNode) copy.get("packageInfo")).put("replicated", true);
    return copy;
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
