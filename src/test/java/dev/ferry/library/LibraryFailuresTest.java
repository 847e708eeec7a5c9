package dev.ferry.library;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.ferry.library.LibraryFixture.JSESSIONID;
import static dev.ferry.library.LibraryFixture.LOGIN;
import static dev.ferry.library.LibraryFixture.MIGRATIONS;
import static dev.ferry.library.LibraryFixture.MIGRATION_ID;
import static dev.ferry.library.LibraryFixture.PASSWORD;
import static dev.ferry.library.LibraryFixture.PROJECT_ID;
import static dev.ferry.library.LibraryFixture.TOKEN;
import static dev.ferry.library.LibraryFixture.json;
import static dev.ferry.library.LibraryFixture.sampleJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads when a Library call fails: the environment, the call, the HTTP status,
 * the Library's code and message, and a hint where one helps; never a secret.
 */
class LibraryFailuresTest {

  private static final String PATCH_CALL = "PATCH /api/migrations/" + MIGRATION_ID;

  private final LibraryFixture library = new LibraryFixture();
  private final LibraryScope sourceProject = LibraryScope.of("dev", PROJECT_ID);

  @BeforeEach
  void librariesAcceptLogin() {
    library.libraryAcceptsLogin();
  }

  @AfterEach
  void stop() throws IOException {
    library.close();
  }

  // --- errors the Library reports ------------------------------------------------------------

  @Test
  void aRejectedRequestNamesTheEnvironmentTheCallTheStatusAndWhatTheLibrarySaid() {
    library.dev.stubFor(patch(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json(400, "errors/400-err006.json")));

    LibraryException failure = catchThrowableOfType(LibraryException.class, this::requestImport);

    assertThat(failure.getMessage())
        .contains("Library 'dev'", PATCH_CALL, "HTTP 400", "ERR006", "Invalid JSON",
            "[ticket b722e689f6104202972f7675563b9f97]");
    assertThat(failure.environmentId()).isEqualTo("dev");
    assertThat(failure.call()).startsWith(PATCH_CALL);
    assertThat(failure.httpStatus()).isEqualTo(400);
    assertThat(failure.code()).isEqualTo("ERR006");
    assertThat(failure.libraryMessage()).isEqualTo("Invalid JSON");
    assertThat(failure.ticketId()).isEqualTo("b722e689f6104202972f7675563b9f97");
    assertThat(failure.iServerCode()).isNull();
    assertThat(failure.isSessionExpired()).isFalse();
    library.dev.verify(exactly(1), patchRequestedFor(urlPathMatching(MIGRATIONS + "/.*")));
  }

  @Test
  void aMissingPermissionSaysWhichPrivilegesTheLibraryUserNeeds() {
    library.dev.stubFor(patch(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json(403, "errors/403-err017.json")));

    LibraryException failure = catchThrowableOfType(LibraryException.class, this::requestImport);

    assertThat(failure.httpStatus()).isEqualTo(403);
    assertThat(failure.code()).isEqualTo("ERR017");
    assertThat(failure.iServerCode()).isEqualTo(-2147214568L);
    assertThat(failure.ticketId()).isEqualTo("6c37df9f617d4cb9a7c50ce9138331c8");
    assertThat(failure.getMessage())
        .contains("Library 'dev'", PATCH_CALL, "HTTP 403", "ERR017", "does not have Read and Write access",
            "(iServerCode -2147214568)")
        .contains("lacks a privilege or permission", "Bypass all objects security check", "Create package",
            "Apply package");
  }

  @Test
  void aMissingPrivilegeErr0014AlsoGetsThePrivilegeHint() {
    library.dev.stubFor(patch(urlPathMatching(MIGRATIONS + "/.*")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\":\"ERR0014\",\"message\":\"Insufficient privileges\",\"ticketId\":\"t14\"}")));

    LibraryException failure = catchThrowableOfType(LibraryException.class, this::requestImport);

    assertThat(failure.code()).isEqualTo("ERR0014");
    assertThat(failure.getMessage()).contains("ERR0014", "Insufficient privileges", "Create package", "Apply package");
  }

  @Test
  void aServerErrorWithoutJsonStillGivesAReadableMessage() {
    library.dev.stubFor(patch(urlPathMatching(MIGRATIONS + "/.*")).willReturn(aResponse().withStatus(502)
        .withHeader("Content-Type", "text/html")
        .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

    LibraryException failure = catchThrowableOfType(LibraryException.class, this::requestImport);

    assertThat(failure.httpStatus()).isEqualTo(502);
    assertThat(failure.code()).isNull();
    assertThat(failure.getMessage()).contains("Library 'dev'", PATCH_CALL, "HTTP 502", "502 Bad Gateway");
  }

  @Test
  void aServerErrorWithAnEmptyBodyStillNamesTheCallAndStatus() {
    library.dev.stubFor(patch(urlPathMatching(MIGRATIONS + "/.*")).willReturn(aResponse().withStatus(500)));

    LibraryException failure = catchThrowableOfType(LibraryException.class, this::requestImport);

    assertThat(failure.httpStatus()).isEqualTo(500);
    assertThat(failure.getMessage()).startsWith("Library 'dev' " + PATCH_CALL).contains("HTTP 500");
  }

  @Test
  void aVeryLongErrorPageIsCutShort() {
    library.dev.stubFor(patch(urlPathMatching(MIGRATIONS + "/.*")).willReturn(aResponse().withStatus(500)
        .withBody("<html>" + "x".repeat(20_000) + "</html>")));

    LibraryException failure = catchThrowableOfType(LibraryException.class, this::requestImport);

    assertThat(failure.getMessage()).hasSizeLessThan(1_000).contains("HTTP 500");
  }

  @Test
  void theIServerErrorOfADocumentedServerErrorIsKept() {
    library.dev.stubFor(patch(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json(500, "errors/500-err001.json")));

    LibraryException failure = catchThrowableOfType(LibraryException.class, this::requestImport);

    assertThat(failure.code()).isEqualTo("ERR001");
    assertThat(failure.iServerCode()).isEqualTo(-214720549L);
    assertThat(failure.getMessage()).contains("HTTP 500 ERR001", "not configured to support LDAP authentication");
  }

  // --- faults on the way ---------------------------------------------------------------------

  @Test
  void anUnreachableLibraryIsReportedWithStatusZeroAndItsUrl() {
    library.addUnreachableEnvironment("down");

    LibraryException failure = catchThrowableOfType(LibraryException.class,
        () -> library.migrations().get(LibraryScope.of("down", PROJECT_ID), MIGRATION_ID, false));

    assertThat(failure.environmentId()).isEqualTo("down");
    assertThat(failure.httpStatus()).isZero();
    assertThat(failure.getMessage()).contains("Library 'down'", "could not reach http://127.0.0.1:")
        .doesNotContain(PASSWORD);
    assertThat(failure.isSessionExpired()).isFalse();
  }

  @Test
  void aLibraryAnsweringSlowerThanTheReadTimeoutFailsTheCallInsteadOfHanging() {
    library.properties.getLibrary().setReadTimeout(Duration.ofMillis(300));
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*"))
        .willReturn(json("migration/get-created-response.json").withFixedDelay(3_000)));

    // the stub answers after 3 s: a failure at all proves the 300 ms read timeout ended the call
    LibraryException failure = catchThrowableOfType(LibraryException.class,
        () -> library.migrations().get(sourceProject, MIGRATION_ID, false));

    assertThat(failure).isNotNull();
    assertThat(failure.environmentId()).isEqualTo("dev");
    assertThat(failure.httpStatus()).isZero();
    assertThat(failure.getMessage()).contains("Library 'dev'", "GET /api/migrations/" + MIGRATION_ID)
        .containsIgnoringCase("timed out").contains("may still have carried out the call");
  }

  @Test
  void aMalformedAnswerIsReportedAsUnreadable() {
    library.dev.stubFor(get(urlPathMatching(MIGRATIONS + "/.*")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{not json")));

    LibraryException failure = catchThrowableOfType(LibraryException.class,
        () -> library.migrations().get(sourceProject, MIGRATION_ID, false));

    assertThat(failure).isNotNull();
    assertThat(failure.environmentId()).isEqualTo("dev");
    assertThat(failure.getMessage())
        .contains("Library 'dev'", "GET /api/migrations/" + MIGRATION_ID, "unreadable answer from " + library.dev.baseUrl());
  }

  @Test
  void aConnectionResetIsReportedAndTheImportIsNotSentTwice() {
    library.prod.stubFor(put(urlPathMatching(MIGRATIONS + "/.*"))
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    LibraryException failure = catchThrowableOfType(LibraryException.class, () -> library.migrations()
        .put(LibraryScope.of("prod", PROJECT_ID), MIGRATION_ID,
            sampleJson("merge/get-show-content-all-response.json")));

    assertThat(failure).isNotNull();
    assertThat(failure.environmentId()).isEqualTo("prod");
    assertThat(failure.httpStatus()).isZero();
    assertThat(failure.getMessage()).contains("Library 'prod'", "PUT /api/migrations/" + MIGRATION_ID)
        .contains("no answer from", "may still have carried out the call");
    assertThat(library.prod.findAll(putRequestedFor(
        urlPathMatching(MIGRATIONS + "/.*")))).as("PUT attempts").hasSize(1);
  }

  @Test
  void anEmptyResponseIsReportedAndTheCreateIsNotSentTwice() {
    library.dev.stubFor(post(urlEqualTo(MIGRATIONS)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    LibraryException failure = catchThrowableOfType(LibraryException.class,
        () -> library.migrations().create(sourceProject, sampleJson("migration/create-request.json")));

    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("Library 'dev'", "POST /api/migrations");
    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(MIGRATIONS)));
  }

  @Test
  void anUnknownEnvironmentListsTheConfiguredOnes() {
    assertThatThrownBy(
            () -> library.migrations().get(LibraryScope.of("qa", PROJECT_ID), MIGRATION_ID, false))
        .isInstanceOf(UnknownEnvironmentException.class)
        .hasMessageContaining("'qa'")
        .hasMessageContaining("dev, prod");
  }

  // --- secrets -------------------------------------------------------------------------------

  @Test
  void noFailureMessageShowsThePasswordTheTokenOrTheSessionCookie() {
    library.dev.stubFor(patch(urlPathMatching(MIGRATIONS + "/.*")).willReturn(json(403, "errors/403-err017.json")));
    library.prod.stubFor(post(urlEqualTo(LOGIN)).willReturn(json(401, "errors/401-err003.json")));
    library.addUnreachableEnvironment("down");

    List<LibraryException> failures = List.of(
        catchThrowableOfType(LibraryException.class, this::requestImport),
        catchThrowableOfType(LibraryException.class,
            () -> library.migrations().get(LibraryScope.of("prod", PROJECT_ID), MIGRATION_ID, false)),
        catchThrowableOfType(LibraryException.class,
            () -> library.migrations().get(LibraryScope.of("down", PROJECT_ID), MIGRATION_ID, false)));

    assertThat(failures).hasSize(3).allSatisfy(failure -> assertThat(failure.getMessage())
        .doesNotContain(PASSWORD).doesNotContain(TOKEN).doesNotContain(JSESSIONID));
    assertThat(library.clients().session("dev").environment().toString()).doesNotContain(PASSWORD);
  }

  private void requestImport() {
    library.migrations().patchImportInfo(sourceProject, MIGRATION_ID, "importRequestStatus", "requested");
  }
}
