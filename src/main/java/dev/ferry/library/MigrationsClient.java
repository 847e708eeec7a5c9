package dev.ferry.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The documented {@code /api/migrations} calls, each with the session, project header and error context it needs. */
@Component
public class MigrationsClient {

  private final LibraryClients clients;

  public MigrationsClient(LibraryClients clients) {
    this.clients = clients;
  }

  /** {@code POST /api/migrations} on the source: starts building the package. */
  public Migration create(LibraryScope source, JsonNode request) {
    return new Migration(call(source, "POST /api/migrations", api -> api.create(source.headers(), request)));
  }

  /** {@code GET /api/migrations/{id}}, with the full content ({@code showContent=all}) when asked. */
  public Migration get(LibraryScope scope, String migrationId, boolean fullContent) {
    return new Migration(call(scope, "GET /api/migrations/" + migrationId + (fullContent ? "?showContent=all" : ""),
        api -> api.get(migrationId, fullContent ? "all" : null, scope.headers())));
  }

  /**
   * {@code PATCH /api/migrations/{id}} with {@code {"importInfo": {field: value}}}; the undo PATCHes
   * carry {@code prefer: respond-async}, as mstrio-py sends them ({@code Migration.reverse}).
   */
  public Migration patchImportInfo(LibraryScope scope, String migrationId, String field, String value) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("importInfo").put(field, value);
    Map<String, Object> headers = new HashMap<>(scope.headers());
    if ("undoRequestStatus".equals(field)) {
      headers.put("Prefer", "respond-async");
    }
    return new Migration(call(scope, "PATCH /api/migrations/" + migrationId + " " + field + "=" + value,
        api -> api.patch(migrationId, headers, body)));
  }

  /**
   * {@code PATCH /api/migrations/{id}} on the source with {@code {"importInfo": {"environment", "project"}}}:
   * where the package will be validated and imported ("Validate migrations", step 1).
   */
  public Migration setImportTarget(LibraryScope source, String migrationId, JsonNode environment, JsonNode project) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode importInfo = body.putObject("importInfo");
    importInfo.set("environment", environment);
    if (project != null && !project.isMissingNode() && !project.isNull()) {
      importInfo.set("project", project);
    }
    return new Migration(call(source, "PATCH /api/migrations/" + migrationId + " importInfo.environment",
        api -> api.patch(migrationId, source.headers(), body)));
  }

  /** {@code PUT /api/migrations/{id}/validation} on the target: merges without committing ("Validate migrations", step 3). */
  public void validate(LibraryScope target, String migrationId, JsonNode body) {
    call(target, "PUT /api/migrations/" + migrationId + "/validation", api -> {
      api.validate(migrationId, target.headers(), body);
      return null;
    });
  }

  /** {@code PATCH /api/migrations/{id}} on the source with {@code {"validation": {"status": "validating"}}} (step 4). */
  public Migration markValidating(LibraryScope source, String migrationId) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("validation").put("status", "validating");
    return new Migration(call(source, "PATCH /api/migrations/" + migrationId + " validation.status=validating",
        api -> api.patch(migrationId, source.headers(), body)));
  }

  /**
   * {@code PUT /api/migrations/{id}/packageInfo} on the source with {@code prefer: respond-async}:
   * the Library rebuilds the package from the edited {@code packageInfo} and answers
   * {@code {"id", "status": "creating", "progress"}}.
   */
  public JsonNode editPackageInfo(LibraryScope source, String migrationId, JsonNode packageInfo) {
    return call(source, "PUT /api/migrations/" + migrationId + "/packageInfo",
        api -> api.editPackageInfo(migrationId, source.headers(), packageInfo));
  }

  /** {@code PUT /api/migrations/{id}} on the target with {@code prefer: respond-async}: starts the import. */
  public Migration put(LibraryScope target, String migrationId, JsonNode definition) {
    return new Migration(call(target, "PUT /api/migrations/" + migrationId,
        api -> api.put(migrationId, target.headers(), definition)));
  }

  /** {@code DELETE /api/migrations?packageId=}. */
  public void delete(LibraryScope scope, String packageId) {
    call(scope, "DELETE /api/migrations?packageId=" + packageId, api -> {
      api.delete(packageId, scope.headers());
      return null;
    });
  }

  /** The most a Library lists in one page (mstrio-py: "Maximum value: 1000"). */
  public static final int MAX_PAGE = 1000;

  /**
   * {@code GET /api/migrations?offset=&limit=&packageInfo.purpose=}: one page, {@code {"total", "data"}},
   * of the migrations with these purposes (a comma list: {@code object_migration}, {@code project_merge},
   * {@code migration_from_shared_file_store}).
   */
  public JsonNode list(LibraryScope scope, String purposes, int offset, int limit) {
    if (limit < 1 || limit > MAX_PAGE || offset < 0) {
      throw new IllegalArgumentException("A Library lists 1 to " + MAX_PAGE + " migrations from offset 0 on; asked for "
          + limit + " from " + offset);
    }
    return call(scope, "GET /api/migrations?packageInfo.purpose=" + purposes,
        api -> api.list(offset, limit, purposes, scope.headers()));
  }

  private <T> T call(LibraryScope scope, String what, java.util.function.Function<MigrationsApi, T> call) {
    return clients.session(scope.environmentId()).call(MigrationsApi.class, what, call);
  }
}
