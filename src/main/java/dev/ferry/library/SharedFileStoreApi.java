package dev.ferry.library;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;

/**
 * The JSON half of {@code /api/mstrServices/library/storage/sharedFileStore/files}. File ids are
 * base64 and may hold a '/', which must stay encoded in the path.
 */
interface SharedFileStoreApi {

  @RequestLine("POST /api/mstrServices/library/storage/sharedFileStore/files")
  @Headers("Content-Type: application/json")
  JsonNode create(JsonNode metadata);

  @RequestLine(value = "GET /api/mstrServices/library/storage/sharedFileStore/files?type={type}&offset={offset}&limit={limit}")
  JsonNode list(@Param("type") String type, @Param("offset") int offset, @Param("limit") int limit);

  @RequestLine(value = "DELETE /api/mstrServices/library/storage/sharedFileStore/files/{fileId}", decodeSlash = false)
  @Headers("Content-Type: application/json")
  void delete(@Param("fileId") String fileId);
}
