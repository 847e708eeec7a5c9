package dev.ferry.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A user logged in to a Camunda webapp the way its login page does it (session cookie, CSRF token
 * from the cookie sent back as a header), calling the webapps' own API as the app's pages do, e.g.
 * Tasklist's {@code /camunda/api/engine/engine/default/task/{id}/submit-form}.
 */
public final class WebappSession {

  private final CookieManager cookies = new CookieManager();
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
  private final String base;
  private final int loginStatus;

  private WebappSession(int port, String app, String user, String password) {
    this.base = "http://localhost:" + port;
    send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/default/")).GET());
    this.loginStatus = send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/"
        + app)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))).status();
    // the login starts a new session, whose CSRF token the next page load hands out, as the app's first calls do
    send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/")).GET());
  }

  /** Logs in to {@code app} (tasklist, cockpit, admin); check {@link #loginStatus()}. */
  public static WebappSession logIn(int port, String app, String user, String password) {
    return new WebappSession(port, app, user, password);
  }

  public int loginStatus() {
    return loginStatus;
  }

  /** POSTs JSON to a path of the webapps, e.g. {@code /camunda/api/engine/engine/default/task/ID/submit-form}. */
  public FerryHttp.Answer post(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("Accept", "application/hal+json, application/json; q=0.5")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private FerryHttp.Answer send(HttpRequest.Builder request) {
    cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((first, latest) -> latest)
        .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new FerryHttp.Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
