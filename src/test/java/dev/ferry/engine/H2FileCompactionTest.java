package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With every commit on disk ({@code WRITE_DELAY=0}), the embedded file stays near the size of its
 * data while Ferry works: rows written once and kept (history) beside rows written and deleted
 * again (runtime), one commit each, as Ferry's jobs write them; and once nothing is committed,
 * it shrinks to nearly what H2 makes of the data when it compacts all of it.
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

  @Test
  void onceNothingIsCommittedTheFileShrinksToNearlyItsData() throws Exception {
    JdbcDataSource dataSource = dataSource("idle");
    H2FileCompaction compaction = new H2FileCompaction(dataSource, Duration.ofSeconds(1));
    Path file = dir.resolve("idle.mv.db");
    long busy;
    long notYetIdle;
    long idle;
    try (Connection open = dataSource.getConnection()) {
      churn(open, compaction, true);
      busy = Files.size(file);
      compaction.compact(); // the first run after the last commit cannot know that none follows
      notYetIdle = Files.size(file);
      for (int run = 0; run < 10; run++) {
        compaction.compact();
      }
      idle = Files.size(file);
      try (Statement sql = open.createStatement(); ResultSet count = sql.executeQuery("SELECT COUNT(*) FROM HISTORY")) {
        assertThat(count.next()).isTrue();
        assertThat(count.getInt(1)).as("history rows after the moves").isEqualTo(COMMITS);
      }
      try (Statement sql = open.createStatement()) {
        sql.execute("SHUTDOWN COMPACT"); // the smallest file H2 makes of this data
      }
    }
    long data = Files.size(file);
    assertThat(notYetIdle).as("right after the commits, against %,d bytes", busy).isGreaterThan(busy * 9 / 10);
    assertThat(idle).as("after runs without commits, against %,d bytes busy and %,d of data", busy, data)
        .isLessThan(data * 5 / 4);
  }

  private long churn(String name, boolean compacting) throws Exception {
    JdbcDataSource dataSource = dataSource(name);
    try (Connection open = dataSource.getConnection()) {
      churn(open, new H2FileCompaction(dataSource, Duration.ofSeconds(1)), compacting);
      return Files.size(dir.resolve(name + ".mv.db"));
    }
  }

  private JdbcDataSource dataSource(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0;COMPRESS=TRUE");
    dataSource.setUser("sa");
    return dataSource;
  }

  private static final int COMMITS = 10_000;

  /** History rows kept, runtime rows deleted 50 commits later, one commit each. */
  private static void churn(Connection open, H2FileCompaction compaction, boolean compacting) throws Exception {
    try (Statement sql = open.createStatement()) {
      sql.execute("CREATE TABLE HISTORY (ID BIGINT PRIMARY KEY, TEXT VARCHAR(1000))");
      sql.execute("CREATE TABLE RUNTIME (ID BIGINT PRIMARY KEY, TEXT VARCHAR(1000))");
    }
    try (PreparedStatement history = open.prepareStatement("INSERT INTO HISTORY VALUES (?, ?)");
        PreparedStatement runtime = open.prepareStatement("INSERT INTO RUNTIME VALUES (?, ?)");
        PreparedStatement done = open.prepareStatement("DELETE FROM RUNTIME WHERE ID = ?")) {
      for (int i = 0; i < COMMITS; i++) {
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
  }
}
