package dev.ferry.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-endpoint counts of one simulated Library. {@code received} counts every call that reached
 * it; {@code accepted} only those that succeeded — a retry after {@code ERR009} is received
 * twice but accepted once.
 */
final class CallCounter {

  private final Map<Endpoint, AtomicLong> received = counters();
  private final Map<Endpoint, AtomicLong> accepted = counters();

  void receive(Endpoint endpoint) {
    received.get(endpoint).incrementAndGet();
  }

  void accept(Endpoint endpoint) {
    accepted.get(endpoint).incrementAndGet();
  }

  long received(Endpoint endpoint) {
    return received.get(endpoint).get();
  }

  long accepted(Endpoint endpoint) {
    return accepted.get(endpoint).get();
  }

  void reset() {
    received.values().forEach(count -> count.set(0));
    accepted.values().forEach(count -> count.set(0));
  }

  private static Map<Endpoint, AtomicLong> counters() {
    Map<Endpoint, AtomicLong> counters = new EnumMap<>(Endpoint.class);
    for (Endpoint endpoint : Endpoint.values()) {
      counters.put(endpoint, new AtomicLong());
    }
    return counters;
  }
}
