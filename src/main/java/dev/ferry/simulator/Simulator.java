package dev.ferry.simulator;

import dev.ferry.simulator.SessionRegistry.Credentials;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sandbox Libraries Ferry serves itself, one {@link SimulatedLibrary} per environment name.
 * Tests reach the state through {@code simulator.environment("prod")}.
 */
public class Simulator implements AutoCloseable {

  /** Names become URL path segments and environment ids. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final Map<String, SimulatedLibrary> libraries;
  private final Credentials credentials;
  /** Where targets report validations and sources read them, as the Libraries' shared storage does. */
  private final ValidationBoard validations = new ValidationBoard();

  /** {@code password} is the configured one or one generated at start, never taken from a log. */
  public Simulator(SimulatorProperties properties, String password, Clock clock) {
    this.credentials = new Credentials(properties.getUsername(), password);
    Timings timings = properties.timings();
    if (properties.getMaxGroupPackages() < 1) {
      throw new IllegalArgumentException("ferry.simulator.max-group-packages must be at least 1, was "
          + properties.getMaxGroupPackages());
    }
    if (properties.getMaxUploadedPackages() < 1) {
      throw new IllegalArgumentException("ferry.simulator.max-uploaded-packages must be at least 1, was "
          + properties.getMaxUploadedPackages());
    }
    Map<String, SimulatedLibrary> byName = new LinkedHashMap<>();
    for (String name : properties.getEnvironments()) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("ferry.simulator.environments: '" + name
            + "' is not a valid name (letters, digits, '-' and '_')");
      }
      SessionRegistry sessions = new SessionRegistry(credentials, properties.getSessionTimeout(), clock);
      byName.put(name, new SimulatedLibrary(name, sessions, timings, clock, properties.getMaxGroupPackages(),
          packageSize(properties), properties.getMaxUploadedPackages(), validations));
    }
    this.libraries = Collections.unmodifiableMap(byName);
  }

  public SimulatedLibrary environment(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "No simulated Library '" + name + "'; the simulator serves " + libraries.keySet()));
  }

  public Optional<SimulatedLibrary> find(String name) {
    return Optional.ofNullable(libraries.get(name));
  }

  public List<String> environmentNames() {
    return List.copyOf(libraries.keySet());
  }

  /** Every Library forgets its migrations, sessions and counts; validations started on targets are forgotten too. */
  public void reset() {
    libraries.values().forEach(SimulatedLibrary::reset);
    validations.clear();
  }

  /** Deletes the uploaded files of every Library from disk; Spring calls it at shutdown. */
  @Override
  public void close() {
    libraries.values().forEach(SimulatedLibrary::close);
  }

  private static long packageSize(SimulatorProperties properties) {
    if (properties.getPackageSize() == null || properties.getPackageSize().isNegative()) {
      throw new IllegalArgumentException("ferry.simulator.package-size must be zero or positive, was "
          + properties.getPackageSize());
    }
    return properties.getPackageSize().toBytes();
  }

  String username() {
    return credentials.username();
  }

  String password() {
    return credentials.password();
  }
}
