package dev.ferry.queue;

import dev.ferry.migration.FerryVariables;
import dev.ferry.engine.FerryProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The import queue of each target environment: at most {@code ferry.queue.imports.max-concurrent}
 * imports run against one target (per environment: {@code ferry.queue.environments.<id>.imports.max-concurrent}),
 * first approved first imported, only inside the target's maintenance windows and not before the
 * approver's "import at". The configuration is read at every try, so a change applies to
 * migrations that already wait.
 */
@Component("importQueue")
public class ImportQueue {

  public static final String QUEUE = "imports";
  /** Correlated to the next in line when an import ends, so it starts at once rather than at its next try. */
  public static final String SLOT_FREED = "import-slot-freed";
  private static final Logger log = LoggerFactory.getLogger(ImportQueue.class);
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX").withZone(ZoneOffset.UTC);

  private final QueueStore store;
  private final FerryProperties properties;
  private final RuntimeService runtime;
  private final MeterRegistry registry;
  private final String node;
  private final Set<String> gauges = ConcurrentHashMap.newKeySet();

  public ImportQueue(QueueStore store, FerryProperties properties, @Lazy RuntimeService runtime, MeterRegistry registry,
      @Value("${camunda.bpm.generic-properties.properties.hostname:}") String hostname) {
    this.store = store;
    this.properties = properties;
    this.runtime = runtime;
    this.registry = registry;
    this.node = hostname.isBlank() ? localNode() : hostname;
    properties.getQueue().getEnvironments().forEach((environment, queue) -> {
      windows(environment); // a broken window refuses the start-up with a message naming the property
      gauge(environment);
    });
  }

  private static String localNode() {
    try {
      return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
    } catch (java.io.IOException e) {
      return "pid " + ProcessHandle.current().pid();
    }
  }

  public MaintenanceWindows windows(String environment) {
    return MaintenanceWindows.parse(environment, properties.getQueue().environment(environment).getWindows());
  }

  /** Puts an approved migration in line for its target, with the approver's "import at" if any. */
  public void enqueue(String processInstanceId, String environment, String businessKey, Instant importAt) {
    gauge(environment);
    store.enqueue(QUEUE, environment, processInstanceId, businessKey, now(), importAt);
  }

  /** One try for a slot: granted, or why not and until when to wait. */
  public QueueTurn tryStart(String processInstanceId, String environment, String businessKey) {
    Instant now = now();
    store.lock(QUEUE, environment);
    if (store.slotOf(QUEUE, processInstanceId).isPresent()) {
      return QueueTurn.granted(); // a job that ran again after its slot was granted
    }
    QueueStore.Entry mine = store.entry(QUEUE, processInstanceId).orElseGet(() -> {
      store.enqueue(QUEUE, environment, processInstanceId, businessKey, now, null);
      return store.entry(QUEUE, processInstanceId).orElseThrow();
    });
    List<QueueStore.Entry> line = store.waiting(QUEUE, environment);
    int position = line.indexOf(mine) + 1;
    Duration recheck = properties.getQueue().getRecheckInterval();
    if (mine.notBefore() != null && now.isBefore(mine.notBefore())) {
      return new QueueTurn(QueueTurn.SCHEDULED, earlier(mine.notBefore(), now.plus(recheck)), position,
          "waits for the chosen import time " + UTC.format(mine.notBefore()));
    }
    MaintenanceWindows windows = windows(environment);
    Optional<MaintenanceWindows.Opening> opening = windows.nextOpening(now);
    if (opening.isPresent()) {
      MaintenanceWindows.Opening next = opening.get();
      return new QueueTurn(QueueTurn.SCHEDULED, earlier(next.at(), now.plus(recheck)), position,
          "waits for the window " + next.window() + ", opens " + next.window().show(next.at()));
    }
    store.freeStale(QUEUE, environment, now, this::alive).forEach(stale ->
        log.warn("Freed the import slot of {} on '{}': its lease ran out at {} or the migration is gone",
            stale.businessKey(), environment, stale.expires()));
    int limit = properties.getQueue().maxConcurrent(QUEUE, environment);
    List<QueueStore.Slot> running = store.slots(QUEUE, environment);
    int free = limit == 0 ? Integer.MAX_VALUE : limit - running.size();
    int ahead = 0;
    for (QueueStore.Entry other : line) {
      if (other.equals(mine) || ahead >= free) {
        break;
      }
      if (other.notBefore() != null && now.isBefore(other.notBefore())) {
        continue; // waits for its own import time: does not hold the line
      }
      if (alive(other.processInstanceId())) {
        ahead++;
      } else {
        store.deleteEntry(QUEUE, other.processInstanceId());
      }
    }
    if (ahead >= free || free <= 0) {
      return new QueueTurn(QueueTurn.BUSY, now.plus(properties.getQueue().getRetryInterval()), position,
          busyMessage(running, line, mine));
    }
    store.grant(QUEUE, mine, node, now, now.plus(properties.getQueue().getLease()));
    Duration waited = Duration.between(mine.enqueued(), now);
    afterCommit(() -> Timer.builder("ferry.queue.wait").description("From approval (or enqueue) to the start of the import")
        .tag("queue", QUEUE).tag("target", environment).register(registry).record(waited.isNegative() ? Duration.ZERO : waited));
    return QueueTurn.granted();
  }

  private String busyMessage(List<QueueStore.Slot> running, List<QueueStore.Entry> line, QueueStore.Entry mine) {
    List<String> holders = new ArrayList<>();
    for (QueueStore.Slot slot : running) {
      holders.add(slot.businessKey() + " (" + statusOf(slot.processInstanceId()) + ")");
    }
    if (holders.isEmpty()) {
      line.stream().filter(e -> !e.equals(mine)).findFirst()
          .ifPresent(first -> holders.add(first.businessKey() + " (next in line)"));
    }
    return "waiting for " + String.join(", ", holders);
  }

  private String statusOf(String processInstanceId) {
    try {
      Object status = runtime.getVariable(processInstanceId, "importStatus");
      Object progress = runtime.getVariable(processInstanceId, "progress");
      if (status == null || !String.valueOf(status).startsWith("import")) {
        return "starting the import";
      }
      return status + (progress == null ? "" : ", " + progress + " %");
    } catch (RuntimeException gone) {
      return "ending";
    }
  }

  /** The import ended (imported, failed, timed out, cancelled): frees its slot and wakes the next in line. */
  public void release(String processInstanceId) {
    store.leave(QUEUE, processInstanceId).ifPresent(environment -> afterCommit(() -> wakeNext(environment)));
  }

  /** Keeps the slots of these instances (the importing migration and its callers) while their import is followed. */
  public void renew(List<String> processInstanceIds) {
    store.renew(QUEUE, processInstanceIds, now().plus(properties.getQueue().getLease()));
  }

  /** From the import's polling loop: renews the slot of the migration that called the loop. */
  public void renewFor(org.camunda.bpm.engine.delegate.DelegateExecution poll) {
    List<String> chain = new ArrayList<>();
    org.camunda.bpm.engine.delegate.DelegateExecution instance = poll.getProcessInstance();
    while (instance != null) {
      chain.add(instance.getId());
      instance = instance.getSuperExecution() == null ? null : instance.getSuperExecution().getProcessInstance();
    }
    renew(chain);
  }

  /**
   * Wakes the first in line who may start now: their try runs at once instead of at the next
   * retry. Never fails the caller; a missed wake-up costs one retry interval.
   */
  void wakeNext(String environment) {
    try {
      List<QueueStore.Entry> line = store.inTransaction(() -> store.waiting(QUEUE, environment));
      int limit = properties.getQueue().maxConcurrent(QUEUE, environment);
      int wake = limit == 0 ? line.size() : Math.max(1, limit);
      Instant now = now();
      for (QueueStore.Entry entry : line) {
        if (wake <= 0) {
          break;
        }
        if (entry.notBefore() == null || !now.isBefore(entry.notBefore())) {
          store.inTransaction(() -> runtime.createMessageCorrelation(SLOT_FREED)
              .processInstanceId(entry.processInstanceId()).correlateAllWithResult());
          wake--;
        }
      }
    } catch (RuntimeException e) {
      log.debug("Could not wake the next import for '{}' (it tries again by itself): {}", environment, e.toString());
    }
  }

  /**
   * When an approved undo may ask the target: now, unless {@code ferry.queue.undo-respects-windows}
   * holds undo to the target's maintenance windows too.
   */
  public java.util.Date undoStartsAt(String environment) {
    Instant now = now();
    if (!properties.getQueue().isUndoRespectsWindows()) {
      return java.util.Date.from(now);
    }
    return java.util.Date.from(windows(environment).nextOpening(now).map(MaintenanceWindows.Opening::at).orElse(now));
  }

  /** What the approver sees: when an import approved now would start. */
  public String forecast(String environment) {
    Instant now = now();
    List<String> parts = new ArrayList<>();
    int limit = properties.getQueue().maxConcurrent(QUEUE, environment);
    int running = store.slots(QUEUE, environment).size();
    int waiting = store.length(QUEUE, environment);
    parts.add("Imports into " + environment + ": " + running + " running, " + waiting + " waiting"
        + (limit == 0 ? " (no limit)" : " (at most " + limit + " at a time)") + ".");
    windows(environment).nextOpening(now).ifPresentOrElse(
        next -> parts.add("Outside its maintenance windows: an import approved now starts at the earliest when "
            + next.window() + " opens, " + next.window().show(next.at()) + "."),
        () -> parts.add(running + waiting < limit || limit == 0 ? "An import approved now starts at once."
            : "An import approved now starts after the " + (running + waiting - limit + 1) + " ahead of it."));
    return String.join(" ", parts);
  }

  public record Running(int slot, String businessKey, String processInstanceId, String node, Instant acquired,
      Instant leaseExpires, String status) {
  }

  public record Waiting(int position, String businessKey, String processInstanceId, Instant approved,
      Instant importAt) {
  }

  public record TargetQueue(String environment, int maxConcurrent, List<String> windows, boolean windowOpen,
      List<Running> running, List<Waiting> waiting) {
  }

  /** Every target's import queue: who imports, who waits in which order. */
  public List<TargetQueue> view(List<String> configuredEnvironments) {
    java.util.SortedSet<String> environments = new java.util.TreeSet<>(configuredEnvironments);
    environments.addAll(store.environments(QUEUE));
    Instant now = now();
    List<TargetQueue> queues = new ArrayList<>();
    for (String environment : environments) {
      List<Running> running = store.slots(QUEUE, environment).stream().map(s -> new Running(s.number(),
          s.businessKey(), s.processInstanceId(), s.node(), s.acquired(), s.expires(), statusOf(s.processInstanceId())))
          .toList();
      List<QueueStore.Entry> line = store.waiting(QUEUE, environment);
      List<Waiting> waiting = new ArrayList<>();
      for (int i = 0; i < line.size(); i++) {
        QueueStore.Entry e = line.get(i);
        waiting.add(new Waiting(i + 1, e.businessKey(), e.processInstanceId(), e.enqueued(), e.notBefore()));
      }
      queues.add(new TargetQueue(environment, properties.getQueue().maxConcurrent(QUEUE, environment),
          properties.getQueue().environment(environment).getWindows(), windows(environment).isOpen(now), running,
          waiting));
    }
    return queues;
  }

  /**
   * An operator moves a waiting migration one place up (it swaps places with the one ahead).
   * Returns its new position, or empty when it does not wait. Kept in the migration's history.
   */
  public Optional<Integer> moveUp(String businessKey, String operator) {
    return store.inTransaction(() -> {
      List<QueueStore.Entry> mine = store.entriesOf(QUEUE, businessKey);
      if (mine.isEmpty()) {
        return Optional.<Integer>empty();
      }
      QueueStore.Entry entry = mine.get(0);
      store.lock(QUEUE, entry.environment());
      List<QueueStore.Entry> line = store.waiting(QUEUE, entry.environment());
      int index = line.indexOf(store.entry(QUEUE, entry.processInstanceId()).orElse(entry));
      if (index > 0) {
        store.swap(QUEUE, line.get(index), line.get(index - 1));
        index--;
      }
      int position = index + 1;
      intervene(entry.processInstanceId(), operator + " moved " + businessKey + " up in the import queue for "
          + entry.environment() + ": now " + position + " in line");
      if (position == 1) {
        String environment = entry.environment();
        afterCommit(() -> wakeNext(environment));
      }
      return Optional.of(position);
    });
  }

  /**
   * An operator frees the import slot a migration holds (a stuck import): the next in line may
   * start. The migration itself goes on; it is told in its history.
   */
  public Optional<String> releaseSlot(String businessKey, String operator) {
    return store.inTransaction(() -> {
      List<QueueStore.Slot> slots = store.slotsOf(QUEUE, businessKey);
      if (slots.isEmpty()) {
        return Optional.<String>empty();
      }
      QueueStore.Slot slot = slots.get(0);
      store.lock(QUEUE, slot.environment());
      store.deleteSlot(QUEUE, slot);
      if (alive(slot.processInstanceId())) {
        intervene(slot.processInstanceId(), operator + " released the import slot of " + businessKey + " on "
            + slot.environment() + " (held since " + UTC.format(slot.acquired()) + " on " + slot.node() + ")");
      }
      afterCommit(() -> wakeNext(slot.environment()));
      return Optional.of(slot.environment());
    });
  }

  private void intervene(String processInstanceId, String what) {
    String text = what + " at " + UTC.format(now());
    log.info("Queue: {}", text);
    runtime.setVariable(processInstanceId, FerryVariables.QUEUE_INTERVENTION, text);
  }

  public boolean alive(String processInstanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }

  public QueueStore store() {
    return store;
  }

  public String node() {
    return node;
  }

  void gauge(String environment) {
    if (gauges.add(environment)) {
      Gauge.builder("ferry.queue.length", () -> store.length(QUEUE, environment))
          .description("Migrations waiting to import into a target").tag("queue", QUEUE).tag("target", environment)
          .register(registry);
    }
  }

  static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          action.run();
        }
      });
    } else {
      action.run();
    }
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
