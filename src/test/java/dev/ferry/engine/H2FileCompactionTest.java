package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With every commit on disk ({@code WRITE_DELAY=0}), the embedded file stays near the size of its
 * data while Ferry works: rows written once and kept (history) beside rows written and deleted
 * again (runtime), one commit each, as Ferry's jobs write them.
 */
@Tag("fast")
class H2FileCompactionTest {

  @TempDir Path dir;

  @Test
  void theFileStaysNearItsDataWhileCommitsComeOneByOne() throws Exception {
    long without = churn("without", false);
    long with = churn("with", true);
    assertThat(with).as("with compaction every 200 commits, against %,d bytes without", without)
        .isLessThan(without / 2);
  }

  private long churn(String name, boolean compacting) throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0;COMPRESS=TRUE");
    dataSource.setUser("sa");
    H2FileCompaction compaction = new H2FileCompaction(dataSource, Duration.ofSeconds(1));
    try (Connection open = dataSource.getConnection(); Statement sql = open.createStatement()) {
      sql.execute("CREATE TABLE HISTORY (ID BIGINT PRIMARY KEY, TEXT VARCHAR(1000))");
      sql.execute("CREATE TABLE RUNTIME (ID BIGINT PRIMARY KEY, TEXT VARCHAR(1000))");
      try (PreparedStatement history = open.prepareStatement("INSERT INTO HISTORY VALUES (?, ?)");
          PreparedStatement runtime = open.prepareStatement("INSERT INTO RUNTIME VALUES (?, ?)");
          PreparedStatement done = open.prepareStatement("DELETE FROM RUNTIME WHERE ID = ?")) {
        for (int i = 0; i < 10_000; i++) {
          history.setLong(1, i);
          history.setString(2, "activity " + i + " of migration " + (i / 100) + " ".repeat(i % 200));
          history.executeUpdate();
          runtime.setLong(1, i);
          runtime.setString(2, "job " + i + " ".repeat(i % 300));
          runtime.executeUpdate();
          if (i >= 50) {
            done.setLong(1, i - 50);
            done.executeUpdate();
          }
          if (compacting && i % 200 == 0) {
            compaction.compact();
          }
        }
      }
      return Files.size(dir.resolve(name + ".mv.db"));
    }
  }
}
