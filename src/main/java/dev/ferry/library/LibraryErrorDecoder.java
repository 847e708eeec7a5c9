package dev.ferry.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;

/** Turns a Library error response ({@code code}, {@code message}, {@code iServerCode}, {@code ticketId}) into a {@link LibraryException}. */
class LibraryErrorDecoder implements ErrorDecoder {

  private static final int MAX_BODY = 64 * 1024;
  private final ObjectMapper mapper;

  LibraryErrorDecoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    return decode(response.request().httpMethod() + " " + path(response), response.status(), response.reason(),
        readBody(response));
  }

  /** The same for a response read outside Feign (the streaming calls). */
  LibraryException decode(String call, int status, String reason, String body) {
    String code = null;
    String message = null;
    Long iServerCode = null;
    String ticketId = null;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode json = mapper.readTree(body);
        code = text(json, "code");
        message = text(json, "message");
        iServerCode = json.hasNonNull("iServerCode") ? json.get("iServerCode").asLong() : null;
        ticketId = text(json, "ticketId");
      } catch (IOException notJson) {
        message = body.length() > 500 ? body.substring(0, 500) + "…" : body;
      }
    }
    if (message == null) {
      message = reason;
    }
    return new LibraryException(null, call, status, code, message, iServerCode, ticketId, null);
  }

  private static String path(Response response) {
    String url = response.request().url();
    int api = url.indexOf("/api/");
    String path = api >= 0 ? url.substring(api) : url;
    int query = path.indexOf('?');
    return query >= 0 ? path.substring(0, query) : path;
  }

  private static String text(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asText() : null;
  }

  private static String readBody(Response response) {
    if (response.body() == null) {
      return null;
    }
    try (InputStream in = response.body().asInputStream()) {
      return new String(in.readNBytes(MAX_BODY), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
