package dev.ferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.support.MigrationScenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser coming back to Tasklist must get a page whose script nonce matches the CSP header of
 * the same response; a 304 answer would pair a new header with an old cached page and block every
 * script (Tasklist then shows its spinner forever).
 */
class WebappPagesTest extends MigrationScenario {

  @LocalServerPort int port;
  final HttpClient client = HttpClient.newHttpClient();

  @Test
  void revalidatedTasklistPageComesBackWholeWithAMatchingNonce() throws Exception {
    URI page = URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/");
    HttpResponse<String> first = client.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");

    HttpRequest.Builder again = HttpRequest.newBuilder(page).header("If-Modified-Since", "Sun, 22 Nov 2099 00:00:00 GMT");
    first.headers().firstValue("ETag").ifPresent(etag -> again.header("If-None-Match", etag));
    HttpResponse<String> second = client.send(again.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).contains("nonce=\"" + nonce(second) + "\"");
  }

  @Test
  void pagesLoadedAtTheSameTimeEachCarryTheirOwnHeadersNonce() throws Exception {
    URI page = URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<HttpResponse<String>>> loads = new java.util.ArrayList<>();
      for (int i = 0; i < 160; i++) {
        loads.add(pool.submit(() -> client.send(HttpRequest.newBuilder(page).build(),
            HttpResponse.BodyHandlers.ofString())));
      }
      for (java.util.concurrent.Future<HttpResponse<String>> load : loads) {
        HttpResponse<String> answer = load.get();
        assertThat(answer.body()).as("the page's scripts carry the nonce of its own CSP header")
            .contains("nonce=\"" + nonce(answer) + "\"");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static String nonce(HttpResponse<String> answer) {
    Matcher header = Pattern.compile("'nonce-([^']+)'").matcher(answer.headers().firstValue("Content-Security-Policy")
        .orElseThrow());
    assertThat(header.find()).isTrue();
    return header.group(1);
  }
}
