package dev.ferry.library;

import java.util.Collection;

/** The request names an environment that is not configured under {@code ferry.environments}. */
public class UnknownEnvironmentException extends RuntimeException {
  public UnknownEnvironmentException(String environmentId, Collection<String> known) {
    super("Environment '" + environmentId + "' is not configured. Add it under ferry.environments "
        + "(id, url, username, password) or use one of: " + String.join(", ", known));
  }
}
