package dev.ferry.reliability;

import dev.ferry.engine.Transactions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remembers that a step was about to call a Library, in a transaction of its own, so the memory
 * survives when the job's transaction does not. Jobs run at least once: when Ferry dies after the
 * Library answered but before the job committed, the job runs again, finds the attempt, and looks
 * up what the Library already did instead of doing it a second time.
 */
@Component
public class Attempts {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate separately;

  public Attempts(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.separately = Transactions.ofTheirOwn(transactions);
    jdbc.execute("CREATE TABLE IF NOT EXISTS FERRY_ATTEMPT (PROC_INST_ID_ VARCHAR(64) NOT NULL, "
        + "STEP_ VARCHAR(128) NOT NULL, STARTED_ TIMESTAMP NOT NULL, PRIMARY KEY (PROC_INST_ID_, STEP_))");
  }

  /**
   * Records this attempt of {@code step} and returns when an earlier one started, if there was one:
   * then the call may already have happened.
   */
  public Optional<Instant> begin(String processInstanceId, String step) {
    return separately.execute(status -> {
      List<Timestamp> earlier = jdbc.queryForList("SELECT STARTED_ FROM FERRY_ATTEMPT WHERE PROC_INST_ID_ = ? AND "
          + "STEP_ = ?", Timestamp.class, processInstanceId, step);
      if (!earlier.isEmpty()) {
        return Optional.of(earlier.get(0).toInstant());
      }
      jdbc.update("INSERT INTO FERRY_ATTEMPT (PROC_INST_ID_, STEP_, STARTED_) VALUES (?, ?, ?)", processInstanceId,
          step, new Timestamp(ClockUtil.getCurrentTime().getTime()));
      return Optional.<Instant>empty();
    });
  }

  /**
   * Forgets the attempts of an instance that has ended, in the engine's transaction: nothing of it
   * runs again, and the table stays as small as the number of running migrations.
   */
  public void forget(String processInstanceId) {
    jdbc.update("DELETE FROM FERRY_ATTEMPT WHERE PROC_INST_ID_ = ?", processInstanceId);
  }
}
