package dev.ferry.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trouble on demand, for every failure path Ferry must survive: an error rate (503 {@code ERR0016},
 * spread evenly and deterministically over the calls, so a test sees the same sequence every
 * run), a latency added to every call, and environments whose Library user has lost its
 * privileges (403 {@code ERR0014}). Set from {@code ferry.simulator.error-rate} and
 * {@code ferry.simulator.latency}, or at run time by tests.
 */
public class SimulatedFaults {

  /** What a call should meet, decided before it reaches the simulated Library. */
  public record Fault(int status, String code, String message) {
  }

  private volatile double errorRate;
  private volatile Duration latency;
  private final AtomicLong calls = new AtomicLong();
  private final Set<String> withoutPrivileges = ConcurrentHashMap.newKeySet();

  SimulatedFaults(double errorRate, Duration latency) {
    set(errorRate, latency);
  }

  /** From now on, about {@code errorRate} of all calls fail, and each call takes {@code latency} longer. */
  public void set(double errorRate, Duration latency) {
    if (errorRate < 0 || errorRate >= 1) {
      throw new IllegalArgumentException("ferry.simulator.error-rate must be at least 0 and below 1, was " + errorRate);
    }
    this.errorRate = errorRate;
    this.latency = latency == null ? Duration.ZERO : latency;
  }

  /** The Library user on {@code environment} loses (or regains) its migration privileges. */
  public void revokePrivileges(String environment, boolean revoked) {
    if (revoked) {
      withoutPrivileges.add(environment);
    } else {
      withoutPrivileges.remove(environment);
    }
  }

  public void clear() {
    set(0, Duration.ZERO);
    withoutPrivileges.clear();
  }

  Duration latency() {
    return latency;
  }

  /** The fault for the next call to {@code environment}'s API, if any; login is never refused for privileges. */
  Fault next(String environment, boolean login) {
    if (!login && withoutPrivileges.contains(environment)) {
      return new Fault(403, "ERR0014", "Insufficient privileges: the user lacks 'Create package' and 'Apply package' "
          + "(simulated)");
    }
    double rate = errorRate;
    long n = calls.incrementAndGet();
    // call n fails when n * rate crosses a whole number: the failures are spread evenly
    if (rate > 0 && Math.floor(n * rate) > Math.floor((n - 1) * rate)) {
      return new Fault(503, "ERR0016", "Service not available (simulated error rate " + rate + ")");
    }
    return null;
  }

  static Map<String, Object> body(Fault fault) {
    return Map.of("code", fault.code(), "message", fault.message(), "ticketId", RandomIds.ticketId());
  }
}
