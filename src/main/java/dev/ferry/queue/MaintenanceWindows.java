package dev.ferry.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** An environment's maintenance windows; none means always open. */
public record MaintenanceWindows(List<MaintenanceWindow> windows) {

  /** Parses {@code ferry.queue.environments.<environment>.windows}, naming the property in a refusal. */
  public static MaintenanceWindows parse(String environmentId, List<String> texts) {
    List<MaintenanceWindow> parsed = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      try {
        parsed.add(MaintenanceWindow.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ferry.queue.environments." + environmentId + ".windows[" + i + "]: "
            + e.getMessage(), e);
      }
    }
    return new MaintenanceWindows(List.copyOf(parsed));
  }

  public boolean isOpen(Instant now) {
    return windows.isEmpty() || windows.stream().anyMatch(w -> w.closesAfter(now).isPresent());
  }

  /** The window that opens next after {@code now} (when none is open), with its opening. */
  public Optional<Opening> nextOpening(Instant now) {
    if (isOpen(now)) {
      return Optional.empty();
    }
    return windows.stream().map(w -> new Opening(w, w.nextOpening(now))).min(Comparator.comparing(Opening::at));
  }

  public record Opening(MaintenanceWindow window, Instant at) {
  }
}
