package dev.ferry.library;

import com.fasterxml.jackson.databind.JsonNode;
import feign.HeaderMap;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.Map;

/**
 * {@code /api/migrations} as documented in "Object migration between environments". Bodies are
 * JSON trees so that nothing the Library sends is dropped on the way back. {@code headers}
 * carries {@code X-MSTR-ProjectID} for project packages and nothing for configuration packages.
 */
interface MigrationsApi {

  /** {@code prefer: respond-async} as mstrio-py sends it; the documentation shows no {@code prefer} and answers the same. */
  @RequestLine("POST /api/migrations")
  @Headers({"Content-Type: application/json", "Prefer: respond-async"})
  JsonNode create(@HeaderMap Map<String, Object> headers, JsonNode body);

  @RequestLine("GET /api/migrations/{id}?showContent={showContent}")
  JsonNode get(@Param("id") String migrationId, @Param("showContent") String showContent,
      @HeaderMap Map<String, Object> headers);

  /**
   * One page, {@code {"total", "data"}}. Without {@code packageInfo.purpose} a Library lists only
   * {@code object_migration} packages (mstrio-py), so the purpose is always sent.
   */
  @RequestLine("GET /api/migrations?offset={offset}&limit={limit}&packageInfo.purpose={purpose}")
  JsonNode list(@Param("offset") int offset, @Param("limit") int limit, @Param("purpose") String purpose,
      @HeaderMap Map<String, Object> headers);

  @RequestLine("PATCH /api/migrations/{id}")
  @Headers("Content-Type: application/json")
  JsonNode patch(@Param("id") String migrationId, @HeaderMap Map<String, Object> headers, JsonNode body);

  /**
   * The import on the target. {@code generateUndo} travels both ways a Library may read it: as the
   * query parameter mstrio-py sends ({@code start_migration}) and as the header the group page documents.
   */
  @RequestLine("PUT /api/migrations/{id}?generateUndo=true")
  @Headers({"Content-Type: application/json", "Prefer: respond-async", "generateUndo: true"})
  JsonNode put(@Param("id") String migrationId, @HeaderMap Map<String, Object> headers, JsonNode body);

  /**
   * Validation on the target: the documentation answers 204 without a body, mstrio-py expects 202
   * and sends {@code prefer: respond-async}; both are read as success and nothing of the answer is read.
   */
  @RequestLine("PUT /api/migrations/{id}/validation")
  @Headers({"Content-Type: application/json", "Prefer: respond-async"})
  void validate(@Param("id") String migrationId, @HeaderMap Map<String, Object> headers, JsonNode body);

  /** Edit on the source: the Library rebuilds the package asynchronously. */
  @RequestLine("PUT /api/migrations/{id}/packageInfo")
  @Headers({"Content-Type: application/json", "Prefer: respond-async"})
  JsonNode editPackageInfo(@Param("id") String migrationId, @HeaderMap Map<String, Object> headers, JsonNode body);

  @RequestLine("DELETE /api/migrations?packageId={packageId}")
  void delete(@Param("packageId") String packageId, @HeaderMap Map<String, Object> headers);
}
