package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.simulator.SessionKey;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A full migration, then a search of the whole database (every variable, all history, byte arrays
 * included) and of everything logged, for the Library password and every token and session cookie
 * the Libraries issued. None may be found.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsLeakTest extends MigrationScenario {

  @Autowired Simulator simulator;
  @Autowired JdbcTemplate jdbc;

  @Test
  void fullMigrationLeavesNoCredentialTokenOrCookieInTheDatabaseOrTheLogs(CapturedOutput logs) {
    ProcessInstance migration = start(Requests.objectMigration("Secrets stay secret"));
    simulator.environment("dev").expireSessions();
    requestAndApprove(migration);
    complete(migration, "review-import", REQUESTER, Map.of("undo", true));
    complete(migration, "approve-undo", APPROVER, Map.of("approved", true));
    assertThat(variable(migration, "outcome")).isEqualTo("undone");

    List<String> secrets = new ArrayList<>(List.of("simulated-library-secret"));
    for (String environment : List.of("dev", "prod")) {
      for (SessionKey session : simulator.environment(environment).issuedSessions()) {
        secrets.add(session.token());
        secrets.add(session.sessionId());
      }
    }
    assertThat(secrets).as("logins happened, including the one after the session expired").hasSizeGreaterThan(4);

    // H2's SCRIPT writes the whole database as SQL: every table, byte arrays as hex.
    String database = String.join("\n", jdbc.queryForList("SCRIPT NOPASSWORDS", String.class));
    assertThat(database).contains("Secrets stay secret");
    for (String secret : secrets) {
      String hex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
      assertThat(database).as("the database").doesNotContain(secret).doesNotContainIgnoringCase(hex);
      assertThat(logs.getAll()).as("the logs").doesNotContain(secret);
    }
  }
}
