package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With every commit on disk ({@code WRITE_DELAY=0}), the embedded file stays near the size of its
 * data while Ferry works: rows written once and kept (history) beside rows written and deleted
 * again (runtime), one commit each, as Ferry's jobs write them; and it shrinks back when the
 * history is deleted.
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
  void whenTheHistoryIsDeletedTheFileShrinksBack() throws Exception {
    JdbcDataSource dataSource = FerryH2.dataSource(dir, "cleaned");
    H2FileCompaction compaction = new H2FileCompaction(dataSource, Duration.ofSeconds(1));
    Path file = dir.resolve("cleaned.mv.db");
    int processes = 100;
    try (Connection open = dataSource.getConnection(); Statement sql = open.createStatement()) {
      sql.execute("CREATE TABLE HISTORY (ID BIGINT PRIMARY KEY, PROCESS INT, TEXT VARCHAR(1000))");
      sql.execute("CREATE INDEX HISTORY_PROCESS ON HISTORY (PROCESS)");
      sql.execute("CREATE INDEX HISTORY_TEXT ON HISTORY (TEXT)");
      try (PreparedStatement history = open.prepareStatement("INSERT INTO HISTORY VALUES (?, ?, ?)")) {
        for (int i = 0; i < 3_000; i++) {
          history.setLong(1, i);
          history.setInt(2, i % processes);
          history.setString(3, "activity " + (i * 7_919 % 3_000) + " ".repeat(i % 100));
          history.executeUpdate();
          if (i % 200 == 0) {
            compaction.compact();
          }
        }
      }
      long full = Files.size(file);
      try (PreparedStatement cleanup = open.prepareStatement("DELETE FROM HISTORY WHERE PROCESS = ?")) {
        for (int process = 0; process < processes; process++) { // one process instance's history at a time
          cleanup.setInt(1, process);
          cleanup.executeUpdate();
          if (process % 10 == 0) {
            compaction.compact();
          }
        }
      }
      for (int run = 0; run < 5; run++) {
        compaction.compact();
      }
      assertThat(Files.size(file)).as("with its history deleted, against %,d bytes with it", full)
          .isLessThan(full / 10);
    }
  }

  @Test
  void whileCommitsComeItRewritesLittleAndOnceTheyStopItCompactsFurther() throws Exception {
    JdbcDataSource dataSource = FerryH2.dataSource(dir, "idle");
    H2FileCompaction compaction = new H2FileCompaction(dataSource, Duration.ofSeconds(1));
    Path file = dir.resolve("idle.mv.db");
    try (Connection open = dataSource.getConnection(); Statement sql = open.createStatement()) {
      sql.execute("CREATE TABLE HISTORY (ID BIGINT PRIMARY KEY, TEXT VARCHAR(1000))");
      sql.execute("CREATE TABLE RUNTIME (ID BIGINT PRIMARY KEY, TEXT VARCHAR(1000))");
      try (PreparedStatement history = open.prepareStatement("INSERT INTO HISTORY VALUES (?, ?)");
          PreparedStatement runtime = open.prepareStatement("MERGE INTO RUNTIME VALUES (?, ?)")) {
        for (int i = 0; i < 6_000; i++) {
          history.setLong(1, i);
          history.setString(2, "activity " + i + " of migration " + (i / 100) + " ".repeat(i % 200));
          history.executeUpdate();
          runtime.setLong(1, i % 50);
          runtime.setString(2, "job " + i + " ".repeat(i % 300));
          runtime.executeUpdate();
          if (i % 200 == 0) {
            compaction.compact();
          }
        }
      }
      MVStore store = H2FileCompaction.store(open);
      int whileWriting = store.getFileStore().getChunksFillRate();
      long sizeWhileWriting = Files.size(file);
      assertThat(whileWriting).as("live share of the chunks while commits came, a pass each 200")
          .isLessThan(H2FileCompaction.IDLE_FILL_RATE);

      for (int pass = 0; pass < 10; pass++) {
        compaction.compact();
      }

      assertThat(store.getFileStore().getChunksFillRate()).as("live share once idle, against %d%% while writing",
          whileWriting).isGreaterThanOrEqualTo(H2FileCompaction.IDLE_FILL_RATE);
      assertThat(Files.size(file)).as("file once idle, against %,d bytes while writing", sizeWhileWriting)
          .isLessThan(sizeWhileWriting);
      try (Statement count = open.createStatement();
          ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM HISTORY")) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(6_000);
      }
    }
  }

  /**
   * Ferry stopping while a pass rewrites chunks: the pass is not interrupted, finishes its writes,
   * and the database keeps working and reopens whole. (Interrupted, the pass's next file operation
   * closed H2's file channel under every session: the store shut down, and the file reopened with
   * pages in chunks that no longer existed.)
   */
  @Test
  void stoppingWhileAPassRunsLetsItFinishAndLeavesTheDatabaseWhole() throws Exception {
    JdbcDataSource dataSource = FerryH2.dataSource(dir, "stopping");
    CountDownLatch passStarted = new CountDownLatch(1);
    CountDownLatch stopRequested = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    H2FileCompaction compaction = new H2FileCompaction(dataSource, Duration.ofMillis(1)) {
      @Override
      void compact() {
        if (passStarted.getCount() > 0) { // the first pass: caught in the middle, when Ferry is told to stop
          passStarted.countDown();
          try {
            stopRequested.await();
            Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                .until(() -> !Thread.currentThread().isInterrupted());
          } catch (InterruptedException | org.awaitility.core.ConditionTimeoutException e) {
            interrupted.set(true);
            Thread.currentThread().interrupt(); // as a pass in the middle of its I/O would have been
          }
        }
        super.compact();
      }
    };
    try (Connection open = dataSource.getConnection(); Statement sql = open.createStatement()) {
      sql.execute("CREATE TABLE HISTORY (ID BIGINT PRIMARY KEY, TEXT VARCHAR(1000))");
      try (PreparedStatement history = open.prepareStatement("INSERT INTO HISTORY VALUES (?, ?)");
          PreparedStatement update = open.prepareStatement("UPDATE HISTORY SET TEXT = ? WHERE ID = ?")) {
        for (int i = 0; i < 6_000; i++) { // rows written, then rewritten: chunks half dead, work for a pass
          history.setLong(1, i);
          history.setString(2, "activity " + i + " ".repeat(i % 300));
          history.executeUpdate();
          update.setString(1, "ended " + i + " ".repeat(i * 7 % 300));
          update.setLong(2, i);
          update.executeUpdate();
        }
      }
      MVStore store = H2FileCompaction.store(open);
      compaction.afterPropertiesSet();
      assertThat(passStarted.await(30, TimeUnit.SECONDS)).isTrue();
      long writes = store.getFileStore().getWriteCount();

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
        try {
          compaction.destroy(); // what Spring does as Ferry stops
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      stopRequested.countDown();
      stopping.get(30, TimeUnit.SECONDS);

      assertThat(interrupted).as("the pass was interrupted").isFalse();
      assertThat(store.isClosed()).as("the store once the compaction stopped").isFalse();
      assertThat(store.getFileStore().getWriteCount()).as("the pass wrote the chunks it rewrote").isGreaterThan(writes);
      sql.execute("INSERT INTO HISTORY VALUES (6000, 'written after the compaction stopped')");
    }
    try (Connection reopened = FerryH2.dataSource(dir, "stopping").getConnection();
        Statement count = reopened.createStatement();
        ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM HISTORY")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(6_001);
    }
  }

  private long churn(String name, boolean compacting) throws Exception {
    JdbcDataSource dataSource = FerryH2.dataSource(dir, name);
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
