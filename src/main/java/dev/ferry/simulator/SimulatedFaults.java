package dev.ferry.simulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trouble on demand, for every failure path Ferry must survive: an error rate (503 {@code ERR0016},
 * spread evenly and deterministically over the calls, so a test sees the same sequence every
 * run), a latency added to every call, and environments whose Library user has lost its
 * privileges (403 {@code ERR0014}), and lost answers: the Library does the call, then the
 * connection drops before its answer is sent ({@link #loseAnswers}), so the caller cannot know
 * whether it acted. Set from {@code ferry.simulator.error-rate}, {@code ferry.simulator.latency} and
 * {@code ferry.simulator.lost-answers}, or at run time by tests.
 */
public class SimulatedFaults {

  /** What a call should meet, decided before it reaches the simulated Library. */
  public record Fault(int status, String code, String message) {
  }

  private volatile double errorRate;
  private volatile Duration latency;
  private final AtomicLong calls = new AtomicLong();
  private final Set<String> withoutPrivileges = ConcurrentHashMap.newKeySet();
  /** How many more answers of each endpoint to lose. */
  private final Map<Endpoint, AtomicInteger> answersToLose = new ConcurrentHashMap<>();
  /** How many answers of each endpoint were lost. */
  private final Map<Endpoint, AtomicLong> answersLost = new ConcurrentHashMap<>();
  /** The call this thread serves, when answers may be lost: set by {@link FaultFilter}, marked by the Library. */
  private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

  SimulatedFaults(double errorRate, Duration latency) {
    set(errorRate, latency);
  }

  SimulatedFaults(double errorRate, Duration latency, Map<String, Integer> lostAnswers) {
    this(errorRate, latency);
    if (lostAnswers != null) {
      lostAnswers.forEach((endpoint, count) -> loseAnswers(endpoint(endpoint), count == null ? 0 : count));
    }
  }

  /**
   * The next {@code count} calls of {@code endpoint} that the Library accepts (on any simulated
   * Library) are done, and then their connection is dropped without an answer.
   */
  public void loseAnswers(Endpoint endpoint, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("ferry.simulator.lost-answers." + endpoint + " must be zero or more, was "
          + count);
    }
    answersToLose.computeIfAbsent(endpoint, e -> new AtomicInteger()).set(count);
  }

  /** How many answers of {@code endpoint} were lost since the last {@link #clear}. */
  public long answersLost(Endpoint endpoint) {
    AtomicLong lost = answersLost.get(endpoint);
    return lost == null ? 0 : lost.get();
  }

  /** All lost answers so far, by endpoint. */
  public Map<Endpoint, Long> answersLost() {
    Map<Endpoint, Long> lost = new EnumMap<>(Endpoint.class);
    answersLost.forEach((endpoint, count) -> lost.put(endpoint, count.get()));
    return lost;
  }

  static Endpoint endpoint(String name) {
    try {
      return Endpoint.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("ferry.simulator.lost-answers: '" + name + "' is no endpoint; use one of "
          + java.util.Arrays.toString(Endpoint.values()), e);
    }
  }

  /** Whether some answer may still be lost: only then does {@link FaultFilter} hold answers back. */
  boolean losingAnswers() {
    return answersToLose.values().stream().anyMatch(left -> left.get() > 0);
  }

  /** One call whose answer may be lost, served by the current thread. */
  static final class Call {
    private final SimulatedFaults faults;
    private volatile Endpoint lost;

    private Call(SimulatedFaults faults) {
      this.faults = faults;
    }

    /** The endpoint whose answer is lost, or null: the answer goes out. */
    Endpoint lost() {
      return lost;
    }
  }

  Call begin() {
    Call call = new Call(this);
    CURRENT.set(call);
    return call;
  }

  static void end() {
    CURRENT.remove();
  }

  /** A simulated Library accepted a call of {@code endpoint}: its answer is lost if that is asked for. */
  static void accepted(Endpoint endpoint) {
    Call call = CURRENT.get();
    if (call == null || call.lost != null) {
      return;
    }
    AtomicInteger left = call.faults.answersToLose.get(endpoint);
    if (left != null && left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      call.faults.answersLost.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
      call.lost = endpoint;
    }
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
    answersToLose.clear();
    answersLost.clear();
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
