package dev.ferry.library;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Two fake Libraries ({@code dev} = source, {@code prod} = target) on WireMock, each under the
 * usual {@code /MicroStrategyLibrary} context path, and Ferry's Library client pointed at them,
 * built by hand without Spring. Create one per test; {@link #close()} logs out and stops both.
 */
final class LibraryFixture implements AutoCloseable {

  static final String CONTEXT = "/MicroStrategyLibrary";
  static final String LOGIN = CONTEXT + "/api/auth/login";
  static final String LOGOUT = CONTEXT + "/api/auth/logout";
  static final String MIGRATIONS = CONTEXT + "/api/migrations";

  static final String MIGRATION_ID = "35958BEB7C56491C9A43F7661501E177:B71E7ECF60104A62BA15625C444A623F";
  static final String PACKAGE_ID = "35958BEB7C56491C9A43F7661501E177";
  static final String PROJECT_ID = "B19DEDCC11D4E0EFC000EB9495D0F44F";

  static final String USERNAME = "ferry-admin";
  static final String PASSWORD = "Pa55-w0rd;secret{x}";
  static final String TOKEN = "ns42kvi9lb36ae7g3scphn0ga9";
  static final String PROD_TOKEN = "p7r0dt0k3n00000000000000000";
  /** What a Tomcat behind an AWS application load balancer sets at login. */
  static final String JSESSIONID = "4F1B3C2D9A8E7F6B5C4D3E2F1A0B9C8D";
  static final String AWSALB = "Lm5bYBVmKX0+Qd3/ud7wHq1fHdVZwF1yo8fAKzkK/UvRqJkSBPp==";
  static final String AWSALBCORS = "zR0d+P/2dFzQfp9Xbc1Bq3Lw==";

  static final ObjectMapper JSON = new ObjectMapper();

  final WireMockServer dev = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  final WireMockServer prod = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  final LibraryProperties properties = new LibraryProperties();
  private LibraryClients clients;
  private MigrationsClient migrations;

  LibraryFixture() {
    dev.start();
    prod.start();
    properties.getEnvironments().add(environment("dev", dev.baseUrl() + CONTEXT));
    // prod is configured with a trailing slash, as people do; calls must still go to /MicroStrategyLibrary/api/...
    properties.getEnvironments().add(environment("prod", prod.baseUrl() + CONTEXT + "/"));
    properties.getLibrary().setConnectTimeout(Duration.ofSeconds(2));
    properties.getLibrary().setReadTimeout(Duration.ofSeconds(5));
  }

  static LibraryProperties.EnvironmentProperties environment(String id, String url) {
    LibraryProperties.EnvironmentProperties environment = new LibraryProperties.EnvironmentProperties();
    environment.setId(id);
    environment.setName(id.toUpperCase() + " Library");
    environment.setUrl(url);
    environment.setUsername(USERNAME);
    environment.setPassword(PASSWORD);
    return environment;
  }

  LibraryProperties.EnvironmentProperties configured(String id) {
    return properties.getEnvironments().stream().filter(e -> e.getId().equals(id)).findFirst().orElseThrow();
  }

  /** Adds an environment nobody listens on. */
  void addUnreachableEnvironment(String id) {
    properties.getEnvironments().add(environment(id, "http://127.0.0.1:" + closedPort() + CONTEXT));
  }

  /** The client, built on first use so a test can change the configuration before. */
  synchronized MigrationsClient migrations() {
    if (migrations == null) {
      migrations = new MigrationsClient(clients());
    }
    return migrations;
  }

  synchronized LibraryClients clients() {
    if (clients == null) {
      clients = new LibraryClients(new Environments(properties), properties, new ObjectMapper());
    }
    return clients;
  }

  /** Login answers as the docs describe: token in {@code X-MSTR-AuthToken}, session and load-balancer cookies. */
  void libraryAcceptsLogin() {
    dev.stubFor(post(urlEqualTo(LOGIN)).willReturn(loginAccepted(TOKEN, JSESSIONID)));
    prod.stubFor(post(urlEqualTo(LOGIN)).willReturn(loginAccepted(PROD_TOKEN, "PRODSESSION")));
    dev.stubFor(post(urlEqualTo(LOGOUT)).willReturn(aResponse().withStatus(204)));
    prod.stubFor(post(urlEqualTo(LOGOUT)).willReturn(aResponse().withStatus(204)));
  }

  static ResponseDefinitionBuilder loginAccepted(String token, String sessionId) {
    return aResponse().withStatus(204)
        .withHeader(LibrarySession.TOKEN_HEADER, token)
        .withHeader("Set-Cookie",
            "JSESSIONID=" + sessionId + "; Path=/MicroStrategyLibrary; Secure; HttpOnly",
            "AWSALB=" + AWSALB + "; Expires=Tue, 15 Jul 2025 10:00:00 GMT; Path=/",
            "AWSALBCORS=" + AWSALBCORS + "; Expires=Tue, 15 Jul 2025 10:00:00 GMT; Path=/; SameSite=None; Secure");
  }

  static String cookieHeader(String sessionId) {
    return "JSESSIONID=" + sessionId + "; AWSALB=" + AWSALB + "; AWSALBCORS=" + AWSALBCORS;
  }

  static ResponseDefinitionBuilder json(int status, String resource) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(sample(resource));
  }

  static ResponseDefinitionBuilder json(String resource) {
    return json(200, resource);
  }

  /** A documented sample body from {@code src/test/resources/library/}. */
  static String sample(String resource) {
    try (InputStream in = LibraryFixture.class.getResourceAsStream("/library/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /library/" + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode sampleJson(String resource) {
    try {
      return JSON.readTree(sample(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (clients != null) {
        clients.logoutAll();
      }
    } finally {
      dev.stop();
      prod.stop();
    }
  }
}
