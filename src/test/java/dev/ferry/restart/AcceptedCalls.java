package dev.ferry.restart;

import dev.ferry.simulator.Endpoint;
import dev.ferry.simulator.SimulatedLibrary;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The calls a test's migrations make that must reach the Library once each: creations and approvals on the source, imports on the target. */
public final class AcceptedCalls {

  private AcceptedCalls() {
  }

  public static Map<Endpoint, Long> counts(SimulatedLibrary source, SimulatedLibrary target) {
    Map<Endpoint, Long> counts = new EnumMap<>(Endpoint.class);
    for (Endpoint e : List.of(Endpoint.POST_MIGRATION, Endpoint.PATCH_IMPORT_REQUESTED, Endpoint.PATCH_IMPORT_APPROVED)) {
      counts.put(e, source.accepted(e));
    }
    counts.put(Endpoint.PUT_MIGRATION, target.accepted(Endpoint.PUT_MIGRATION));
    return counts;
  }

  /** The endpoints whose answers the restart and cluster tests drop now and then. */
  public static final List<Endpoint> LOST = List.of(Endpoint.POST_MIGRATION, Endpoint.PATCH_IMPORT_REQUESTED,
      Endpoint.PATCH_IMPORT_APPROVED, Endpoint.PUT_MIGRATION);

  public static Map<Endpoint, Long> delta(Map<Endpoint, Long> before, Map<Endpoint, Long> after) {
    Map<Endpoint, Long> delta = new EnumMap<>(Endpoint.class);
    after.forEach((e, n) -> delta.put(e, n - before.getOrDefault(e, 0L)));
    return delta;
  }
}
