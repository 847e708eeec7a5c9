package dev.ferry.library;

/**
 * A call to a Library that failed. The message names the environment, the call and what the
 * Library said ({@code code}, {@code message}, {@code iServerCode}, {@code ticketId}), so an
 * operator reading an incident in Cockpit knows where to look without opening a log.
 */
public class LibraryException extends RuntimeException {

  private final String environmentId;
  private final String call;
  private final int httpStatus;
  private final String code;
  private final String libraryMessage;
  private final Long iServerCode;
  private final String ticketId;

  public LibraryException(String environmentId, String call, int httpStatus, String code, String libraryMessage,
      Long iServerCode, String ticketId, Throwable cause) {
    super(describe(environmentId, call, httpStatus, code, libraryMessage, iServerCode, ticketId), cause);
    this.environmentId = environmentId;
    this.call = call;
    this.httpStatus = httpStatus;
    this.code = code;
    this.libraryMessage = libraryMessage;
    this.iServerCode = iServerCode;
    this.ticketId = ticketId;
  }

  /** The same failure, now that we know which environment and which call it was. */
  public LibraryException in(String environmentId, String call) {
    return new LibraryException(environmentId, call, httpStatus, code, libraryMessage, iServerCode, ticketId, getCause());
  }

  private static String describe(String environmentId, String call, int httpStatus, String code, String message,
      Long iServerCode, String ticketId) {
    StringBuilder text = new StringBuilder();
    text.append("Library '").append(environmentId == null ? "?" : environmentId).append("' ");
    text.append(call == null ? "call" : call).append(" failed");
    if (httpStatus > 0) {
      text.append(" with HTTP ").append(httpStatus);
    }
    if (code != null) {
      text.append(" ").append(code);
    }
    if (message != null && !message.isBlank()) {
      text.append(": ").append(message);
    }
    if (iServerCode != null) {
      text.append(" (iServerCode ").append(iServerCode).append(")");
    }
    if (ticketId != null) {
      text.append(" [ticket ").append(ticketId).append("]");
    }
    String hint = hint(call, httpStatus, code);
    if (hint != null) {
      text.append(". ").append(hint);
    }
    return text.toString();
  }

  private static String hint(String call, int httpStatus, String code) {
    if (httpStatus == 403 || "ERR0014".equals(code) || "ERR014".equals(code) || "ERR0017".equals(code)
        || "ERR017".equals(code)) {
      return "The configured Library user lacks a privilege or permission: it needs 'Bypass all objects security "
          + "check', 'Create package' and 'Apply package' on both environments";
    }
    boolean login = call != null && call.endsWith("/api/auth/login");
    if (login && (httpStatus == 401 || "ERR003".equals(code))) {
      return "Check the username, password and login mode configured for this environment";
    }
    return null;
  }

  /** The session is gone (expired, or the Library restarted): logging in again and repeating the call is safe. */
  public boolean isSessionExpired() {
    return httpStatus == 401 || "ERR009".equals(code);
  }

  /**
   * The Library answered and said no (a 4xx other than an expired session): asking again will get
   * the same answer, so the model should take another path rather than retry into an incident.
   */
  public boolean isRefusal() {
    return httpStatus >= 400 && httpStatus < 500 && !isSessionExpired();
  }

  public String environmentId() { return environmentId; }
  public String call() { return call; }
  public int httpStatus() { return httpStatus; }
  public String code() { return code; }
  public String libraryMessage() { return libraryMessage; }
  public Long iServerCode() { return iServerCode; }
  public String ticketId() { return ticketId; }
}
