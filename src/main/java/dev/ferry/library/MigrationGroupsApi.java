package dev.ferry.library;

import com.fasterxml.jackson.databind.JsonNode;
import feign.HeaderMap;
import feign.Headers;
import java.util.Map;
import feign.Param;
import feign.RequestLine;

/**
 * {@code /api/migrationGroups} as documented in "Object migration groups between environments".
 * Groups carry their projects in the body; no {@code X-MSTR-ProjectID} header is sent.
 */
interface MigrationGroupsApi {

  @RequestLine("POST /api/migrationGroups")
  @Headers("Content-Type: application/json")
  JsonNode create(JsonNode body);

  @RequestLine("GET /api/migrationGroups?offset={offset}&limit={limit}")
  JsonNode list(@Param("offset") int offset, @Param("limit") int limit);

  @RequestLine("GET /api/migrationGroups/{id}?showContent={showContent}")
  JsonNode get(@Param("id") String groupId, @Param("showContent") String showContent);

  /** The undo PATCHes carry {@code prefer: respond-async}, as documented; {@code headers} holds it. */
  @RequestLine("PATCH /api/migrationGroups/{id}")
  @Headers("Content-Type: application/json")
  JsonNode patch(@Param("id") String groupId, @HeaderMap Map<String, Object> headers, JsonNode body);

  /** {@code generateUndo} as the documented header and, as mstrio-py sends it for a migration, as a query parameter. */
  @RequestLine("PUT /api/migrationGroups/{id}?generateUndo=true")
  @Headers({"Content-Type: application/json", "Prefer: respond-async", "generateUndo: true"})
  JsonNode put(@Param("id") String groupId, JsonNode body);

  /** The same path on the source edits the group: only {@code prefer: respond-async}, no {@code generateUndo}. */
  @RequestLine("PUT /api/migrationGroups/{id}")
  @Headers({"Content-Type: application/json", "Prefer: respond-async"})
  JsonNode edit(@Param("id") String groupId, JsonNode body);

  @RequestLine("DELETE /api/migrationGroups?packageGroupId={packageGroupId}")
  void delete(@Param("packageGroupId") String packageGroupId);
}
