package dev.ferry.simulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** Identifiers and secrets shaped like the Library's; tokens and passwords must not be guessable. */
final class RandomIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomIds() {
  }

  /** 32 upper-case hex digits, like a MicroStrategy object, package or import id. */
  static String objectId() {
    return hex(16).toUpperCase(Locale.ROOT);
  }

  /** 32 lower-case hex digits, like the {@code ticketId} of an error body. */
  static String ticketId() {
    return hex(16);
  }

  static String authToken() {
    return hex(13);
  }

  static String sessionId() {
    return hex(16).toUpperCase(Locale.ROOT);
  }

  static String password() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
