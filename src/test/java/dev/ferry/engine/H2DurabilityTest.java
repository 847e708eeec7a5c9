package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop keeps every commit. H2 2.3.232 with Ferry's settings ({@code WRITE_DELAY=0;
 * RETENTION_TIME=0}) lost the last commits before the database closed: of 100 rows committed one
 * by one, 97 were there after reopening (H2 issue #4247, fixed in 2.4.240). Ferry closes its
 * database on every normal stop, so a stop lost what the engine had just committed: a start
 * answered 201, an approval, a job's completion (and the job then ran again after the restart).
 */
@Tag("fast")
class H2DurabilityTest {

  private static final int ROWS = 100;

  @TempDir Path dir;

  @Test
  void everyCommitBeforeACleanCloseIsThereAfterReopening() throws Exception {
    JdbcDataSource dataSource = FerryH2.dataSource(dir, "ferry");
    try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
      sql.execute("CREATE TABLE COMMITTED (ID INT PRIMARY KEY, TEXT VARCHAR(100))");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO COMMITTED VALUES (?, ?)")) {
        for (int id = 0; id < ROWS; id++) {
          insert.setInt(1, id);
          insert.setString(2, "commit " + id);
          insert.executeUpdate();
        }
      }
    } // the last connection closes the database, as Hikari's do when Ferry stops

    List<Integer> reread = new ArrayList<>();
    try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery("SELECT ID FROM COMMITTED ORDER BY ID")) {
      while (rows.next()) {
        reread.add(rows.getInt(1));
      }
    }
    assertThat(reread).as("rows committed before the close, read after reopening").hasSize(ROWS);
  }
}
