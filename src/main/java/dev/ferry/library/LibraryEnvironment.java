package dev.ferry.library;

import java.util.Objects;

/**
 * One MicroStrategy Library that Ferry can reach. {@code url} is the base URL before {@code /api}.
 * The credentials live only here, in memory, taken from configuration; they never reach a
 * process variable, the history or a log line ({@link #toString()} leaves them out).
 */
public record LibraryEnvironment(String id, String name, String url, String username, String password, int loginMode) {

  public LibraryEnvironment {
    Objects.requireNonNull(id, "environment id");
    Objects.requireNonNull(url, "environment url");
    name = name == null || name.isBlank() ? id : name;
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    loginMode = loginMode == 0 ? 1 : loginMode;
  }

  /** True when the request body names this environment, by its id or, as the Library does, by its URL. */
  public boolean isNamedBy(String environmentId) {
    return id.equals(environmentId) || url.equals(environmentId) || (url + "/").equals(environmentId);
  }

  @Override
  public String toString() {
    return "LibraryEnvironment[id=" + id + ", name=" + name + ", url=" + url + "]";
  }
}
