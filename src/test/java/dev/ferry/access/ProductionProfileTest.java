package dev.ferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The `production` profile: cookies only over HTTPS, HSTS, SameSite=Strict, and CSRF still on.
 * Without the simulator, which the profile refuses (SimulatorInProductionTest).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ferry.simulator.enabled=false")
@ActiveProfiles({"test", "production"})
class ProductionProfileTest {

  @LocalServerPort int port;
  final HttpClient client = HttpClient.newHttpClient();

  @Test
  void webappAnswersWithHstsAndSecureStrictCookies() throws Exception {
    HttpResponse<Void> page = client.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.discarding());

    assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
        hsts -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
    List<String> cookies = page.headers().allValues("Set-Cookie");
    assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN="));
    assertThat(cookies).allSatisfy(c -> assertThat(c).contains("Secure").containsIgnoringCase("SameSite=Strict"));
  }

  @Test
  void aLoggedInUsersChangeWithoutTheCsrfTokenIsRefused() throws Exception {
    java.net.CookieManager cookies = new java.net.CookieManager();
    // the test talks plain HTTP: let the client send the Secure cookies back anyway
    cookies.setCookiePolicy(java.net.CookiePolicy.ACCEPT_ALL);
    HttpClient session = HttpClient.newBuilder().cookieHandler(new java.net.CookieHandler() {
      @Override
      public java.util.Map<String, List<String>> get(URI uri, java.util.Map<String, List<String>> headers) {
        String all = String.join("; ", cookies.getCookieStore().getCookies().stream()
            .map(c -> c.getName() + "=" + c.getValue()).toList());
        return all.isEmpty() ? java.util.Map.of() : java.util.Map.of("Cookie", List.of(all));
      }

      @Override
      public void put(URI uri, java.util.Map<String, List<String>> headers) throws java.io.IOException {
        cookies.put(uri, headers);
      }
    }).build();
    String base = "http://localhost:" + port;
    session.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(java.net.HttpCookie::getValue).findFirst().orElseThrow();
    assertThat(session.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("X-XSRF-TOKEN", token).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin-secret-for-tests")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

    HttpResponse<String> withoutToken = session.send(HttpRequest.newBuilder(URI.create(base
        + "/camunda/api/engine/engine/default/process-definition/key/migration/start"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(withoutToken.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
  }
}
