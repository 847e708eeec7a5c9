package dev.ferry.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** The documented {@code /api/migrationGroups} calls. */
@Component
public class MigrationGroupsClient {

  private final LibraryClients clients;

  public MigrationGroupsClient(LibraryClients clients) {
    this.clients = clients;
  }

  /** {@code POST /api/migrationGroups} on the source: the Library starts building every package. */
  public MigrationGroup create(String environmentId, JsonNode request) {
    return new MigrationGroup(call(environmentId, "POST /api/migrationGroups", api -> api.create(request)));
  }

  public MigrationGroup get(String environmentId, String groupId, boolean fullContent) {
    return new MigrationGroup(call(environmentId, "GET /api/migrationGroups/" + groupId
        + (fullContent ? "?showContent=all" : ""), api -> api.get(groupId, fullContent ? "all" : null)));
  }

  /** {@code PATCH /api/migrationGroups/{id}} with {@code {field: value}} (import or undo request status). */
  public MigrationGroup patch(String environmentId, String groupId, String field, String value) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put(field, value);
    return new MigrationGroup(call(environmentId, "PATCH /api/migrationGroups/" + groupId + " " + field + "=" + value,
        api -> api.patch(groupId, "undoRequestStatus".equals(field) ? Map.of("Prefer", "respond-async") : Map.of(),
            body)));
  }

  /** {@code PUT /api/migrationGroups/{id}} on the target, {@code prefer: respond-async}, {@code generateUndo: true}. */
  public MigrationGroup put(String environmentId, String groupId, JsonNode definition) {
    return new MigrationGroup(call(environmentId, "PUT /api/migrationGroups/" + groupId,
        api -> api.put(groupId, definition)));
  }

  /**
   * {@code PUT /api/migrationGroups/{id}} on the source, {@code prefer: respond-async}: edits the
   * group (name, tree view, migrations); the Library rebuilds every package, failing fast.
   */
  public MigrationGroup edit(String environmentId, String groupId, JsonNode edited) {
    return new MigrationGroup(call(environmentId, "PUT /api/migrationGroups/" + groupId + " (edit)",
        api -> api.edit(groupId, edited)));
  }

  /**
   * {@code GET /api/migrationGroups}: one page of the groups the Library keeps. Documented nowhere
   * (neither the pages nor mstrio-py); read as the other lists are, {@code {"total", "data"}}.
   */
  public JsonNode list(String environmentId, int offset, int limit) {
    if (limit < 1 || limit > MigrationsClient.MAX_PAGE || offset < 0) {
      throw new IllegalArgumentException("A Library lists 1 to " + MigrationsClient.MAX_PAGE
          + " groups from offset 0 on; asked for " + limit + " from " + offset);
    }
    return call(environmentId, "GET /api/migrationGroups", api -> api.list(offset, limit));
  }

  public void delete(String environmentId, String packageGroupId) {
    call(environmentId, "DELETE /api/migrationGroups?packageGroupId=" + packageGroupId, api -> {
      api.delete(packageGroupId);
      return null;
    });
  }

  private <T> T call(String environmentId, String what, Function<MigrationGroupsApi, T> call) {
    return clients.session(environmentId).call(MigrationGroupsApi.class, what, call);
  }
}
