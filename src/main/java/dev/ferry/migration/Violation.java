package dev.ferry.migration;

/** One thing wrong with a request: the field (as a JSON path) and what to do about it. */
public record Violation(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
