package dev.ferry.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The REST sessions of one simulated Library. A session is found by its token and must also
 * present its own session cookie, and it ends after {@code session-timeout} without a call —
 * so a client that drops the cookie, or keeps a session too long, fails as it would for real.
 */
final class SessionRegistry {

  private final Credentials credentials;
  private final Duration idleTimeout;
  private final Clock clock;
  private final Map<String, Session> byToken = new ConcurrentHashMap<>();
  /** Every token and session id handed out, so tests can prove none of them leaked anywhere. */
  private final java.util.List<SessionKey> issued = new java.util.concurrent.CopyOnWriteArrayList<>();

  record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[username=" + username + "]";
    }
  }

  SessionRegistry(Credentials credentials, Duration idleTimeout, Clock clock) {
    this.credentials = credentials;
    this.idleTimeout = idleTimeout;
    this.clock = clock;
  }

  /** {@code POST /api/auth/login} with {@code {"username", "password", "loginMode"}}. */
  SessionKey login(JsonNode body) {
    String username = body == null ? null : body.path("username").asText(null);
    String password = body == null ? null : body.path("password").asText(null);
    if (!credentials.username().equals(username) || !sameSecret(credentials.password(), password)) {
      throw SimulatorError.loginFailed();
    }
    SessionKey key = new SessionKey(RandomIds.authToken(), RandomIds.sessionId());
    byToken.put(key.token(), new Session(key.sessionId(), username, clock.instant()));
    issued.add(key);
    return key;
  }

  void logout(SessionKey key) {
    Session session = key.token() == null ? null : byToken.get(key.token());
    if (session != null && session.sessionId().equals(key.sessionId())) {
      byToken.remove(key.token());
    }
  }

  /** The user of a live session that presented both its token and its cookie; otherwise {@code ERR009}. */
  String require(SessionKey key) {
    Instant now = clock.instant();
    Session session = key == null || key.token() == null ? null : byToken.get(key.token());
    if (session == null || !session.sessionId().equals(key.sessionId())) {
      throw SimulatorError.sessionInvalid();
    }
    if (now.isAfter(session.lastUsed().plus(idleTimeout))) {
      byToken.remove(key.token());
      throw SimulatorError.sessionInvalid();
    }
    byToken.replace(key.token(), session, session.usedAt(now));
    return session.username();
  }

  /** As if the Library restarted or timed every session out: the next call of each client gets {@code ERR009}. */
  void expireAll() {
    byToken.clear();
  }

  java.util.List<SessionKey> issued() {
    return java.util.List.copyOf(issued);
  }

  int active() {
    return byToken.size();
  }

  private static boolean sameSecret(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }

  private record Session(String sessionId, String username, Instant lastUsed) {
    Session usedAt(Instant now) {
      return new Session(sessionId, username, now);
    }
  }
}
