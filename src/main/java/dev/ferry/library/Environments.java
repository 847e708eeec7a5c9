package dev.ferry.library;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The Libraries Ferry knows: those configured under {@code ferry.environments}, plus any the
 * sandbox simulator registers at start-up. Request bodies name an environment by id or URL.
 */
@Component
public class Environments {

  private final Map<String, LibraryEnvironment> byId = new ConcurrentHashMap<>();

  public Environments(LibraryProperties properties) {
    properties.getEnvironments().forEach(e -> register(e.toEnvironment()));
  }

  public void register(LibraryEnvironment environment) {
    byId.put(environment.id(), environment);
  }

  public Optional<LibraryEnvironment> find(String environmentId) {
    if (environmentId == null) {
      return Optional.empty();
    }
    LibraryEnvironment exact = byId.get(environmentId);
    if (exact != null) {
      return Optional.of(exact);
    }
    return byId.values().stream().filter(e -> e.isNamedBy(environmentId)).findFirst();
  }

  public LibraryEnvironment get(String environmentId) {
    return find(environmentId).orElseThrow(() -> new UnknownEnvironmentException(environmentId, ids()));
  }

  public List<String> ids() {
    return byId.keySet().stream().sorted().toList();
  }

  public List<LibraryEnvironment> all() {
    return byId.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
  }
}
