package dev.ferry.queue;

import dev.ferry.engine.Transactions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queues in the database, so that every node of a cluster sees one queue per environment:
 * {@code FERRY_QUEUE_ENTRY} (who waits, in which order), {@code FERRY_QUEUE_SLOT} (who runs, with a
 * lease) and {@code FERRY_QUEUE_LOCK} (one row per queue and environment). Every change of a queue
 * first locks its row ({@code SELECT … FOR UPDATE}), so two nodes never hand out slots at the same
 * time; the slot's primary key (queue, environment, slot number) and its unique holder are the
 * second guard: a slot cannot be given twice even by a bug in the counting.
 *
 * <p>Methods join the caller's transaction (the engine's job), so a slot is taken exactly when the
 * migration moves on; operators' changes run in a transaction of their own.
 */
@Component
public class QueueStore {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separately;
  private final Set<String> lockRows = ConcurrentHashMap.newKeySet();

  public QueueStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.separately = Transactions.ofTheirOwn(transactions);
    jdbc.execute("CREATE TABLE IF NOT EXISTS FERRY_QUEUE_LOCK (QUEUE_ VARCHAR(32) NOT NULL, "
        + "ENVIRONMENT_ VARCHAR(255) NOT NULL, PRIMARY KEY (QUEUE_, ENVIRONMENT_))");
    jdbc.execute("CREATE TABLE IF NOT EXISTS FERRY_QUEUE_ENTRY (QUEUE_ VARCHAR(32) NOT NULL, "
        + "PROC_INST_ID_ VARCHAR(64) NOT NULL, ENVIRONMENT_ VARCHAR(255) NOT NULL, BUSINESS_KEY_ VARCHAR(255), "
        + "ENQUEUED_ TIMESTAMP NOT NULL, RANK_ BIGINT NOT NULL, NOT_BEFORE_ TIMESTAMP, "
        + "PRIMARY KEY (QUEUE_, PROC_INST_ID_))");
    jdbc.execute("CREATE TABLE IF NOT EXISTS FERRY_QUEUE_SLOT (QUEUE_ VARCHAR(32) NOT NULL, "
        + "ENVIRONMENT_ VARCHAR(255) NOT NULL, SLOT_ INTEGER NOT NULL, PROC_INST_ID_ VARCHAR(64) NOT NULL, "
        + "BUSINESS_KEY_ VARCHAR(255), NODE_ VARCHAR(255), ACQUIRED_ TIMESTAMP NOT NULL, EXPIRES_ TIMESTAMP NOT NULL, "
        + "PRIMARY KEY (QUEUE_, ENVIRONMENT_, SLOT_), CONSTRAINT FERRY_QUEUE_SLOT_HOLDER UNIQUE (QUEUE_, PROC_INST_ID_))");
  }

  public record Entry(String processInstanceId, String environment, String businessKey, Instant enqueued, long rank,
      Instant notBefore) {
  }

  public record Slot(String environment, int number, String processInstanceId, String businessKey, String node,
      Instant acquired, Instant expires) {
  }

  /**
   * Locks the queue of one environment until the current transaction ends: every change of a
   * queue goes through here, on whichever node it runs.
   */
  public void lock(String queue, String environment) {
    String key = queue + "\u0000" + environment;
    if (!lockRows.contains(key)) {
      separately.executeWithoutResult(status -> {
        try {
          jdbc.update("INSERT INTO FERRY_QUEUE_LOCK (QUEUE_, ENVIRONMENT_) SELECT ?, ? WHERE NOT EXISTS "
              + "(SELECT 1 FROM FERRY_QUEUE_LOCK WHERE QUEUE_ = ? AND ENVIRONMENT_ = ?)", queue, environment, queue,
              environment);
        } catch (DataIntegrityViolationException createdByAnotherNode) {
          status.setRollbackOnly();
        }
      });
      lockRows.add(key);
    }
    jdbc.queryForList("SELECT ENVIRONMENT_ FROM FERRY_QUEUE_LOCK WHERE QUEUE_ = ? AND ENVIRONMENT_ = ? FOR UPDATE",
        String.class, queue, environment);
  }

  /** Puts a migration at the end of the queue (its rank after everyone's), unless it is queued already. */
  public void enqueue(String queue, String environment, String processInstanceId, String businessKey, Instant now,
      Instant notBefore) {
    lock(queue, environment);
    if (entry(queue, processInstanceId).isPresent()) {
      jdbc.update("UPDATE FERRY_QUEUE_ENTRY SET NOT_BEFORE_ = ? WHERE QUEUE_ = ? AND PROC_INST_ID_ = ?",
          timestamp(notBefore), queue, processInstanceId);
      return;
    }
    Long last = jdbc.queryForObject("SELECT MAX(RANK_) FROM FERRY_QUEUE_ENTRY WHERE QUEUE_ = ? AND ENVIRONMENT_ = ?",
        Long.class, queue, environment);
    long rank = Math.max(now.toEpochMilli() * 1000, last == null ? 0 : last + 1);
    jdbc.update("INSERT INTO FERRY_QUEUE_ENTRY (QUEUE_, PROC_INST_ID_, ENVIRONMENT_, BUSINESS_KEY_, ENQUEUED_, RANK_, "
        + "NOT_BEFORE_) VALUES (?, ?, ?, ?, ?, ?, ?)", queue, processInstanceId, environment, businessKey,
        timestamp(now), rank, timestamp(notBefore));
  }

  public Optional<Entry> entry(String queue, String processInstanceId) {
    return jdbc.query("SELECT * FROM FERRY_QUEUE_ENTRY WHERE QUEUE_ = ? AND PROC_INST_ID_ = ?", (rs, i) -> entry(rs),
        queue, processInstanceId).stream().findFirst();
  }

  /** The migrations waiting for this environment, first in line first. */
  public List<Entry> waiting(String queue, String environment) {
    return jdbc.query("SELECT * FROM FERRY_QUEUE_ENTRY WHERE QUEUE_ = ? AND ENVIRONMENT_ = ? ORDER BY RANK_, "
        + "PROC_INST_ID_", (rs, i) -> entry(rs), queue, environment);
  }

  public List<Slot> slots(String queue, String environment) {
    return jdbc.query("SELECT * FROM FERRY_QUEUE_SLOT WHERE QUEUE_ = ? AND ENVIRONMENT_ = ? ORDER BY SLOT_",
        (rs, i) -> slot(rs), queue, environment);
  }

  public Optional<Slot> slotOf(String queue, String processInstanceId) {
    return jdbc.query("SELECT * FROM FERRY_QUEUE_SLOT WHERE QUEUE_ = ? AND PROC_INST_ID_ = ?", (rs, i) -> slot(rs),
        queue, processInstanceId).stream().findFirst();
  }

  public List<Entry> entriesOf(String queue, String businessKey) {
    return jdbc.query("SELECT * FROM FERRY_QUEUE_ENTRY WHERE QUEUE_ = ? AND BUSINESS_KEY_ = ?", (rs, i) -> entry(rs),
        queue, businessKey);
  }

  public List<Slot> slotsOf(String queue, String businessKey) {
    return jdbc.query("SELECT * FROM FERRY_QUEUE_SLOT WHERE QUEUE_ = ? AND BUSINESS_KEY_ = ?", (rs, i) -> slot(rs),
        queue, businessKey);
  }

  /** The environments that have anyone waiting or running in this queue. */
  public List<String> environments(String queue) {
    return jdbc.queryForList("SELECT ENVIRONMENT_ FROM FERRY_QUEUE_ENTRY WHERE QUEUE_ = ? UNION "
        + "SELECT ENVIRONMENT_ FROM FERRY_QUEUE_SLOT WHERE QUEUE_ = ? ORDER BY 1", String.class, queue, queue);
  }

  public int length(String queue, String environment) {
    Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM FERRY_QUEUE_ENTRY WHERE QUEUE_ = ? AND ENVIRONMENT_ = ?",
        Integer.class, queue, environment);
    return count == null ? 0 : count;
  }

  /**
   * Frees the slots of this environment whose lease ran out or whose holder no longer exists
   * (deleted without its listeners). Call with the queue locked.
   */
  public List<Slot> freeStale(String queue, String environment, Instant now, Predicate<String> alive) {
    List<Slot> stale = slots(queue, environment).stream()
        .filter(s -> s.expires().isBefore(now) || !alive.test(s.processInstanceId())).toList();
    stale.forEach(s -> deleteSlot(queue, s));
    return stale;
  }

  /** Gives the entry a slot and takes it out of the line. Call with the queue locked, after counting. */
  public Slot grant(String queue, Entry entry, String node, Instant now, Instant expires) {
    List<Integer> taken = jdbc.queryForList("SELECT SLOT_ FROM FERRY_QUEUE_SLOT WHERE QUEUE_ = ? AND ENVIRONMENT_ = ?",
        Integer.class, queue, entry.environment());
    int number = 0;
    while (taken.contains(number)) {
      number++;
    }
    jdbc.update("INSERT INTO FERRY_QUEUE_SLOT (QUEUE_, ENVIRONMENT_, SLOT_, PROC_INST_ID_, BUSINESS_KEY_, NODE_, "
        + "ACQUIRED_, EXPIRES_) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", queue, entry.environment(), number,
        entry.processInstanceId(), entry.businessKey(), node, timestamp(now), timestamp(expires));
    jdbc.update("DELETE FROM FERRY_QUEUE_ENTRY WHERE QUEUE_ = ? AND PROC_INST_ID_ = ?", queue,
        entry.processInstanceId());
    return new Slot(entry.environment(), number, entry.processInstanceId(), entry.businessKey(), node, now, expires);
  }

  /** Extends the lease of the slots these instances hold, in any queue; returns how many were renewed. */
  public int renew(List<String> processInstanceIds, Instant expires) {
    int renewed = 0;
    for (String id : processInstanceIds) {
      renewed += jdbc.update("UPDATE FERRY_QUEUE_SLOT SET EXPIRES_ = ? WHERE PROC_INST_ID_ = ?", timestamp(expires), id);
    }
    return renewed;
  }

  /** Takes the instance out of the queue: its slot and its place in line. Returns the freed slot's environment. */
  public Optional<String> leave(String queue, String processInstanceId) {
    Optional<Slot> slot = slotOf(queue, processInstanceId);
    Optional<Entry> entry = entry(queue, processInstanceId);
    Optional<String> environment = slot.map(Slot::environment).or(() -> entry.map(Entry::environment));
    if (environment.isEmpty()) {
      return Optional.empty();
    }
    lock(queue, environment.get());
    jdbc.update("DELETE FROM FERRY_QUEUE_ENTRY WHERE QUEUE_ = ? AND PROC_INST_ID_ = ?", queue, processInstanceId);
    int freed = jdbc.update("DELETE FROM FERRY_QUEUE_SLOT WHERE QUEUE_ = ? AND PROC_INST_ID_ = ?", queue,
        processInstanceId);
    return freed > 0 ? environment : Optional.empty();
  }

  public void deleteSlot(String queue, Slot slot) {
    jdbc.update("DELETE FROM FERRY_QUEUE_SLOT WHERE QUEUE_ = ? AND ENVIRONMENT_ = ? AND SLOT_ = ? AND PROC_INST_ID_ = ?",
        queue, slot.environment(), slot.number(), slot.processInstanceId());
  }

  public void deleteEntry(String queue, String processInstanceId) {
    jdbc.update("DELETE FROM FERRY_QUEUE_ENTRY WHERE QUEUE_ = ? AND PROC_INST_ID_ = ?", queue, processInstanceId);
  }

  /** Swaps the ranks of two entries: an operator's move-up. */
  public void swap(String queue, Entry one, Entry other) {
    jdbc.update("UPDATE FERRY_QUEUE_ENTRY SET RANK_ = ? WHERE QUEUE_ = ? AND PROC_INST_ID_ = ?", other.rank(), queue,
        one.processInstanceId());
    jdbc.update("UPDATE FERRY_QUEUE_ENTRY SET RANK_ = ? WHERE QUEUE_ = ? AND PROC_INST_ID_ = ?", one.rank(), queue,
        other.processInstanceId());
  }

  /** Runs an operator's change in a transaction of its own. */
  public <T> T inTransaction(java.util.function.Supplier<T> work) {
    return separately.execute(status -> work.get());
  }

  private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
    Timestamp notBefore = rs.getTimestamp("NOT_BEFORE_");
    return new Entry(rs.getString("PROC_INST_ID_"), rs.getString("ENVIRONMENT_"), rs.getString("BUSINESS_KEY_"),
        rs.getTimestamp("ENQUEUED_").toInstant(), rs.getLong("RANK_"), notBefore == null ? null : notBefore.toInstant());
  }

  private static Slot slot(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Slot(rs.getString("ENVIRONMENT_"), rs.getInt("SLOT_"), rs.getString("PROC_INST_ID_"),
        rs.getString("BUSINESS_KEY_"), rs.getString("NODE_"), rs.getTimestamp("ACQUIRED_").toInstant(),
        rs.getTimestamp("EXPIRES_").toInstant());
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
