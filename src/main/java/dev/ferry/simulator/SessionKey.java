package dev.ferry.simulator;

/**
 * What a client must send with every call after login: the {@code X-MSTR-AuthToken} header and
 * the {@code JSESSIONID} cookie of the same session. Either alone is refused, as on a Library.
 */
public record SessionKey(String token, String sessionId) {

  @Override
  public String toString() {
    return "SessionKey[hidden]";
  }
}
