package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.library.Environments;
import dev.ferry.simulator.SimulatorApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The simulator alone ({@link SimulatorApplication}, as docker-compose and the benchmark start
 * it): no engine, no database, nothing of Ferry but the environment registry, and still a
 * Library a client can log in to and create a package on.
 */
class StandaloneSimulatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext context;
  private static String base;

  @BeforeAll
  static void start() {
    context = SimulatorApplication.start("--server.port=0", "--spring.main.banner-mode=off",
        "--ferry.simulator.password=standalone-secret", "--ferry.simulator.create-duration=PT0S",
        "--ferry.simulator.environments=dev,qa");
    base = "http://localhost:" + ((ServletWebServerApplicationContext) context).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void startsWithoutEngineDatabaseOrFerryBeans() {
    assertThat(context.getBeanNamesForType(ProcessEngine.class)).isEmpty();
    assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
    List<String> ferryBeans = Arrays.stream(context.getBeanDefinitionNames())
        .map(name -> context.getBeanFactory().getType(name))
        .filter(type -> type != null && type.getName().startsWith("dev.ferry."))
        .map(Class::getName)
        .filter(type -> !type.startsWith("dev.ferry.simulator.") && !type.equals(Environments.class.getName()))
        .toList();
    assertThat(ferryBeans).as("Ferry beans besides the simulator's").isEmpty();
  }

  @Test
  void servesItsHealthWithoutALogin() throws Exception {
    HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/simulator/health")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
    assertThat(JSON.readTree(health.body()).path("environments").toString()).isEqualTo("[\"dev\",\"qa\"]");
  }

  @Test
  void aClientLogsInAndCreatesAPackageOnAConfiguredEnvironment() throws Exception {
    String api = base + "/simulator/qa/api";
    HttpResponse<Void> login = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"username\":\"ferry\",\"password\":\"standalone-secret\",\"loginMode\":1}")).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(login.statusCode()).isEqualTo(204);
    String token = login.headers().firstValue("X-MSTR-AuthToken").orElseThrow();
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

    HttpResponse<String> created = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/migrations"))
        .header("Content-Type", "application/json").header("X-MSTR-AuthToken", token).header("Cookie", cookie)
        .header("X-MSTR-ProjectID", "B19DEDCC11D4E0EFC000EB9495D0F44F")
        .POST(HttpRequest.BodyPublishers.ofString(projectPackage("Sales"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).path("id").asText();

    HttpResponse<String> read = CLIENT.send(HttpRequest.newBuilder(URI.create(api + "/migrations/" + id))
        .header("X-MSTR-AuthToken", token).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode migration = JSON.readTree(read.body());
    assertThat(migration.path("packageInfo").path("name").asText()).isEqualTo("Sales");
    assertThat(migration.path("packageInfo").path("status").asText()).isEqualTo("created");
  }

  @Test
  void refusesToStartSwitchedOff() {
    assertThatThrownBy(() -> SimulatorApplication.start("--server.port=0", "--ferry.simulator.enabled=false"))
        .hasMessageContaining("ferry.simulator.enabled=false")
        .hasMessageContaining("Remove FERRY_SIMULATOR_ENABLED=false");
  }

  private static String projectPackage(String name) {
    return """
        {
          "packageInfo": {
            "type": "project",
            "name": "%s",
            "environment": {"id": "http://localhost/simulator/qa", "name": "qa"},
            "project": {"name": "MicroStrategy Tutorial"},
            "tocView": {
              "settings": {"defaultAction": "replace"},
              "content": [{"id": "8D679D5111D3E4981000E787EC6DE8A4", "name": "Year", "type": 12,
                           "action": "replace", "includeDependents": true}]
            }
          },
          "importInfo": {
            "environment": {"id": "http://localhost/simulator/dev", "name": "dev"},
            "project": {"id": "C29DEDCC11D4E0EFC000EB9495D0F44A", "name": "MicroStrategy Tutorial"}
          }
        }
        """.formatted(name);
  }
}
