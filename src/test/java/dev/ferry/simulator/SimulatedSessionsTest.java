package dev.ferry.simulator;

import static dev.ferry.simulator.Sandbox.credentials;
import static dev.ferry.simulator.Sandbox.projectPackage;
import static dev.ferry.simulator.Sandbox.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatedSessionsTest {

  private final Sandbox sandbox = new Sandbox();
  private final SimulatedLibrary dev = sandbox.dev;

  @Test
  void loginHandsOutATokenAndASessionCookie() {
    SessionKey key = dev.login(credentials("ferry", Sandbox.PASSWORD));

    assertThat(key.token()).isNotBlank();
    assertThat(key.sessionId()).matches("[0-9A-F]{32}");
    assertThat(dev.list(key, 0, -1).path("total").asInt()).isZero();
  }

  @ParameterizedTest(name = "user {0}, password {1}")
  @CsvSource({"ferry, wrong", "admin, " + Sandbox.PASSWORD, "FERRY, " + Sandbox.PASSWORD, ","})
  void wrongCredentialsFailWithErr003(String username, String password) {
    SimulatorError error = refusal(() -> dev.login(credentials(username, password)));

    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.code()).isEqualTo("ERR003");
    assertThat(error.getMessage()).isEqualTo("Login failed");
  }

  @Test
  void aLoginWithoutABodyFails() {
    assertThat(refusal(() -> dev.login(null)).code()).isEqualTo("ERR003");
  }

  @Test
  void everyCallNeedsBothTheTokenAndTheCookieOfOneSession() {
    SessionKey mine = sandbox.devSession;
    SessionKey other = dev.login(credentials("ferry", Sandbox.PASSWORD));

    for (SessionKey incomplete : new SessionKey[] {
        new SessionKey(mine.token(), null),
        new SessionKey(null, mine.sessionId()),
        new SessionKey(mine.token(), other.sessionId())}) {
      SimulatorError error = refusal(() -> dev.list(incomplete, 0, -1));
      assertThat(error.httpStatus()).isEqualTo(401);
      assertThat(error.code()).isEqualTo("ERR009");
      assertThat(error.getMessage()).isEqualTo("Session invalid or timeout");
    }
    assertThat(dev.list(mine, 0, -1).path("total").asInt()).isZero();
  }

  @Test
  void expiredSessionsFailWithErr009UntilTheClientLogsInAgain() {
    String id = sandbox.create(projectPackage("Sales"));

    dev.expireSessions();

    assertThat(refusal(() -> sandbox.onDev(id)).code()).isEqualTo("ERR009");
    SessionKey fresh = dev.login(credentials("ferry", Sandbox.PASSWORD));
    assertThat(dev.get(fresh, id, false).path("id").asText()).isEqualTo(id);
  }

  @Test
  void aSessionIdleForLongerThanTheTimeoutIsGone() {
    sandbox.clock.advance(Duration.ofMinutes(29));
    assertThat(dev.list(sandbox.devSession, 0, -1).path("total").asInt()).isZero();

    sandbox.clock.advance(Duration.ofMinutes(31));

    assertThat(refusal(() -> dev.list(sandbox.devSession, 0, -1)).code()).isEqualTo("ERR009");
  }

  @Test
  void logoutEndsTheSession() {
    dev.logout(sandbox.devSession);

    assertThat(refusal(() -> dev.list(sandbox.devSession, 0, -1)).code()).isEqualTo("ERR009");
    assertThat(dev.activeSessions()).isZero();
  }

  @Test
  void environmentsKeepSeparateSessions() {
    assertThat(refusal(() -> sandbox.prod.list(sandbox.devSession, 0, -1)).code()).isEqualTo("ERR009");
  }
}
