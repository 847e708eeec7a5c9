package dev.ferry.library;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.ferry.library.LibraryFixture.JSESSIONID;
import static dev.ferry.library.LibraryFixture.LOGIN;
import static dev.ferry.library.LibraryFixture.LOGOUT;
import static dev.ferry.library.LibraryFixture.MIGRATIONS;
import static dev.ferry.library.LibraryFixture.MIGRATION_ID;
import static dev.ferry.library.LibraryFixture.PASSWORD;
import static dev.ferry.library.LibraryFixture.PROD_TOKEN;
import static dev.ferry.library.LibraryFixture.PROJECT_ID;
import static dev.ferry.library.LibraryFixture.TOKEN;
import static dev.ferry.library.LibraryFixture.USERNAME;
import static dev.ferry.library.LibraryFixture.cookieHeader;
import static dev.ferry.library.LibraryFixture.json;
import static dev.ferry.library.LibraryFixture.loginAccepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Library session as the authentication docs describe it: log in once, keep the token and
 * every cookie, send them back on each call, log in again once when the session is gone, log out
 * at shutdown.
 */
class LibrarySessionTest {

  private final LibraryFixture library = new LibraryFixture();
  private final LibraryScope devProject = LibraryScope.of("dev", PROJECT_ID);
  private final String getMigration = MIGRATIONS + "/" + MIGRATION_ID;

  @AfterEach
  void stop() throws IOException {
    library.close();
  }

  // --- login ---------------------------------------------------------------------------------

  @Test
  void logsInWithTheConfiguredUserPasswordAndStandardLoginModeByDefault() {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));

    library.migrations().get(devProject, MIGRATION_ID, false);

    library.dev.verify(postRequestedFor(urlEqualTo(LOGIN))
        .withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"username\":\"" + USERNAME + "\",\"password\":\"" + jsonEscaped(PASSWORD)
            + "\",\"loginMode\":1}")));
  }

  @Test
  void logsInWithTheLoginModeConfiguredForTheEnvironment() {
    library.configured("dev").setLoginMode(16); // LDAP
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));

    library.migrations().get(devProject, MIGRATION_ID, false);

    library.dev.verify(postRequestedFor(urlEqualTo(LOGIN))
        .withRequestBody(equalToJson("{\"username\":\"" + USERNAME + "\",\"password\":\"" + jsonEscaped(PASSWORD)
            + "\",\"loginMode\":16}")));
  }

  @Test
  void sendsTheTokenAndEveryCookieFromLoginBackAsOneCookieHeader() {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));

    library.migrations().get(devProject, MIGRATION_ID, false);

    library.dev.verify(getRequestedFor(urlPathMatching(MIGRATIONS + "/.*"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID))));
    LoggedRequest call = library.dev.findAll(getRequestedFor(urlPathMatching(MIGRATIONS + "/.*"))).get(0);
    assertThat(call.getHeaders().getHeader("Cookie").values()).as("one Cookie header").hasSize(1);
    assertThat(call.getHeaders().getHeader(LibrarySession.TOKEN_HEADER).values()).hasSize(1);
  }

  @Test
  void theLoginRequestItselfCarriesNoStaleTokenOrCookie() {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));

    library.migrations().get(devProject, MIGRATION_ID, false);

    LoggedRequest login = library.dev.findAll(postRequestedFor(urlEqualTo(LOGIN))).get(0);
    assertThat(login.containsHeader(LibrarySession.TOKEN_HEADER)).isFalse();
    assertThat(login.containsHeader("Cookie")).isFalse();
  }

  @Test
  void logsInOnceForManyCalls() {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));

    for (int i = 0; i < 5; i++) {
      library.migrations().get(devProject, MIGRATION_ID, i % 2 == 0);
    }

    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(LOGIN)));
    library.dev.verify(exactly(5), getRequestedFor(urlPathMatching(MIGRATIONS + "/.*"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID))));
  }

  @Test
  void manyProcessesCallingAtOnceShareOneLogin() throws Exception {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));

    List<Migration> migrations = inParallel(8, () -> library.migrations().get(devProject, MIGRATION_ID, false));

    assertThat(migrations).hasSize(8).allSatisfy(m -> assertThat(m.packageStatus()).isEqualTo("created"));
    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(LOGIN)));
    library.dev.verify(exactly(8), getRequestedFor(urlPathMatching(MIGRATIONS + "/.*"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN)));
  }

  @Test
  void eachLibraryGetsOnlyItsOwnTokenAndCookies() {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));
    library.prod.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));

    library.migrations().get(devProject, MIGRATION_ID, false);
    library.migrations().get(LibraryScope.of("prod", PROJECT_ID), MIGRATION_ID, false);

    library.dev.verify(getRequestedFor(urlPathMatching(MIGRATIONS + "/.*"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID))));
    library.prod.verify(getRequestedFor(urlPathMatching(MIGRATIONS + "/.*"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION"))));
  }

  @Test
  void aLoginAnswerWithoutTokenIsReportedInsteadOfCallingWithoutOne() {
    library.dev.stubFor(post(urlEqualTo(LOGIN)).willReturn(aResponse().withStatus(204)));

    LibraryException failure = catchThrowableOfType(LibraryException.class,
        () -> library.migrations().get(devProject, MIGRATION_ID, false));

    assertThat(failure.getMessage()).contains("'dev'", "POST /api/auth/login", "X-MSTR-AuthToken");
    library.dev.verify(exactly(0), getRequestedFor(urlPathMatching(MIGRATIONS + "/.*")));
  }

  @Test
  void aRefusedLoginNamesTheEnvironmentAndPointsAtTheCredentials() {
    library.dev.stubFor(post(urlEqualTo(LOGIN)).willReturn(json(401, "errors/401-err003.json")));

    LibraryException failure = catchThrowableOfType(LibraryException.class,
        () -> library.migrations().get(devProject, MIGRATION_ID, false));

    assertThat(failure.environmentId()).isEqualTo("dev");
    assertThat(failure.httpStatus()).isEqualTo(401);
    assertThat(failure.code()).isEqualTo("ERR003");
    assertThat(failure.ticketId()).isEqualTo("07c12ef604c54902a5f03d66a75992f4");
    assertThat(failure.getMessage())
        .contains("Library 'dev'", "POST /api/auth/login", "401", "ERR003", "Login failed")
        .contains("Check the username, password and login mode")
        .doesNotContain(PASSWORD);
    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(LOGIN)));
    library.dev.verify(exactly(0), getRequestedFor(urlPathMatching(MIGRATIONS + "/.*")));
  }

  // --- re-login ------------------------------------------------------------------------------

  @Test
  void whenTheSessionExpiredWith401ItLogsInAgainOnceAndTheCallSucceeds() {
    libraryGivesANewTokenOnEachLogin();
    sessionExpiresOnceWith(401, "{\"code\":\"ERR003\",\"message\":\"Login failed\"}");

    Migration migration = library.migrations().get(devProject, MIGRATION_ID, false);

    assertThat(migration.packageStatus()).isEqualTo("created");
    library.dev.verify(exactly(2), postRequestedFor(urlEqualTo(LOGIN)));
    assertRepeatedCallUsedTheNewSession();
  }

  @Test
  void whenTheLibrarySaysErr009With401ItLogsInAgainAndTheCallSucceeds() {
    libraryGivesANewTokenOnEachLogin();
    sessionExpiresOnceWith(401, "{\"code\":\"ERR009\",\"message\":\"Session invalid or timeout\"}");

    Migration migration = library.migrations().get(devProject, MIGRATION_ID, false);

    assertThat(migration.packageStatus()).isEqualTo("created");
    library.dev.verify(exactly(2), postRequestedFor(urlEqualTo(LOGIN)));
    assertRepeatedCallUsedTheNewSession();
  }

  @Test
  void whenTheLibrarySaysErr009With500ItAlsoLogsInAgainAndTheCallSucceeds() {
    libraryGivesANewTokenOnEachLogin();
    sessionExpiresOnceWith(500, "{\"code\":\"ERR009\",\"message\":\"Session invalid or timeout\","
        + "\"iServerCode\":-2147205115,\"ticketId\":\"aa1\"}");

    Migration migration = library.migrations().get(devProject, MIGRATION_ID, false);

    assertThat(migration.packageStatus()).isEqualTo("created");
    library.dev.verify(exactly(2), postRequestedFor(urlEqualTo(LOGIN)));
    assertRepeatedCallUsedTheNewSession();
  }

  @Test
  void aSecond401RightAfterLoggingInAgainIsNotRetriedAgain() {
    libraryGivesANewTokenOnEachLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*"))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":\"ERR009\",\"message\":\"Session invalid or timeout\"}")));

    LibraryException failure = catchThrowableOfType(LibraryException.class,
        () -> library.migrations().get(devProject, MIGRATION_ID, false));

    assertThat(failure.httpStatus()).isEqualTo(401);
    assertThat(failure.code()).isEqualTo("ERR009");
    assertThat(failure.getMessage()).contains("Library 'dev'", "GET /api/migrations/" + MIGRATION_ID, "ERR009");
    library.dev.verify(exactly(2), postRequestedFor(urlEqualTo(LOGIN)));
    library.dev.verify(exactly(2), getRequestedFor(urlPathMatching(MIGRATIONS + "/.*")));
  }

  @Test
  void whenTheSessionExpiresUnderManyProcessesAtOnceItLogsInAgainOnlyOnce() throws Exception {
    libraryGivesANewTokenOnEachLogin();
    library.dev.stubFor(get(urlEqualTo(MIGRATIONS + "?offset=0&limit=1&packageInfo.purpose=object_migration")).willReturn(aResponse().withStatus(200).withBody("{}")));
    // The Library only knows the second session: any other token (or none) gets ERR009.
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).atPriority(1)
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo("token-2"))
        .willReturn(json("migration/get-created-response.json")));
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).atPriority(5)
        .willReturn(aResponse().withStatus(401).withBody("{\"code\":\"ERR009\",\"message\":\"Session invalid or timeout\"}")));
    library.migrations().list(devProject, "object_migration", 0, 1); // logged in with token-1

    List<Migration> migrations = inParallel(8, () -> library.migrations().get(devProject, MIGRATION_ID, false));

    assertThat(migrations).hasSize(8).allSatisfy(m -> assertThat(m.packageStatus()).isEqualTo("created"));
    library.dev.verify(exactly(2), postRequestedFor(urlEqualTo(LOGIN)));
  }

  @Test
  void whenLoggingInAgainIsRefusedTheCredentialsHintIsReported() {
    library.dev.stubFor(post(urlEqualTo(LOGIN)).inScenario("password changed").whenScenarioStateIs(STARTED)
        .willReturn(loginAccepted(TOKEN, JSESSIONID)).willSetStateTo("changed"));
    library.dev.stubFor(post(urlEqualTo(LOGIN)).inScenario("password changed").whenScenarioStateIs("changed")
        .willReturn(json(401, "errors/401-err003.json")));
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*"))
        .willReturn(aResponse().withStatus(401).withBody("{\"code\":\"ERR009\",\"message\":\"Session invalid\"}")));

    assertThatThrownBy(() -> library.migrations().get(devProject, MIGRATION_ID, false))
        .isInstanceOf(LibraryException.class)
        .hasMessageContaining("Library 'dev' POST /api/auth/login failed with HTTP 401 ERR003")
        .hasMessageContaining("Check the username, password and login mode");
    library.dev.verify(exactly(2), postRequestedFor(urlEqualTo(LOGIN)));
    library.dev.verify(exactly(1), getRequestedFor(urlPathMatching(MIGRATIONS + "/.*")));
  }

  @Test
  void otherErrorsDoNotTriggerALoginAgain() {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json(404, "errors/404-err004.json")));

    assertThatThrownBy(() -> library.migrations().get(devProject, MIGRATION_ID, false))
        .isInstanceOf(LibraryException.class)
        .hasMessageContaining("ERR004");
    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(LOGIN)));
    library.dev.verify(exactly(1), getRequestedFor(urlPathMatching(MIGRATIONS + "/.*")));
  }

  // --- logout --------------------------------------------------------------------------------

  @Test
  void atShutdownItLogsOutOfEachLibraryItLoggedInToWithThatLibrarysTokenAndCookies() throws IOException {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));
    library.prod.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));
    library.migrations().get(devProject, MIGRATION_ID, false);
    library.migrations().get(LibraryScope.of("prod", PROJECT_ID), MIGRATION_ID, false);

    library.clients().logoutAll();

    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(LOGOUT))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID))));
    library.prod.verify(exactly(1), postRequestedFor(urlEqualTo(LOGOUT))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION"))));
  }

  @Test
  void atShutdownALibraryThatWasNeverUsedIsNotContacted() throws IOException {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));
    library.migrations().get(devProject, MIGRATION_ID, false);

    library.clients().logoutAll();

    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(LOGOUT)));
    assertThat(library.prod.getAllServeEvents()).as("requests to prod").isEmpty();
  }

  @Test
  void atShutdownALibraryThatIsAlreadyGoneDoesNotStopTheOthersFromBeingLoggedOutOf() throws IOException {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));
    library.prod.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json("migration/get-created-response.json")));
    library.migrations().get(devProject, MIGRATION_ID, false);
    library.migrations().get(LibraryScope.of("prod", PROJECT_ID), MIGRATION_ID, false);
    library.dev.stop();

    library.clients().logoutAll();

    library.prod.verify(exactly(1), postRequestedFor(urlEqualTo(LOGOUT)));
  }

  // --- secrets -------------------------------------------------------------------------------

  @Test
  void theEnvironmentsTextNeverShowsThePassword() {
    LibraryEnvironment dev = library.configured("dev").toEnvironment();

    assertThat(dev.toString()).contains("dev").doesNotContain(PASSWORD);
    assertThat(dev.password()).isEqualTo(PASSWORD);
  }

  @Test
  void failureMessagesNeverShowThePasswordOrTheToken() {
    library.libraryAcceptsLogin();
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json(400, "errors/400-err006.json")));
    library.dev.stubFor(get(urlPathEqualTo(MIGRATIONS)).willReturn(aResponse().withStatus(200).withBody("{not json")));

    List<LibraryException> failures = List.of(
        catchThrowableOfType(LibraryException.class, () -> library.migrations().get(devProject, MIGRATION_ID, false)),
        catchThrowableOfType(LibraryException.class, () -> library.migrations().list(devProject, "object_migration", 0, 10)));

    assertThat(failures).allSatisfy(failure -> assertThat(failure.getMessage())
        .doesNotContain(PASSWORD).doesNotContain(TOKEN).doesNotContain(JSESSIONID));
  }

  // --- helpers -------------------------------------------------------------------------------

  private void libraryGivesANewTokenOnEachLogin() {
    library.dev.stubFor(post(urlEqualTo(LOGIN)).inScenario("logins").whenScenarioStateIs(STARTED)
        .willReturn(loginAccepted("token-1", "session-1")).willSetStateTo("logged in once"));
    library.dev.stubFor(post(urlEqualTo(LOGIN)).inScenario("logins").whenScenarioStateIs("logged in once")
        .willReturn(loginAccepted("token-2", "session-2")).willSetStateTo("logged in twice"));
  }

  private void sessionExpiresOnceWith(int status, String body) {
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).inScenario("session").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body))
        .willSetStateTo("expired once"));
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).inScenario("session").whenScenarioStateIs("expired once")
        .willReturn(json("migration/get-created-response.json")));
  }

  private void assertRepeatedCallUsedTheNewSession() {
    List<LoggedRequest> calls = library.dev.findAll(getRequestedFor(urlPathMatching(MIGRATIONS + "/.*")));
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).getHeader(LibrarySession.TOKEN_HEADER)).isEqualTo("token-1");
    assertThat(calls.get(0).getHeader("Cookie")).isEqualTo(cookieHeader("session-1"));
    assertThat(calls.get(1).getHeader(LibrarySession.TOKEN_HEADER)).isEqualTo("token-2");
    assertThat(calls.get(1).getHeader("Cookie")).isEqualTo(cookieHeader("session-2"));
  }

  /** Runs {@code call} on {@code threads} threads released at the same instant; rethrows the first failure. */
  private static <T> List<T> inParallel(int threads, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<T> values = new ArrayList<>();
      for (Future<T> result : results) {
        values.add(result.get(20, TimeUnit.SECONDS));
      }
      return values;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String jsonEscaped(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
