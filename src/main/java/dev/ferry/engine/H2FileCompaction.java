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
 * writer would: every {@code ferry.h2.compact-interval} (1 s), while the file is less than half
 * full of live data, it rewrites the live pages of the sparsest and oldest chunks, up to 4 MB of
 * them ({@code MVStore.compact} in H2 2.4.240: the fill rate is the whole store's, and the chunks
 * are picked by fill rate over age). Their live pages go to free space near the start of the
 * file, and H2 cuts the file behind the last chunk in use; a young, dense chunk at the end keeps
 * the file long until it empties.
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
   * Compaction runs while the store is less full than this: at 80% it rewrote four bytes for each
   * byte it freed, at 50 one.
   */
  static final int FILL_RATE = 50;

  /** Rewrites sparse chunks. */
  void compact() {
    try {
      MVStore store = store();
      if (store != null && !store.isClosed()) {
        store.compact(FILL_RATE, 4 * 1024 * 1024);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not compact the H2 file (it is compacted when Ferry stops): {}", e.toString());
    }
  }

  /** The MVStore of an embedded file database; null for anything else. */
  private MVStore store() {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.getMetaData().getURL().startsWith("jdbc:h2:file:") || !connection.isWrapperFor(JdbcConnection.class)) {
        return null;
      }
      if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
        return null;
      }
      return session.getDatabase().getStore() == null ? null : session.getDatabase().getStore().getMvStore();
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void destroy() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
