package dev.ferry.library;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.ferry.library.LibraryFixture.CONTEXT;
import static dev.ferry.library.LibraryFixture.JSESSIONID;
import static dev.ferry.library.LibraryFixture.JSON;
import static dev.ferry.library.LibraryFixture.LOGIN;
import static dev.ferry.library.LibraryFixture.LOGOUT;
import static dev.ferry.library.LibraryFixture.PROD_TOKEN;
import static dev.ferry.library.LibraryFixture.TOKEN;
import static dev.ferry.library.LibraryFixture.cookieHeader;
import static dev.ferry.library.LibraryFixture.json;
import static dev.ferry.library.LibraryFixture.sample;
import static dev.ferry.library.LibraryFixture.sampleJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.web.util.UriUtils;

/**
 * Package binaries and the shared file store of "Upload and download migration packages"
 * (/work/shared/library-api/upload-download-packages.md): the exact request each Library receives,
 * the documented answers in {@code src/test/resources/library/files/}, re-login, failures, and the
 * streaming of binaries both ways ({@link LibrarySession#stream}).
 */
class SharedFileStoreClientTest {

  static final String FILES = CONTEXT + SharedFileStoreClient.FILES;
  static final String PACKAGE_BINARY = CONTEXT + "/api/migrations/packages/" + LibraryFixture.PACKAGE_ID + "/binary";
  /** The documented file id (base64: ends in "=="). */
  static final String FILE_ID = "bWlncmF0aW9ucy5wYWNrYWdlczpDNEVGOEQyMjk0ODA0NzI1OUYyRkQzQkMzNTE2RkI2RA==";
  /** A base64 file id holding '/', '+' and '=' all at once. */
  static final String AWKWARD_FILE_ID = Base64.getEncoder().encodeToString(
      new byte[] {'m', 'p', ':', (byte) 0xfb, (byte) 0xef, (byte) 0xbf, (byte) 0xfe, (byte) 0xff});
  static final String FILE_NAME = "ProjectMigration_success_upload.mmp";
  static final String ERR009 = "{\"code\":\"ERR009\",\"message\":\"Session invalid or timeout\","
      + "\"ticketId\":\"0d5f3c1e2b4a49e8a7c6b5d4e3f2a1b0\"}";

  private final LibraryFixture library = new LibraryFixture();
  private SharedFileStoreClient files;

  @TempDir
  Path temp;

  @BeforeEach
  void librariesAcceptLogin() {
    library.libraryAcceptsLogin();
  }

  @AfterEach
  void stop() throws IOException {
    library.close();
  }

  /** Built on first use, so a test can add an environment before. */
  private SharedFileStoreClient files() {
    if (files == null) {
      files = new SharedFileStoreClient(library.clients(), new ObjectMapper());
    }
    return files;
  }

  // --- download ------------------------------------------------------------------------------

  @Test
  void downloadsThePackageBinaryWithTokenAndCookiesAndHandsTheReaderTheExactBytes() {
    byte[] binary = randomBytes(4 * 1024 * 1024 + 17, 1);
    library.dev.stubFor(get(urlEqualTo(PACKAGE_BINARY)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/octet-stream").withBody(binary)));
    AtomicInteger reads = new AtomicInteger();

    Received received = files().download("dev", LibraryFixture.PACKAGE_ID, body -> {
      reads.incrementAndGet();
      return Received.of(body);
    });

    assertThat(reads).hasValue(1);
    assertThat(received.size()).isEqualTo(binary.length);
    assertThat(received.sha256()).isEqualTo(sha256(binary));
    library.dev.verify(exactly(1), getRequestedFor(urlEqualTo(PACKAGE_BINARY))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID)))
        .withoutHeader("X-MSTR-ProjectID"));
    assertThat(apiCalls(library.dev)).hasSize(1);
    assertThat(apiCalls(library.prod)).as("nothing goes to the target").isEmpty();
  }

  @Test
  void downloadsFromALibraryConfiguredWithATrailingSlashUnderItsContextPath() {
    byte[] binary = randomBytes(100_000, 2);
    library.prod.stubFor(get(urlEqualTo(PACKAGE_BINARY)).willReturn(aResponse().withStatus(200).withBody(binary)));

    Received received = files().download("prod", LibraryFixture.PACKAGE_ID, Received::of);

    assertThat(received.sha256()).isEqualTo(sha256(binary));
    library.prod.verify(exactly(1), getRequestedFor(urlEqualTo(PACKAGE_BINARY))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION"))));
  }

  @Test
  void anUnknownPackageIsALibraryExceptionNamingEnvironmentCallAndCodeAndTheReaderIsNotCalled() {
    library.dev.stubFor(get(urlEqualTo(PACKAGE_BINARY)).willReturn(json(404, "errors/404-err004.json")));
    AtomicInteger reads = new AtomicInteger();

    LibraryException e = catchThrowableOfType(() -> files().download("dev", LibraryFixture.PACKAGE_ID, body -> {
      reads.incrementAndGet();
      return body.readAllBytes();
    }), LibraryException.class);

    assertThat(e).isNotNull();
    assertThat(reads).hasValue(0);
    assertThat(e.environmentId()).isEqualTo("dev");
    assertThat(e.call()).isEqualTo("GET /api/migrations/packages/" + LibraryFixture.PACKAGE_ID + "/binary");
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.code()).isEqualTo("ERR004");
    assertThat(e.libraryMessage()).isEqualTo("HTTP 404 Not Found");
    assertThat(e.ticketId()).isEqualTo("1cc703db10a34141b60209827e988676");
    assertThat(e.isSessionExpired()).isFalse();
    assertThat(e.getMessage())
        .contains("Library 'dev'")
        .contains("GET /api/migrations/packages/" + LibraryFixture.PACKAGE_ID + "/binary")
        .contains("HTTP 404")
        .contains("ERR004")
        .contains("1cc703db10a34141b60209827e988676");
    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(LOGIN)));
    library.dev.verify(exactly(1), getRequestedFor(urlEqualTo(PACKAGE_BINARY)));
  }

  @Test
  void whenTheSessionExpiredWithErr009TheDownloadLogsInAgainOnceAndSucceeds() {
    byte[] binary = randomBytes(2 * 1024 * 1024, 3);
    library.dev.stubFor(get(urlEqualTo(PACKAGE_BINARY)).inScenario("session").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(ERR009))
        .willSetStateTo("expired once"));
    library.dev.stubFor(get(urlEqualTo(PACKAGE_BINARY)).inScenario("session").whenScenarioStateIs("expired once")
        .willReturn(aResponse().withStatus(200).withBody(binary)));
    AtomicInteger reads = new AtomicInteger();

    Received received = files().download("dev", LibraryFixture.PACKAGE_ID, body -> {
      reads.incrementAndGet();
      return Received.of(body);
    });

    assertThat(reads).as("the reader only sees the successful answer").hasValue(1);
    assertThat(received.sha256()).isEqualTo(sha256(binary));
    library.dev.verify(exactly(2), postRequestedFor(urlEqualTo(LOGIN)));
    library.dev.verify(exactly(2), getRequestedFor(urlEqualTo(PACKAGE_BINARY))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID))));
    assertThat(library.dev.findAll(anyRequestedFor(anyUrl())).stream().map(LoggedRequest::getUrl))
        .as("login, the refused call, login again, the call again")
        .containsExactly(LOGIN, PACKAGE_BINARY, LOGIN, PACKAGE_BINARY);
  }

  @Test
  void aSecondErr009RightAfterLoggingInAgainIsNotRetriedAgain() {
    library.dev.stubFor(get(urlEqualTo(PACKAGE_BINARY))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(ERR009)));

    LibraryException e = catchThrowableOfType(
        () -> files().download("dev", LibraryFixture.PACKAGE_ID, InputStream::readAllBytes), LibraryException.class);

    assertThat(e).isNotNull();
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.code()).isEqualTo("ERR009");
    assertThat(e.getMessage()).contains("Library 'dev'", "GET /api/migrations/packages/", "ERR009");
    library.dev.verify(exactly(2), postRequestedFor(urlEqualTo(LOGIN)));
    library.dev.verify(exactly(2), getRequestedFor(urlEqualTo(PACKAGE_BINARY)));
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "RANDOM_DATA_THEN_CLOSE",
      "MALFORMED_RESPONSE_CHUNK", "EMPTY_RESPONSE"})
  void aBrokenConnectionIsALibraryExceptionSayingTheLibraryMayHaveActedNotARawIOException(Fault fault) {
    library.dev.stubFor(get(urlEqualTo(PACKAGE_BINARY)).willReturn(aResponse().withFault(fault)));

    Throwable thrown = catchThrowable(
        () -> files().download("dev", LibraryFixture.PACKAGE_ID, Received::of));

    assertThat(thrown).isInstanceOf(LibraryException.class);
    LibraryException e = (LibraryException) thrown;
    assertThat(e.environmentId()).isEqualTo("dev");
    assertThat(e.call()).isEqualTo("GET /api/migrations/packages/" + LibraryFixture.PACKAGE_ID + "/binary");
    assertThat(e.httpStatus()).isZero();
    assertThat(e.getCause()).isInstanceOf(IOException.class);
    assertThat(e.getMessage())
        .contains("Library 'dev'")
        .contains("GET /api/migrations/packages/" + LibraryFixture.PACKAGE_ID + "/binary")
        .contains("no answer from " + library.dev.baseUrl() + CONTEXT)
        .contains("the Library may still have carried out the call");
    library.dev.verify(exactly(1), getRequestedFor(urlEqualTo(PACKAGE_BINARY)));
  }

  @Test
  void aConnectionResetHalfwayThroughTheBodyReachesTheCallerAsALibraryException() throws Exception {
    int announced = 4 * 1024 * 1024;
    int sent = 1024 * 1024;
    try (HalfwayResetLibrary flaky = new HalfwayResetLibrary(announced, sent)) {
      library.properties.getEnvironments().add(LibraryFixture.environment("flaky", flaky.url()));
      AtomicLong readBeforeFailure = new AtomicLong();

      Throwable thrown = catchThrowable(
          () -> files().download("flaky", LibraryFixture.PACKAGE_ID, body -> {
            byte[] buffer = new byte[8192];
            for (int n; (n = body.read(buffer)) >= 0; ) {
              readBeforeFailure.addAndGet(n);
            }
            return readBeforeFailure.get();
          }));

      assertThat(flaky.requests()).anySatisfy(r -> assertThat(r).startsWith("GET " + PACKAGE_BINARY + " "));
      assertThat(readBeforeFailure.get()).as("the reader got the first part, then the failure").isBetween(1L, (long) sent);
      assertThat(thrown).isInstanceOf(LibraryException.class);
      LibraryException e = (LibraryException) thrown;
      assertThat(e.environmentId()).isEqualTo("flaky");
      assertThat(e.call()).isEqualTo("GET /api/migrations/packages/" + LibraryFixture.PACKAGE_ID + "/binary");
      assertThat(e.getCause()).isInstanceOf(IOException.class);
      assertThat(e.getMessage()).contains("Library 'flaky'", "the Library may still have carried out the call");
    }
  }

  @Test
  void aReaderThatFailsOnItsOwnEndsTheCallAsALibraryExceptionCarryingTheReadersIOException() {
    library.dev.stubFor(get(urlEqualTo(PACKAGE_BINARY)).willReturn(aResponse().withStatus(200)
        .withBody(randomBytes(256 * 1024, 11))));
    IOException diskFull = new IOException("No space left on device");

    LibraryException e = catchThrowableOfType(() -> files().download("dev", LibraryFixture.PACKAGE_ID, body -> {
      body.readNBytes(1024);
      throw diskFull;
    }), LibraryException.class);

    assertThat(e).isNotNull();
    assertThat(e.environmentId()).isEqualTo("dev");
    assertThat(e.getCause()).isSameAs(diskFull);
    assertThat(e.getMessage()).contains("No space left on device");
    library.dev.verify(exactly(1), getRequestedFor(urlEqualTo(PACKAGE_BINARY)));
    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(LOGIN)));
  }

  @Test
  void aPackageIdIsEncodedAsOnePathSegment() {
    String odd = "35958BEB/7C56+491C=";
    library.dev.stubFor(get(urlMatching(Pattern.quote(CONTEXT + "/api/migrations/packages/") + ".*"))
        .willReturn(aResponse().withStatus(200).withBody("x")));

    files().download("dev", odd, InputStream::readAllBytes);

    String path = URI.create(onlyApiCall(library.dev).getUrl()).getRawPath();
    String prefix = CONTEXT + "/api/migrations/packages/";
    assertThat(path).startsWith(prefix).endsWith("/binary");
    String segment = path.substring(prefix.length(), path.length() - "/binary".length());
    assertThat(segment).doesNotContain("/");
    assertThat(UriUtils.decode(segment, StandardCharsets.UTF_8)).isEqualTo(odd);
  }

  // --- create --------------------------------------------------------------------------------

  @Test
  void createsTheFileMetadataOnTheTargetWithTheDocumentedBodyUnchanged() {
    library.prod.stubFor(post(urlEqualTo(FILES)).willReturn(json(201, "files/create-response.json")));

    JsonNode created = files().create("prod", sampleJson("files/create-request.json"));

    library.prod.verify(exactly(1), postRequestedFor(urlEqualTo(FILES))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION")))
        .withoutHeader("X-MSTR-ProjectID")
        .withRequestBody(equalToJson(sample("files/create-request.json"))));
    assertThat(parse(onlyApiCall(library.prod).getBodyAsString())).isEqualTo(sampleJson("files/create-request.json"));
    assertThat(apiCalls(library.dev)).as("nothing goes to the source").isEmpty();

    assertThat(created).isEqualTo(sampleJson("files/create-response.json"));
    assertThat(created.path("id").asText()).isEqualTo(FILE_ID);
    assertThat(created.path("extraInfo").path("packageId").asText()).isEqualTo("C337C6D1FAC94E1998DB162B20D6B95E");
    assertThat(created.path("existing").asBoolean()).isFalse();
  }

  @Test
  void theCapOnUploadedPackagesIsALibraryExceptionWithStatusCodeAndMessage() {
    library.prod.stubFor(post(urlEqualTo(FILES)).willReturn(json(400, "files/error-400-err006-max-packages.json")));

    LibraryException e = catchThrowableOfType(
        () -> files().create("prod", sampleJson("files/create-request.json")), LibraryException.class);

    assertThat(e).isNotNull();
    assertThat(e.environmentId()).isEqualTo("prod");
    assertThat(e.call()).isEqualTo("POST " + SharedFileStoreClient.FILES);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("ERR006");
    assertThat(e.libraryMessage()).isEqualTo("The maximum number of uploaded packages reached, please delete unused packages");
    assertThat(e.ticketId()).isEqualTo("5a0e7b2c9d3f4e1a8b6c7d8e9f0a1b2c");
    assertThat(e.getMessage())
        .contains("Library 'prod'")
        .contains("POST " + SharedFileStoreClient.FILES)
        .contains("HTTP 400")
        .contains("ERR006")
        .contains("maximum number of uploaded packages reached");
    library.prod.verify(exactly(1), postRequestedFor(urlEqualTo(FILES)));
    library.prod.verify(exactly(1), postRequestedFor(urlEqualTo(LOGIN)));
  }

  @Test
  void createLogsInAgainOnceWhenTheSessionExpired() {
    library.prod.stubFor(post(urlEqualTo(FILES)).inScenario("session").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(ERR009))
        .willSetStateTo("expired once"));
    library.prod.stubFor(post(urlEqualTo(FILES)).inScenario("session").whenScenarioStateIs("expired once")
        .willReturn(json(201, "files/create-response.json")));

    JsonNode created = files().create("prod", sampleJson("files/create-request.json"));

    assertThat(created.path("id").asText()).isEqualTo(FILE_ID);
    library.prod.verify(exactly(2), postRequestedFor(urlEqualTo(LOGIN)));
    library.prod.verify(exactly(2), postRequestedFor(urlEqualTo(FILES))
        .withRequestBody(equalToJson(sample("files/create-request.json"))));
  }

  // --- upload --------------------------------------------------------------------------------

  @Test
  void uploadsTheFileAsMultipartWithOnePartNamedFileHoldingExactlyItsBytes() throws IOException {
    byte[] content = randomBytes(600, 4);
    Path file = Files.write(temp.resolve("package.mmp"), content);
    UrlPattern url = file(FILE_ID, "/binary");
    library.prod.stubFor(put(url).willReturn(json("files/upload-response.json")));

    JsonNode uploaded = files().upload("prod", FILE_ID, file, FILE_NAME);

    library.prod.verify(exactly(1), putRequestedFor(url)
        .withHeader("Content-Type", matching("multipart/form-data;.* boundary=[^;]+"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION")))
        .withoutHeader("X-MSTR-ProjectID")
        .withAnyRequestBodyPart(aMultipart().withName("file").withBody(binaryEqualTo(content))));
    LoggedRequest request = onlyApiCall(library.prod);
    assertThat(request.getParts()).as("exactly one part").hasSize(1);
    Request.Part part = request.getPart("file");
    assertThat(part.getBody().asBytes()).isEqualTo(content);
    assertThat(part.getHeader("Content-Disposition").firstValue())
        .contains("form-data").contains("name=\"file\"").contains("filename=\"" + FILE_NAME + "\"");
    assertThat(apiCalls(library.dev)).isEmpty();

    assertThat(uploaded).isEqualTo(sampleJson("files/upload-response.json"));
    assertThat(uploaded.path("existing").asBoolean()).isTrue();
    assertThat(uploaded.path("size").asLong()).isEqualTo(600);
    assertThat(uploaded.path("sha256").asText()).isEqualTo("f392221a7d188949c19a9c8a8b5c991135ea31269658d946ebc424c74a3b5dc6");
    assertThat(uploaded.path("id").asText()).isEqualTo(FILE_ID);
  }

  @Test
  void aPackageNameOutsideAsciiReachesTheLibraryAsTheFileName() throws IOException {
    String name = "Überweisung_Q3_结算.mmp";
    Path file = Files.write(temp.resolve("package.mmp"), randomBytes(64, 12));
    library.prod.stubFor(put(file(FILE_ID, "/binary")).willReturn(json("files/upload-response.json")));

    files().upload("prod", FILE_ID, file, name);

    // Today the plain filename goes out as ISO-8859-1 with '?' for what Latin-1 lacks, and the exact
    // name only in an RFC 5987 filename*, which RFC 7578 says not to use in form data. Either the
    // plain filename (as browsers send it, UTF-8) or filename* must carry the exact name.
    String disposition = onlyApiCall(library.prod).getPart("file").getHeader("Content-Disposition").firstValue();
    assertThat(disposition).contains("name=\"file\"");
    java.util.regex.Matcher extended = Pattern.compile("filename\\*=\"?UTF-8''([^\";]+)").matcher(disposition);
    boolean plain = disposition.contains("filename=\"" + name + "\"");
    boolean rfc5987 = extended.find() && UriUtils.decode(extended.group(1), StandardCharsets.UTF_8).equals(name);
    assertThat(plain || rfc5987).as(disposition).isTrue();
  }

  @Test
  void theDocumentedWireMockMultipartMatcherAcceptsTheUpload() throws IOException {
    byte[] content = randomBytes(10_000, 5);
    Path file = Files.write(temp.resolve("package.mmp"), content);
    UrlPattern url = file(FILE_ID, "/binary");
    // Only a request with exactly this part is answered; anything else gets WireMock's 404.
    library.prod.stubFor(put(url)
        .withMultipartRequestBody(aMultipart().withName("file").withBody(binaryEqualTo(content)))
        .willReturn(json("files/upload-response.json")));

    JsonNode uploaded = files().upload("prod", FILE_ID, file, FILE_NAME);

    assertThat(uploaded.path("existing").asBoolean()).isTrue();
  }

  @Test
  void anAwkwardFileIdReachesTheLibraryAsOneEncodedPathSegmentOnUpload() throws IOException {
    assertThat(AWKWARD_FILE_ID).contains("/").contains("+").contains("=");
    Path file = Files.write(temp.resolve("package.mmp"), randomBytes(64, 6));
    library.prod.stubFor(put(urlMatching(Pattern.quote(FILES + "/") + ".*")).willReturn(json("files/upload-response.json")));

    files().upload("prod", AWKWARD_FILE_ID, file, FILE_NAME);

    String path = URI.create(onlyApiCall(library.prod).getUrl()).getRawPath();
    assertThat(path).startsWith(FILES + "/").endsWith("/binary");
    String segment = path.substring((FILES + "/").length(), path.length() - "/binary".length());
    assertThat(segment).as("the '/' stays encoded").doesNotContain("/").contains("%2F");
    assertThat(UriUtils.decode(segment, StandardCharsets.UTF_8)).isEqualTo(AWKWARD_FILE_ID);
  }

  @Test
  void whenTheSessionExpiredTheUploadLogsInAgainAndSendsTheWholeFileAgain() throws IOException {
    byte[] content = randomBytes(300_000, 7);
    Path file = Files.write(temp.resolve("package.mmp"), content);
    UrlPattern url = file(FILE_ID, "/binary");
    library.prod.stubFor(put(url).inScenario("session").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(ERR009))
        .willSetStateTo("expired once"));
    library.prod.stubFor(put(url).inScenario("session").whenScenarioStateIs("expired once")
        .willReturn(json("files/upload-response.json")));

    JsonNode uploaded = files().upload("prod", FILE_ID, file, FILE_NAME);

    assertThat(uploaded.path("existing").asBoolean()).isTrue();
    library.prod.verify(exactly(2), postRequestedFor(urlEqualTo(LOGIN)));
    List<LoggedRequest> puts = library.prod.findAll(putRequestedFor(url));
    assertThat(puts).hasSize(2).allSatisfy(put -> {
      assertThat(put.getParts()).hasSize(1);
      assertThat(put.getPart("file").getBody().asBytes()).isEqualTo(content);
      assertThat(put.getHeader(LibrarySession.TOKEN_HEADER)).isEqualTo(PROD_TOKEN);
    });
  }

  @Test
  void aRefusedUploadIsALibraryExceptionNamingThePut() throws IOException {
    Path file = Files.write(temp.resolve("package.mmp"), randomBytes(64, 8));
    library.prod.stubFor(put(file(FILE_ID, "/binary"))
        .willReturn(json(400, "errors/400-err006.json")));

    LibraryException e = catchThrowableOfType(() -> files().upload("prod", FILE_ID, file, FILE_NAME),
        LibraryException.class);

    assertThat(e).isNotNull();
    assertThat(e.environmentId()).isEqualTo("prod");
    assertThat(e.call()).isEqualTo("PUT " + SharedFileStoreClient.FILES + "/" + FILE_ID + "/binary");
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("ERR006");
    assertThat(e.libraryMessage()).isEqualTo("Invalid JSON");
    assertThat(e.getMessage()).contains("Library 'prod'", "PUT " + SharedFileStoreClient.FILES, "HTTP 400", "ERR006");
    library.prod.verify(exactly(1), putRequestedFor(urlMatching(Pattern.quote(FILES) + "/.*")));
  }

  /**
   * 50 MB from disk. The fixture's WireMock keeps every body in memory (several copies: the body,
   * its parsed parts, the journal), which does not fit the {@code -Xmx256m} JVM of the pom's
   * {@code large-packages} execution that also runs this class under {@code -Dtest}; so this one
   * Library is a JDK HTTP server that hashes the part as it arrives and keeps nothing.
   */
  @Test
  void a50MegabyteUploadIsStreamedFromTheFileOnDisk() throws IOException {
    Path file = temp.resolve("big.mmp");
    int size = 50 * 1024 * 1024;
    String expectedSha256 = writeRandomFile(file, size, 9);
    try (HashingLibrary big = new HashingLibrary(sample("files/upload-response.json"))) {
      library.properties.getEnvironments().add(LibraryFixture.environment("big", big.url()));

      JsonNode uploaded = files().upload("big", FILE_ID, file, "big.mmp");

      assertThat(uploaded).isEqualTo(sampleJson("files/upload-response.json"));
      assertThat(big.uploads()).hasSize(1);
      HashingLibrary.Upload upload = big.uploads().get(0);
      assertThat(upload.method()).isEqualTo("PUT");
      assertThat(upload.rawPath()).isEqualTo(FILES + "/" + FILE_ID + "/binary");
      assertThat(upload.token()).isEqualTo(TOKEN);
      assertThat(upload.cookie()).isEqualTo("JSESSIONID=" + JSESSIONID);
      assertThat(upload.contentType()).startsWith("multipart/form-data");
      assertThat(upload.partHeaders()).contains("name=\"file\"").contains("filename=\"big.mmp\"");
      assertThat(upload.partSize()).isEqualTo(size);
      assertThat(upload.partSha256()).isEqualTo(expectedSha256);
      assertThat(upload.closedRightAfterThePart()).as("one part, then the closing boundary").isTrue();
    }
  }

  // --- delete --------------------------------------------------------------------------------

  @Test
  void deletesTheFileWithTokenCookieAndTheDocumentedHeaders() {
    library.prod.stubFor(delete(file(FILE_ID, "")).willReturn(aResponse().withStatus(204)));

    files().delete("prod", FILE_ID);

    library.prod.verify(exactly(1), deleteRequestedFor(file(FILE_ID, ""))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION")))
        .withoutHeader("X-MSTR-ProjectID"));
    assertThat(apiCalls(library.prod)).hasSize(1);
    assertThat(apiCalls(library.dev)).isEmpty();
  }

  @Test
  void anAwkwardFileIdReachesTheLibraryAsOneEncodedPathSegmentOnDelete() {
    library.prod.stubFor(delete(urlMatching(Pattern.quote(FILES + "/") + ".*")).willReturn(aResponse().withStatus(204)));

    files().delete("prod", AWKWARD_FILE_ID);

    String path = URI.create(onlyApiCall(library.prod).getUrl()).getRawPath();
    assertThat(path).startsWith(FILES + "/");
    String segment = path.substring((FILES + "/").length());
    assertThat(segment).as("the '/' stays encoded").doesNotContain("/").contains("%2F");
    assertThat(UriUtils.decode(segment, StandardCharsets.UTF_8)).isEqualTo(AWKWARD_FILE_ID);
  }

  @Test
  void deletingAnUnknownFileIsALibraryExceptionNamingTheDelete() {
    library.prod.stubFor(delete(file(FILE_ID, "")).willReturn(json(404, "errors/404-err004.json")));

    LibraryException e = catchThrowableOfType(() -> files().delete("prod", FILE_ID), LibraryException.class);

    assertThat(e).isNotNull();
    assertThat(e.environmentId()).isEqualTo("prod");
    assertThat(e.call()).isEqualTo("DELETE " + SharedFileStoreClient.FILES + "/" + FILE_ID);
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.code()).isEqualTo("ERR004");
    assertThat(e.libraryMessage()).isEqualTo("HTTP 404 Not Found");
    assertThat(e.getMessage()).contains("Library 'prod'", "DELETE " + SharedFileStoreClient.FILES, "HTTP 404", "ERR004");
  }

  // --- list ----------------------------------------------------------------------------------

  @Test
  void listsThePackagesPageWithTypeOffsetAndLimit() {
    library.prod.stubFor(get(urlPathEqualTo(FILES)).willReturn(json("files/list-response.json")));

    JsonNode page = files().list("prod", 20, 10);

    library.prod.verify(exactly(1), getRequestedFor(urlPathEqualTo(FILES))
        .withQueryParam("type", equalTo("migrations.packages"))
        .withQueryParam("offset", equalTo("20"))
        .withQueryParam("limit", equalTo("10"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION"))));
    assertThat(URI.create(onlyApiCall(library.prod).getUrl()).getRawQuery())
        .isEqualTo("type=migrations.packages&offset=20&limit=10");
    assertThat(page).isEqualTo(sampleJson("files/list-response.json"));
  }

  @Test
  void theFirstPageStartsAtOffsetZero() {
    library.dev.stubFor(get(urlPathEqualTo(FILES)).willReturn(json("files/list-response.json")));

    files().list("dev", 0, 1000);

    assertThat(URI.create(onlyApiCall(library.dev).getUrl()).getRawQuery())
        .isEqualTo("type=migrations.packages&offset=0&limit=1000");
  }

  // --- helpers -------------------------------------------------------------------------------

  /** What a download reader saw: how many bytes and their sha256, without keeping them. */
  record Received(long size, String sha256) {
    static Received of(InputStream body) throws IOException {
      MessageDigest digest = sha256Digest();
      byte[] buffer = new byte[64 * 1024];
      long size = 0;
      for (int n; (n = body.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
        size += n;
      }
      return new Received(size, HexFormat.of().formatHex(digest.digest()));
    }
  }

  /**
   * A Library that accepts login, then answers the package download with a {@code Content-Length}
   * it never honours: it sends part of the body and resets the connection.
   */
  static final class HalfwayResetLibrary implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final int announced;
    private final int sent;

    HalfwayResetLibrary(int announced, int sent) throws IOException {
      this.announced = announced;
      this.sent = sent;
      this.server = new ServerSocket(0);
      this.thread = new Thread(this::serve, "halfway-reset-library");
      thread.setDaemon(true);
      thread.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort() + CONTEXT;
    }

    List<String> requests() {
      return requests;
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          InputStream in = new BufferedInputStream(socket.getInputStream());
          String head = readHead(in);
          String requestLine = head.lines().findFirst().orElse("");
          requests.add(requestLine);
          skipBody(in, head);
          OutputStream out = socket.getOutputStream();
          if (requestLine.contains("/api/auth/")) {
            out.write(("HTTP/1.1 204 No Content\r\n" + LibrarySession.TOKEN_HEADER + ": " + TOKEN + "\r\n"
                + "Set-Cookie: JSESSIONID=" + JSESSIONID + "; Path=/MicroStrategyLibrary\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
          } else {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + announced
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(randomBytes(sent, 10));
            out.flush();
            socket.setSoLinger(true, 0); // close with a reset, not a clean FIN
          }
        } catch (IOException e) {
          if (server.isClosed()) {
            return;
          }
        }
      }
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      for (int b; matched < 4 && (b = in.read()) >= 0; ) {
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    private static void skipBody(InputStream in, String head) throws IOException {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          long length = Long.parseLong(line.substring("content-length:".length()).trim());
          in.readNBytes((int) length);
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /**
   * A shared file's URL whether the '=' of its base64 id travels as {@code =} or {@code %3D}
   * (both are one path segment; Feign encodes it, Spring's {@code UriUtils} does not).
   */
  private static UrlPattern file(String fileId, String suffix) {
    StringBuilder regex = new StringBuilder(Pattern.quote(FILES + "/"));
    for (char c : fileId.toCharArray()) {
      regex.append(switch (c) {
        case '=' -> "(=|%3D)";
        case '+' -> "(\\+|%2B)";
        case '/' -> "%2F";
        default -> Pattern.quote(String.valueOf(c));
      });
    }
    return urlMatching(regex + Pattern.quote(suffix));
  }

  /**
   * A Library on the JDK's HTTP server: login answers with token and cookie; a multipart upload is
   * read as a stream, its single part hashed on the fly and never held in memory.
   */
  static final class HashingLibrary implements AutoCloseable {
    record Upload(String method, String rawPath, String token, String cookie, String contentType, String partHeaders,
        long partSize, String partSha256, boolean closedRightAfterThePart) {
    }

    private final com.sun.net.httpserver.HttpServer server;
    private final List<Upload> uploads = new java.util.concurrent.CopyOnWriteArrayList<>();

    HashingLibrary(String answer) throws IOException {
      server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        try (exchange) {
          String path = exchange.getRequestURI().getRawPath();
          if (path.startsWith(CONTEXT + "/api/auth/")) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add(LibrarySession.TOKEN_HEADER, TOKEN);
            exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + JSESSIONID + "; Path=/MicroStrategyLibrary");
            exchange.sendResponseHeaders(204, -1);
            return;
          }
          String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
          uploads.add(readMultipart(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), contentType,
              exchange.getRequestBody()));
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        }
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + CONTEXT;
    }

    List<Upload> uploads() {
      return uploads;
    }

    private static Upload readMultipart(String method, String path, com.sun.net.httpserver.Headers headers,
        String contentType, InputStream in) throws IOException {
      java.util.regex.Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)").matcher(String.valueOf(contentType));
      if (!boundary.find()) {
        in.readAllBytes();
        return new Upload(method, path, headers.getFirst(LibrarySession.TOKEN_HEADER), headers.getFirst("Cookie"),
            contentType, null, -1, null, false);
      }
      in = new BufferedInputStream(in);
      String head = readUntil(in, "\r\n\r\n"); // "--boundary\r\n" + the part's headers
      byte[] tail = ("\r\n--" + boundary.group(1) + "--\r\n").getBytes(StandardCharsets.US_ASCII);
      MessageDigest digest = sha256Digest();
      byte[] pending = new byte[0];
      byte[] buffer = new byte[64 * 1024];
      long size = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        byte[] all = new byte[pending.length + n];
        System.arraycopy(pending, 0, all, 0, pending.length);
        System.arraycopy(buffer, 0, all, pending.length, n);
        int out = Math.max(0, all.length - tail.length);
        digest.update(all, 0, out);
        size += out;
        pending = java.util.Arrays.copyOfRange(all, out, all.length);
      }
      return new Upload(method, path, headers.getFirst(LibrarySession.TOKEN_HEADER), headers.getFirst("Cookie"),
          contentType, head, size, HexFormat.of().formatHex(digest.digest()), java.util.Arrays.equals(pending, tail));
    }

    private static String readUntil(InputStream in, String end) throws IOException {
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      for (int b; (b = in.read()) >= 0; ) {
        read.write(b);
        if (read.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
          break;
        }
      }
      return read.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** Every request other than login and logout. */
  private static List<LoggedRequest> apiCalls(WireMockServer server) {
    List<LoggedRequest> calls = new ArrayList<>();
    for (LoggedRequest request : server.findAll(anyRequestedFor(anyUrl()))) {
      if (!request.getUrl().equals(LOGIN) && !request.getUrl().equals(LOGOUT)) {
        calls.add(request);
      }
    }
    return calls;
  }

  private static LoggedRequest onlyApiCall(WireMockServer server) {
    List<LoggedRequest> calls = apiCalls(server);
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Writes {@code size} random bytes in 1 MB chunks and returns their sha256. */
  private static String writeRandomFile(Path file, int size, long seed) throws IOException {
    MessageDigest digest = sha256Digest();
    Random random = new Random(seed);
    byte[] chunk = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int written = 0; written < size; written += chunk.length) {
        random.nextBytes(chunk);
        int n = Math.min(chunk.length, size - written);
        out.write(chunk, 0, n);
        digest.update(chunk, 0, n);
      }
    }
    assertThat(Files.size(file)).isEqualTo(size);
    return HexFormat.of().formatHex(digest.digest());
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256Digest().digest(bytes));
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
