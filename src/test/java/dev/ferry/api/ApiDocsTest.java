package dev.ferry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document tells the truth: every Ferry REST endpoint Spring serves is in it, with its
 * method, and nothing else is. Document and UI are open without a login; the calls are not.
 */
class ApiDocsTest extends MigrationScenario {

  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  @Test
  void theDocumentDescribesEveryFerryEndpointAndNothingElse() {
    FerryHttp http = new FerryHttp(port);
    FerryHttp.Answer docs = http.get(null, null, "/v3/api-docs");
    assertThat(docs.status()).as("open without a login").isEqualTo(200);

    Set<String> documented = new TreeSet<>();
    docs.json().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
    Set<String> served = new TreeSet<>();
    mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
        .filter(pattern -> pattern.startsWith("/ferry/api"))
        .forEach(pattern -> info.getMethodsCondition().getMethods()
            .forEach(method -> served.add(method.name() + " " + pattern))));

    assertThat(served).contains("GET /ferry/api/migrations/{businessKey}",
        "POST /ferry/api/migrations/{businessKey}/import-decision");
    assertThat(documented).isEqualTo(served);
    JsonNode basic = docs.json().at("/components/securitySchemes/basic");
    assertThat(basic.path("scheme").asText()).isEqualTo("basic");
  }

  @Test
  void theUiIsServedAndTheCallsItDescribesNeedALogin() {
    FerryHttp http = new FerryHttp(port);
    FerryHttp.Answer ui = http.get(null, null, "/swagger-ui/index.html");
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).contains("Swagger UI");
    assertThat(http.get(null, null, "/ferry/api/migrations").status()).isEqualTo(401);
  }
}
