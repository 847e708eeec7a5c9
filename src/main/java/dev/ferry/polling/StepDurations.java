package dev.ferry.polling;

import dev.ferry.polling.PollPlanner.Window;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How long each kind of step took recently at each pair of Libraries (package created on
 * {@code dev}, import on {@code prod}, …), by the Library's own timestamps. When the last few
 * agree, the next such step is first looked at just after that time: a Library that builds
 * packages of one size in 20 s will build the next one in about 20 s. When they disagree (packages
 * of different sizes), nothing is expected and the progress decides. Kept in memory on each node:
 * a restart or another node learns again from the next few steps.
 */
@Component
public class StepDurations {

  /** How many recent durations of one step are kept. */
  static final int KEEP = 5;
  /** Fewer than this and nothing is expected yet. */
  static final int AGREEING = 2;

  private final Map<String, Deque<Long>> recent = new ConcurrentHashMap<>();

  void record(String step, long millis) {
    Deque<Long> durations = recent.computeIfAbsent(step, key -> new ArrayDeque<>());
    synchronized (durations) {
      durations.addLast(millis);
      while (durations.size() > KEEP) {
        durations.removeFirst();
      }
    }
  }

  /**
   * From the shortest to the longest recent duration of this step, if at least {@value #AGREEING}
   * are known and they lie within {@code tolerance} or a tenth of each other; otherwise null.
   */
  Window expected(String step, long tolerance) {
    Deque<Long> durations = recent.get(step);
    if (durations == null) {
      return null;
    }
    synchronized (durations) {
      if (durations.size() < AGREEING) {
        return null;
      }
      long min = durations.stream().mapToLong(Long::longValue).min().orElseThrow();
      long max = durations.stream().mapToLong(Long::longValue).max().orElseThrow();
      return max - min <= Math.max(tolerance, max / 10) ? new Window(min, max) : null;
    }
  }
}
