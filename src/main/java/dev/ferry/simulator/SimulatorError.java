package dev.ferry.simulator;

/**
 * A refusal worded the way the Library words it: an HTTP status plus the {@code code} and
 * {@code message} of its JSON error body. The controller adds the {@code ticketId}.
 */
public class SimulatorError extends RuntimeException {

  private final int httpStatus;
  private final String code;

  private SimulatorError(int httpStatus, String code, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  static SimulatorError loginFailed() {
    return new SimulatorError(401, "ERR003", "Login failed");
  }

  static SimulatorError notFound(String message) {
    return new SimulatorError(404, "ERR004", message);
  }

  static SimulatorError invalidInput(String message) {
    return new SimulatorError(400, "ERR006", message);
  }

  static SimulatorError missingField(String field) {
    return new SimulatorError(400, "ERR007", "Missing required field: " + field);
  }

  /** {@code ERR007} with a hint on what the field is for. */
  static SimulatorError missingField(String field, String explanation) {
    return new SimulatorError(400, "ERR007", "Missing required field: " + field + " (" + explanation + ")");
  }

  /** The answer that tells a client to log in again. */
  static SimulatorError sessionInvalid() {
    return new SimulatorError(401, "ERR009", "Session invalid or timeout");
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String code() {
    return code;
  }
}
