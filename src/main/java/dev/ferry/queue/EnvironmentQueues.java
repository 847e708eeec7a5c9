package dev.ferry.queue;

import dev.ferry.engine.FerryProperties;
import dev.ferry.engine.Transactions;
import dev.ferry.migration.FerryVariables;
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
import java.util.function.Predicate;
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

/**
 * The queues in front of each environment, one mechanism for three kinds of work:
 * <ul>
 *   <li>{@value #IMPORTS}: imports into a target, at most {@code ferry.queue.imports.max-concurrent}
 *       at once (default 1), first approved first imported, only inside the target's maintenance
 *       windows and not before the approver's "import at" (model: {@code Task_TryImportSlot});</li>
 *   <li>{@value #VALIDATIONS}: validations on a target ({@code ferry.queue.validations.max-concurrent});</li>
 *   <li>{@value #CREATIONS}: package creations on a source ({@code ferry.queue.creations.max-concurrent}).</li>
 * </ul>
 * Validations and creations wait in the called model {@code queue-slot} and hold their slot in the
 * name of the migration (or approval) that called it; with their default limit 0 the first try
 * grants at once without touching the database. Per environment a limit of its own:
 * {@code ferry.queue.environments.<id>.<queue>.max-concurrent}. The configuration is read at every
 * try, so a change applies to migrations that already wait.
 */
@Component("queues")
public class EnvironmentQueues {

  public static final String IMPORTS = "imports";
  public static final String VALIDATIONS = "validations";
  public static final String CREATIONS = "creations";
  public static final List<String> ALL = List.of(IMPORTS, VALIDATIONS, CREATIONS);
  /** Correlated to the next in line when an import ends, so it starts at once rather than at its next try. */
  public static final String SLOT_FREED = "import-slot-freed";
  /** The same for a validation or a creation waiting in {@code queue-slot}. */
  public static final String QUEUE_SLOT_FREED = "queue-slot-freed";
  private static final Logger log = LoggerFactory.getLogger(EnvironmentQueues.class);
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmXXX").withZone(ZoneOffset.UTC);

  private final QueueStore store;
  private final FerryProperties properties;
  private final RuntimeService runtime;
  private final MeterRegistry registry;
  private final String node;
  private final Set<String> gauges = ConcurrentHashMap.newKeySet();

  public EnvironmentQueues(QueueStore store, FerryProperties properties, @Lazy RuntimeService runtime, MeterRegistry registry,
      @Value("${camunda.bpm.generic-properties.properties.hostname:}") String hostname) {
    this.store = store;
    this.properties = properties;
    this.runtime = runtime;
    this.registry = registry;
    this.node = hostname.isBlank() ? localNode() : hostname;
    properties.getQueue().getEnvironments().forEach((environment, queue) -> {
      windows(environment); // a broken window refuses the start-up with a message naming the property
      ALL.forEach(kind -> gauge(kind, environment));
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
    gauge(IMPORTS, environment);
    store.enqueue(IMPORTS, environment, processInstanceId, businessKey, now(), importAt);
  }

  /**
   * One try for a slot of {@code queue} on {@code environment}, held by {@code processInstanceId}:
   * granted, or why not and until when to wait. Without a limit (validations and creations by
   * default) it grants at once and leaves no trace in the database.
   */
  public QueueTurn tryStart(String queue, String processInstanceId, String environment, String businessKey) {
    if (!IMPORTS.equals(queue) && properties.getQueue().maxConcurrent(queue, environment) == 0) {
      return QueueTurn.granted(); // no limit and no windows: nothing to count, nothing to keep
    }
    Instant now = now();
    gauge(queue, environment);
    store.lock(queue, environment);
    if (store.slotOf(queue, processInstanceId).isPresent()) {
      return QueueTurn.granted(); // a job that ran again after its slot was granted
    }
    QueueStore.Entry mine = store.entry(queue, processInstanceId).orElseGet(() -> {
      store.enqueue(queue, environment, processInstanceId, businessKey, now, null);
      return store.entry(queue, processInstanceId).orElseThrow();
    });
    List<QueueStore.Entry> line = store.waiting(queue, environment);
    int position = line.indexOf(mine) + 1;
    Duration recheck = properties.getQueue().getRecheckInterval();
    if (mine.notBefore() != null && now.isBefore(mine.notBefore())) {
      return new QueueTurn(QueueTurn.SCHEDULED, earlier(mine.notBefore(), now.plus(recheck)), position,
          "waits for the chosen import time " + UTC.format(mine.notBefore()));
    }
    MaintenanceWindows windows = IMPORTS.equals(queue) ? windows(environment) : new MaintenanceWindows(List.of());
    Optional<MaintenanceWindows.Opening> opening = windows.nextOpening(now);
    if (opening.isPresent()) {
      MaintenanceWindows.Opening next = opening.get();
      return new QueueTurn(QueueTurn.SCHEDULED, earlier(next.at(), now.plus(recheck)), position,
          "waits for the window " + next.window() + ", opens " + next.window().show(next.at()));
    }
    int limit = properties.getQueue().maxConcurrent(queue, environment);
    // Whether a holder is gone is one query per slot: asked only when the slots are all taken (without a
    // limit, 200 imports at once made it 200 queries a try, 5% of Ferry's CPU in the benchmark).
    Predicate<String> alive = limit > 0 && store.slots(queue, environment).size() >= limit ? this::alive : id -> true;
    store.freeStale(queue, environment, now, alive).forEach(stale ->
        log.warn("Freed the {} slot of {} on '{}': its lease ran out at {} or the migration is gone", queue,
            stale.businessKey(), environment, stale.expires()));
    List<QueueStore.Slot> running = store.slots(queue, environment);
    int free = limit == 0 ? Integer.MAX_VALUE : limit - running.size();
    int ahead = 0;
    for (QueueStore.Entry other : limit == 0 ? List.<QueueStore.Entry>of() : line) { // no limit: no one is ahead
      if (other.equals(mine) || ahead >= free) {
        break;
      }
      if (other.notBefore() != null && now.isBefore(other.notBefore())) {
        continue; // waits for its own import time: does not hold the line
      }
      if (alive(other.processInstanceId())) {
        ahead++;
      } else {
        store.deleteEntry(queue, other.processInstanceId());
      }
    }
    if (ahead >= free || free <= 0) {
      return new QueueTurn(QueueTurn.BUSY, now.plus(properties.getQueue().getRetryInterval()), position,
          busyMessage(queue, running, line, mine));
    }
    store.grant(queue, mine, node, now, now.plus(properties.getQueue().getLease()));
    Duration waited = Duration.between(mine.enqueued(), now);
    Transactions.afterCommit(() -> Timer.builder("ferry.queue.wait").description("From the first try (an import: its approval) to the start")
        .tag("queue", queue).tag("target", environment).register(registry).record(waited.isNegative() ? Duration.ZERO : waited));
    return QueueTurn.granted();
  }

  private String busyMessage(String queue, List<QueueStore.Slot> running, List<QueueStore.Entry> line, QueueStore.Entry mine) {
    List<String> holders = new ArrayList<>();
    for (QueueStore.Slot slot : running) {
      holders.add(slot.businessKey() + " (" + statusOf(queue, slot.processInstanceId()) + ")");
    }
    if (holders.isEmpty()) {
      line.stream().filter(e -> !e.equals(mine)).findFirst()
          .ifPresent(first -> holders.add(first.businessKey() + " (next in line)"));
    }
    return "waiting for " + String.join(", ", holders);
  }

  private String statusOf(String queue, String processInstanceId) {
    if (VALIDATIONS.equals(queue)) {
      return "validating";
    }
    if (CREATIONS.equals(queue)) {
      return "creating the package";
    }
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

  /**
   * The instance's step ended (done, failed, timed out, cancelled, the instance deleted): frees
   * every slot it holds and its place in every line, and wakes the next in line.
   */
  public void release(String processInstanceId) {
    for (String queue : ALL) {
      store.leave(queue, processInstanceId).ifPresent(environment -> Transactions.afterCommit(() -> wakeNext(queue, environment)));
    }
  }

  /** Keeps the slots of these instances (the migration and its callers) while their step is followed. */
  public void renew(List<String> processInstanceIds) {
    store.renew(processInstanceIds, now().plus(properties.getQueue().getLease()));
  }

  /** From a polling loop: renews the slots of the instances that called the loop. */
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
  void wakeNext(String queue, String environment) {
    try {
      List<QueueStore.Entry> line = store.inTransaction(() -> store.waiting(queue, environment));
      int limit = properties.getQueue().maxConcurrent(queue, environment);
      int wake = limit == 0 ? line.size() : Math.max(1, limit);
      Instant now = now();
      for (QueueStore.Entry entry : line) {
        if (wake <= 0) {
          break;
        }
        if (entry.notBefore() == null || !now.isBefore(entry.notBefore())) {
          store.inTransaction(() -> IMPORTS.equals(queue)
              ? runtime.createMessageCorrelation(SLOT_FREED).processInstanceId(entry.processInstanceId())
                  .correlateAllWithResult()
              : runtime.createMessageCorrelation(QUEUE_SLOT_FREED) // the queue-slot instance it called
                  .processInstanceVariableEquals(FerryVariables.QUEUE_HOLDER, entry.processInstanceId())
                  .processInstanceVariableEquals(FerryVariables.QUEUE, queue).correlateAllWithResult());
          wake--;
        }
      }
    } catch (RuntimeException e) {
      log.debug("Could not wake the next in the {} queue for '{}' (it tries again by itself): {}", queue, environment,
          e.toString());
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
    int limit = properties.getQueue().maxConcurrent(IMPORTS, environment);
    int running = store.slots(IMPORTS, environment).size();
    int waiting = store.length(IMPORTS, environment);
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

  /** Every environment's queue of this kind: who runs, who waits in which order. */
  public List<TargetQueue> view(String queue, List<String> configuredEnvironments) {
    java.util.SortedSet<String> environments = new java.util.TreeSet<>(configuredEnvironments);
    environments.addAll(store.environments(queue));
    boolean imports = IMPORTS.equals(queue);
    Instant now = now();
    List<TargetQueue> queues = new ArrayList<>();
    for (String environment : environments) {
      List<Running> running = store.slots(queue, environment).stream().map(s -> new Running(s.number(),
          s.businessKey(), s.processInstanceId(), s.node(), s.acquired(), s.expires(),
          statusOf(queue, s.processInstanceId()))).toList();
      List<QueueStore.Entry> line = store.waiting(queue, environment);
      List<Waiting> waiting = new ArrayList<>();
      for (int i = 0; i < line.size(); i++) {
        QueueStore.Entry e = line.get(i);
        waiting.add(new Waiting(i + 1, e.businessKey(), e.processInstanceId(), e.enqueued(), e.notBefore()));
      }
      queues.add(new TargetQueue(environment, properties.getQueue().maxConcurrent(queue, environment),
          imports ? properties.getQueue().environment(environment).getWindows() : List.of(),
          !imports || windows(environment).isOpen(now), running, waiting));
    }
    return queues;
  }

  /** Where an operator moved a migration up: the queue, the environment and its new place in line. */
  public record Moved(String queue, String environment, int position) {
  }

  /**
   * An operator moves a waiting migration one place up (it swaps places with the one ahead), in
   * whichever queue it waits (imports, validations, creations). Returns where it is now, or empty
   * when it does not wait. Kept in the migration's history.
   */
  public Optional<Moved> moveUp(String businessKey, String operator) {
    return store.inTransaction(() -> {
      for (String queue : ALL) {
        List<QueueStore.Entry> mine = store.entriesOf(queue, businessKey);
        if (mine.isEmpty()) {
          continue;
        }
        QueueStore.Entry entry = mine.get(0);
        store.lock(queue, entry.environment());
        List<QueueStore.Entry> line = store.waiting(queue, entry.environment());
        int index = line.indexOf(store.entry(queue, entry.processInstanceId()).orElse(entry));
        if (index > 0) {
          store.swap(queue, line.get(index), line.get(index - 1));
          index--;
        }
        int position = index + 1;
        intervene(entry.processInstanceId(), operator + " moved " + businessKey + " up in the " + singular(queue)
            + " queue for " + entry.environment() + ": now " + position + " in line");
        if (position == 1) {
          String environment = entry.environment();
          Transactions.afterCommit(() -> wakeNext(queue, environment));
        }
        return Optional.of(new Moved(queue, entry.environment(), position));
      }
      return Optional.<Moved>empty();
    });
  }

  /** Which slot an operator freed: its queue and environment. */
  public record Released(String queue, String environment) {
  }

  /**
   * An operator frees the slot a migration holds (a stuck import, validation or creation): the
   * next in line may start. The migration itself goes on; it is told in its history.
   */
  public Optional<Released> releaseSlot(String businessKey, String operator) {
    return store.inTransaction(() -> {
      for (String queue : ALL) {
        List<QueueStore.Slot> slots = store.slotsOf(queue, businessKey);
        if (slots.isEmpty()) {
          continue;
        }
        QueueStore.Slot slot = slots.get(0);
        store.lock(queue, slot.environment());
        store.deleteSlot(queue, slot);
        if (alive(slot.processInstanceId())) {
          intervene(slot.processInstanceId(), operator + " released the " + singular(queue) + " slot of " + businessKey
              + " on " + slot.environment() + " (held since " + UTC.format(slot.acquired()) + " on " + slot.node() + ")");
        }
        Transactions.afterCommit(() -> wakeNext(queue, slot.environment()));
        return Optional.of(new Released(queue, slot.environment()));
      }
      return Optional.<Released>empty();
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

  void gauge(String queue, String environment) {
    if (gauges.add(queue + "\u0000" + environment)) {
      Gauge.builder("ferry.queue.length", () -> store.length(queue, environment))
          .description("Migrations waiting in an environment's queue (imports, validations, creations)")
          .tag("queue", queue).tag("target", environment).register(registry);
    }
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** "import", "validation", "creation": for messages. */
  static String singular(String queue) {
    return queue.substring(0, queue.length() - 1);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
