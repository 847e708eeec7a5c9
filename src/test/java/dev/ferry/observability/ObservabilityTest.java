package dev.ferry.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.library.Environments;
import dev.ferry.library.LibraryEnvironment;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends MigrationScenario {

  private static final String ADMIN = "admin:admin-secret-for-tests";
  private static final String LIBRARY_SECRET = "simulated-library-secret";

  @LocalServerPort int port;
  @Autowired Environments environments;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void healthIsOpenButShowsDetailsToAdminsOnly() throws Exception {
    HttpResponse<String> anonymous = get("/actuator/health", null);
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(json.readTree(anonymous.body())).as("UP, and the probes' names only")
        .isEqualTo(json.readTree("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}"));

    HttpResponse<String> rita = get("/actuator/health", "rita:rita");
    assertThat(json.readTree(rita.body()).has("components")).isFalse();

    HttpResponse<String> admin = get("/actuator/health", ADMIN);
    assertThat(admin.statusCode()).isEqualTo(200);
    JsonNode components = json.readTree(admin.body()).path("components");
    assertThat(components.path("engine").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
    for (LibraryEnvironment environment : environments.all()) {
      assertThat(components.path("library").path("components").path(environment.id()).path("status").asText())
          .as(environment.id()).isEqualTo("UP");
    }
    assertThat(components.path("library").path("components").size()).isEqualTo(environments.all().size());
    assertThat(admin.body()).doesNotContain(LIBRARY_SECRET).doesNotContainIgnoringCase("password");
  }

  @Test
  void anUnreachableLibraryIsDown() throws Exception {
    LibraryEnvironment prod = environments.get("prod");
    environments.register(new LibraryEnvironment("prod", prod.name(), "http://127.0.0.1:1", prod.username(),
        "unreachable-secret", prod.loginMode()));
    try {
      HttpResponse<String> admin = get("/actuator/health", ADMIN);
      assertThat(admin.statusCode()).isEqualTo(503);
      JsonNode library = json.readTree(admin.body()).path("components").path("library");
      assertThat(library.path("components").path("prod").path("status").asText()).isEqualTo("DOWN");
      assertThat(library.path("components").path("prod").path("details").path("error").asText())
          .contains("could not reach http://127.0.0.1:1");
      assertThat(library.path("components").path("dev").path("status").asText()).isEqualTo("UP");
      assertThat(admin.body()).doesNotContain("unreachable-secret").doesNotContain(LIBRARY_SECRET);

      HttpResponse<String> anonymous = get("/actuator/health", null);
      assertThat(anonymous.statusCode()).isEqualTo(503);
      assertThat(json.readTree(anonymous.body()))
          .isEqualTo(json.readTree("{\"status\":\"DOWN\",\"groups\":[\"liveness\",\"readiness\"]}"));
    } finally {
      environments.register(prod);
    }
  }

  @Test
  void readinessStaysUpWhileALibraryIsUnreachableAndTheFullHealthSaysWhichOne() throws Exception {
    LibraryEnvironment prod = environments.get("prod");
    environments.register(new LibraryEnvironment("prod", prod.name(), "http://127.0.0.1:1", prod.username(),
        "unreachable-secret", prod.loginMode()));
    try {
      HttpResponse<String> readiness = get("/actuator/health/readiness", null);
      assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
      assertThat(json.readTree(readiness.body())).isEqualTo(json.readTree("{\"status\":\"UP\"}"));
      HttpResponse<String> liveness = get("/actuator/health/liveness", null);
      assertThat(liveness.statusCode()).isEqualTo(200);
      assertThat(json.readTree(liveness.body())).isEqualTo(json.readTree("{\"status\":\"UP\"}"));

      JsonNode ready = json.readTree(get("/actuator/health/readiness", ADMIN).body()).path("components");
      assertThat(iterable(ready.fieldNames())).containsExactlyInAnyOrder("readinessState", "engine", "db");

      HttpResponse<String> full = get("/actuator/health", ADMIN);
      assertThat(full.statusCode()).isEqualTo(503);
      JsonNode library = json.readTree(full.body()).path("components").path("library").path("components");
      assertThat(library.path("prod").path("status").asText()).isEqualTo("DOWN");
      assertThat(library.path("dev").path("status").asText()).isEqualTo("UP");
    } finally {
      environments.register(prod);
    }
  }

  private static java.util.List<String> iterable(java.util.Iterator<String> names) {
    java.util.List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  @Test
  void prometheusIsForAdminsOnly() throws Exception {
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/prometheus", "nobody:wrong").statusCode()).isEqualTo(401);
    assertThat(get("/actuator/prometheus", "rita:rita").statusCode()).isEqualTo(403);
    assertThat(get("/actuator/health/db", "rita:rita").statusCode()).isEqualTo(403);
    assertThat(get("/actuator/prometheus", ADMIN).statusCode()).isEqualTo(200);
  }

  @Test
  void aMigrationShowsInTheMetricsAndItsLogLinesCarryItsBusinessKey(CapturedOutput output) throws Exception {
    // a changed environment gets a new session: the first Library call of the migration logs in
    LibraryEnvironment dev = environments.get("dev");
    environments.register(new LibraryEnvironment("dev", dev.name() + " (again)", dev.url(), dev.username(),
        dev.password(), dev.loginMode()));
    ProcessInstance migration;
    try {
      migration = start(Requests.objectMigration("metrics-check"));
      requestAndApprove(migration);
      complete(migration, "review-import", REQUESTER, Map.of("undo", false));
    } finally {
      environments.register(dev);
    }
    assertThat(variable(migration, "outcome")).isEqualTo("imported");

    String metrics = get("/actuator/prometheus", ADMIN).body();
    assertThat(metrics)
        .contains("ferry_migrations_started_total{process=\"migration\",target=\"prod\"}")
        .contains("ferry_migrations_finished_total{outcome=\"imported\",process=\"migration\",target=\"prod\"}")
        .contains("ferry_library_calls_seconds_count{endpoint=\"POST /api/migrations\",environment=\"dev\","
            + "outcome=\"success\"}")
        .contains("ferry_library_calls_seconds_count{endpoint=\"PATCH /api/migrations/{id}\",environment=\"dev\"")
        .contains("ferry_approval_wait_seconds_count{decision=\"approved\",kind=\"migration\"}")
        .contains("ferry_import_duration_seconds_count{kind=\"migration\",result=\"done\",target=\"prod\"}")
        .contains("ferry_polls_count{check=\"import-finished\",kind=\"migration\",result=\"done\"}")
        .contains("ferry_polls_count{check=\"package-created\",kind=\"migration\",result=\"done\"}");

    assertThat(output.getOut()).containsPattern("\\[metrics-check\\] \\[" + migration.getId()
        + "\\].*Logged in to Library 'dev'");
  }

  @Test
  void validationsEditsAndSentBackDecisionsShowInTheMetrics() throws Exception {
    ProcessInstance migration = start(Requests.objectMigration("metrics-edit"));
    complete(migration, "request-import", REQUESTER, Map.of());
    complete(migration, "approve-import", APPROVER, Map.of("decision", "changesRequested", "comment", "rename"));
    complete(migration, "edit-package", REQUESTER, Map.of("resubmit", true, "editName", "metrics-edit v2"));
    assertThat(approvalOf(migration)).isNotNull();

    String metrics = get("/actuator/prometheus", ADMIN).body();
    assertThat(metrics)
        .containsPattern("ferry_validations_total\\{result=\"validated\"\\} ([2-9]|\\d{2,})") // before and after the edit
        .contains("ferry_edits_total{kind=\"migration\",result=\"sent\"}")
        .contains("ferry_approval_wait_seconds_count{decision=\"changesRequested\",kind=\"migration\"}")
        .contains("ferry_polls_count{check=\"validation-finished\",kind=\"migration\",result=\"done\"}");
  }

  @Test
  void endpointsGroupIds() {
    assertThat(LibraryCallMetrics.endpoint("PATCH /api/migrations/0A1B2C3D4E5F60718293A4B5C6D7E8F9 importInfo.status=approved"))
        .isEqualTo("PATCH /api/migrations/{id}");
    assertThat(LibraryCallMetrics.endpoint("DELETE /api/migrations?packageId=ABC123")).isEqualTo("DELETE /api/migrations");
    assertThat(LibraryCallMetrics.endpoint("GET /api/migrations/packages/5F0A9C0D2B7E4E1AA8A6/binary"))
        .isEqualTo("GET /api/migrations/packages/{id}/binary");
    assertThat(LibraryCallMetrics.endpoint("POST /api/auth/login")).isEqualTo("POST /api/auth/login");
  }

  private HttpResponse<String> get(String path, String credentials) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (credentials != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
