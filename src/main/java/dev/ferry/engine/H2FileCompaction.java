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
 * writer would: every {@code ferry.h2.compact-interval} (1 s) rewrite up to 4 MB of chunks less
 * than 80% full (with 16 MB the benchmark started 7 migrations a second instead of 28, on a
 * busier machine), and every tenth time move live chunks together and give the space behind
 * them back, for at most {@code ferry.h2.compact-time} (100 ms, during which commits wait).
 * Does nothing on another database.
 */
@Component
public class H2FileCompaction implements InitializingBean, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(H2FileCompaction.class);

  private final DataSource dataSource;
  private final Duration interval;
  private final int compactMillis;
  private ScheduledExecutorService scheduler;

  public H2FileCompaction(DataSource dataSource,
      @Value("${ferry.h2.compact-interval:PT1S}") Duration interval,
      @Value("${ferry.h2.compact-time:PT0.1S}") Duration compactTime) {
    this.dataSource = dataSource;
    this.interval = interval;
    this.compactMillis = (int) compactTime.toMillis();
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
    LOG.info("Compacting the H2 file every {} for at most {} ms", interval, compactMillis);
  }

  private int runs;

  /** Rewrites sparse chunks; every tenth time also moves live chunks together and shrinks the file. */
  void compact() {
    try {
      MVStore store = store();
      if (store != null && !store.isClosed()) {
        store.compact(80, 4 * 1024 * 1024);
        if (++runs % 10 == 0) {
          store.compactFile(compactMillis);
        }
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
