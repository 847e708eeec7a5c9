package dev.ferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.support.MigrationScenario;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who gets into which webapp: Tasklist for both groups, Admin for camunda-admin only. */
class WebappAccessTest extends MigrationScenario {

  @LocalServerPort int port;

  /** Logs in to a webapp the way its login page does (CSRF token from the cookie, sent back as a header). */
  int logIn(String app, String user, String password) throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port;
    client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElseThrow();
    return client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("X-XSRF-TOKEN", token).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void requestersAndApproversGetIntoTasklistButNotAdmin() throws Exception {
    assertThat(logIn("tasklist", REQUESTER, "rita")).isEqualTo(200);
    assertThat(logIn("tasklist", APPROVER, "abe")).isEqualTo(200);
    assertThat(logIn("admin", REQUESTER, "rita")).isEqualTo(403);
    assertThat(logIn("admin", APPROVER, "abe")).isEqualTo(403);
    assertThat(logIn("cockpit", APPROVER, "abe")).isEqualTo(403);
  }

  @Test
  void operatorsInCamundaAdminGetIntoAdminAndCockpit() throws Exception {
    assertThat(logIn("admin", "admin", "admin-secret-for-tests")).isEqualTo(200);
    assertThat(logIn("cockpit", "admin", "admin-secret-for-tests")).isEqualTo(200);
  }
}
