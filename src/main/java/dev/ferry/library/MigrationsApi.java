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

  @RequestLine("POST /api/migrations")
  @Headers("Content-Type: application/json")
  JsonNode create(@HeaderMap Map<String, Object> headers, JsonNode body);

  @RequestLine("GET /api/migrations/{id}?showContent={showContent}")
  JsonNode get(@Param("id") String migrationId, @Param("showContent") String showContent,
      @HeaderMap Map<String, Object> headers);

  @RequestLine("GET /api/migrations?offset={offset}&limit={limit}")
  JsonNode list(@Param("offset") int offset, @Param("limit") int limit, @HeaderMap Map<String, Object> headers);

  @RequestLine("PATCH /api/migrations/{id}")
  @Headers("Content-Type: application/json")
  JsonNode patch(@Param("id") String migrationId, @HeaderMap Map<String, Object> headers, JsonNode body);

  @RequestLine("PUT /api/migrations/{id}")
  @Headers({"Content-Type: application/json", "Prefer: respond-async"})
  JsonNode put(@Param("id") String migrationId, @HeaderMap Map<String, Object> headers, JsonNode body);

  /** Validation on the target: answers 204 without a body. */
  @RequestLine("PUT /api/migrations/{id}/validation")
  @Headers("Content-Type: application/json")
  void validate(@Param("id") String migrationId, @HeaderMap Map<String, Object> headers, JsonNode body);

  /** Edit on the source: the Library rebuilds the package asynchronously. */
  @RequestLine("PUT /api/migrations/{id}/packageInfo")
  @Headers({"Content-Type: application/json", "Prefer: respond-async"})
  JsonNode editPackageInfo(@Param("id") String migrationId, @HeaderMap Map<String, Object> headers, JsonNode body);

  @RequestLine("DELETE /api/migrations?packageId={packageId}")
  void delete(@Param("packageId") String packageId, @HeaderMap Map<String, Object> headers);
}
