package dev.ferry.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file as small as its data. Ferry runs H2 with {@code WRITE_DELAY=0} so
 * that every commit is on disk when Ferry answers (a hard kill loses nothing); but with it H2's
 * MVStore starts no background writer, and so never compacts: every commit appends a chunk and
 * the file only shrinks when the database closes (a test of 30,000 small commits: 1.1 GB for 6
 * MB of data). The benchmark measured 400–600 MB for 100 migrations whose live data needs 5.6 MB.
 * Superseded data is reused at once ({@code RETENTION_TIME=0} in the URL), but a chunk stays as
 * long as one live page in it does, and history rows pin many. This does what the background
 * writer would: every {@code ferry.h2.compact-interval} (1 s) it rewrites the live pages of the
 * sparsest and oldest chunks ({@code MVStore.compact} in H2 2.4.240: the fill rate is the whole
 * store's, and the chunks are picked by fill rate over age). Their live pages go to free space near
 * the start of the file, and H2 cuts the file behind the last chunk in use; a young, dense chunk at
 * the end keeps the file long until it empties.
 *
 * <p>How hard it works depends on whether Ferry is writing, as in H2's own housekeeping
 * ({@code RandomAccessStore.doHousekeeping}: a lower target and a quarter of the writes while the
 * file is in use). While the file was read or written since the last pass it rewrites up to 1 MB
 * when less than half of the chunks' space is live: it competes with jobs and REST calls for the
 * store's lock and the CPU, and pages of runtime rows are soon superseded anyway. Once nothing
 * touched the file since the last pass it rewrites up to 4 MB a pass until 80% is live, so the file
 * shrinks while Ferry is idle. It writes what it rewrote itself ({@code MVStore.compact} leaves it
 * for the next commit, which may never come).
 *
 * <p>It no longer moves chunks ({@code MVStore.compactFile}, every tenth time until 2026-12): in
 * H2 2.3.232 and 2.4.240 (Ferry's) that path can place a chunk across the space it reserved (an
 * assertion in {@code RandomAccessStore.moveChunkInside} fails with {@code -ea}; H2 issue #4086,
 * fixed in 2.5.x, but 2.5.252 no longer frees the space of deleted rows), and rewriting at 80%
 * full with moves took a quarter of Ferry's CPU in the benchmark (200 migrations; JFR: 1,029 of
 * 4,217 samples). H2 still moves chunks together when it closes.
 * Does nothing on another database.
 */
@Component
public class H2FileCompaction implements InitializingBean, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(H2FileCompaction.class);

  private final DataSource dataSource;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  public H2FileCompaction(DataSource dataSource,
      @Value("${ferry.h2.compact-interval:PT1S}") Duration interval) {
    this.dataSource = dataSource;
    this.interval = interval;
  }

  @Override
  public void afterPropertiesSet() {
    if (store() == null || interval.isZero() || interval.isNegative()) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "ferry-h2-compaction");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::compact, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Compacting the H2 file every {}", interval);
  }

  /**
   * While Ferry writes, compaction runs while the chunks are less full than this: at 80% it rewrote
   * four bytes for each byte it freed, at 50 one.
   */
  static final int BUSY_FILL_RATE = 50;
  /** While Ferry writes, at most this much is rewritten a pass (H2's housekeeping: a quarter). */
  static final int BUSY_WRITE = 1024 * 1024;
  /** Once nothing read or wrote the file since the last pass: rewrite until this much is live. */
  static final int IDLE_FILL_RATE = 80;
  static final int IDLE_WRITE = 4 * 1024 * 1024;

  /** Reads and writes of the file when the last pass ended (its own included). */
  private long fileOperations = -1;

  /** Rewrites sparse chunks: a little while the file is in use, more once it is idle. */
  void compact() {
    try {
      MVStore store = store();
      if (store != null && !store.isClosed()) {
        boolean idle = fileOperations(store) == fileOperations;
        boolean rewritten = idle ? store.compact(IDLE_FILL_RATE, IDLE_WRITE)
            : store.compact(BUSY_FILL_RATE, BUSY_WRITE);
        if (rewritten) {
          // the rewritten pages are only in memory until the store's next commit: write them now,
          // not in the commit of whatever job or request comes next (or never, if none comes)
          store.commit();
        }
        fileOperations = fileOperations(store);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not compact the H2 file (it is compacted when Ferry stops): {}", e.toString());
    }
  }

  private static long fileOperations(MVStore store) {
    return store.getFileStore().getReadCount() + store.getFileStore().getWriteCount();
  }

  /** The MVStore of an embedded file database; null for anything else. */
  private MVStore store() {
    try (Connection connection = dataSource.getConnection()) {
      return store(connection);
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  /** The MVStore behind {@code connection} when it is an embedded H2 file database; null otherwise. */
  static MVStore store(Connection connection) throws SQLException {
    if (!connection.getMetaData().getURL().startsWith("jdbc:h2:file:") || !connection.isWrapperFor(JdbcConnection.class)) {
      return null;
    }
    if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
      return null;
    }
    return session.getDatabase().getStore() == null ? null : session.getDatabase().getStore().getMvStore();
  }

  @Override
  public void destroy() throws InterruptedException {
    if (scheduler != null) {
      // Let a running pass finish; never interrupt it. A thread interrupted in (or on its way into)
      // file I/O closes H2's FileChannel for every session (NIO's ClosedByInterruptException): the
      // commits after it fail, and the file was left with pages in chunks H2 had already dropped
      // ("Chunk … not found" when the benchmark reopened it after Ferry stopped). A pass is short.
      scheduler.shutdown();
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("A compaction pass of the H2 file was still running after 30 s; Ferry stops beside it");
      }
    }
  }
}
