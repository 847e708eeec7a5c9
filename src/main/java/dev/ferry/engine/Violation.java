package dev.ferry.engine;

/** One thing wrong with a request: the field (as a JSON path) and what to do about it. */
public record Violation(String field, String message) {

  /** A value from the request, quoted for a message: short enough that no message outgrows a variable. */
  public static String quote(Object value) {
    String text = String.valueOf(value);
    return "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'";
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
