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
class FreshWebappPagesTest extends MigrationScenario {

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
    Matcher header = Pattern.compile("'nonce-([^']+)'").matcher(second.headers().firstValue("Content-Security-Policy")
        .orElseThrow());
    assertThat(header.find()).isTrue();
    assertThat(second.body()).contains("nonce=\"" + header.group(1) + "\"");
  }
}
