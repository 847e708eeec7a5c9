package dev.ferry.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key}s that started a process, per user and endpoint. The key's row is
 * written in the same transaction as the process start; a second start with the same key fails on
 * the primary key, and with it the duplicate start.
 */
@Component
public class IdempotencyKeys {

  private final JdbcTemplate jdbc;

  public IdempotencyKeys(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    jdbc.execute("CREATE TABLE IF NOT EXISTS FERRY_IDEMPOTENCY (USER_ VARCHAR(255) NOT NULL, "
        + "ENDPOINT_ VARCHAR(64) NOT NULL, KEY_ VARCHAR(255) NOT NULL, PROC_INST_ID_ VARCHAR(64) NOT NULL, "
        + "CREATED_ TIMESTAMP NOT NULL, PRIMARY KEY (USER_, ENDPOINT_, KEY_))");
  }

  public Optional<String> find(String user, String endpoint, String key) {
    List<String> found = jdbc.queryForList("SELECT PROC_INST_ID_ FROM FERRY_IDEMPOTENCY WHERE USER_ = ? AND "
        + "ENDPOINT_ = ? AND KEY_ = ?", String.class, user, endpoint, key);
    return found.stream().findFirst();
  }

  /** Throws {@code DuplicateKeyException} when the key was used already. */
  public void remember(String user, String endpoint, String key, String processInstanceId) {
    jdbc.update("INSERT INTO FERRY_IDEMPOTENCY (USER_, ENDPOINT_, KEY_, PROC_INST_ID_, CREATED_) VALUES (?, ?, ?, ?, ?)",
        user, endpoint, key, processInstanceId, Timestamp.from(Instant.now()));
  }
}
