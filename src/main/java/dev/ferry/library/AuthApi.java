package dev.ferry.library;

import feign.Headers;
import feign.RequestLine;
import feign.Response;
import java.util.Map;

/** {@code /api/auth}: the raw responses, because the token comes back in a header and the session in cookies. */
interface AuthApi {

  @RequestLine("POST /api/auth/login")
  @Headers("Content-Type: application/json")
  Response login(Map<String, Object> credentials);

  @RequestLine("POST /api/auth/logout")
  Response logout();
}
