package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.engine.FerryProperties;
import dev.ferry.library.LibraryProperties;
import dev.ferry.simulator.SimulatorApplication;
import dev.ferry.simulator.SimulatorHealthController;
import dev.ferry.simulator.SimulatorProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} is valid and names only what exists: its services, dependencies,
 * volumes and ports fit together, its profiles exist, and every Ferry variable it sets binds to a
 * Ferry property (Spring's relaxed binding, as the containers will use it) or is a placeholder in
 * Ferry's configuration. (No Docker engine runs here, so this is the check CI can make.)
 */
class DockerComposeTest {

  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z_]+)(?::?[-?])([^}]*)}?");
  private final Map<String, Object> compose = load();

  @SuppressWarnings("unchecked")
  static Map<String, Object> load() {
    try {
      return new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @SuppressWarnings("unchecked")
  Map<String, String> environment(String service) {
    Map<String, String> env = new HashMap<>();
    ((Map<String, Object>) services().get(service).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
    return env;
  }

  @Test
  @SuppressWarnings("unchecked")
  void servicesDependenciesVolumesAndPortsFitTogether() {
    assertThat(services()).containsKeys("postgres", "ferry-1", "ferry-2", "simulator");
    assertThat(services().get("postgres")).containsKeys("healthcheck", "volumes");
    List<String> hostPorts = new ArrayList<>();
    for (var service : services().entrySet()) {
      Map<String, Object> depends = (Map<String, Object>) service.getValue().getOrDefault("depends_on", Map.of());
      depends.forEach((name, condition) -> {
        assertThat(services()).as(service.getKey() + " depends on").containsKey(name);
        assertThat(((Map<String, Object>) condition).get("condition")).isEqualTo("service_healthy");
      });
      for (Object volume : (List<Object>) service.getValue().getOrDefault("volumes", List.of())) {
        String name = String.valueOf(volume).split(":")[0];
        assertThat((Map<String, Object>) compose.get("volumes")).as("declared volume").containsKey(name);
      }
      for (Object port : (List<Object>) service.getValue().getOrDefault("ports", List.of())) {
        hostPorts.add(String.valueOf(port).split(":")[0]);
        assertThat(String.valueOf(port)).endsWith(":8080");
      }
      if (service.getValue().containsKey("build")) {
        assertThat(Path.of(String.valueOf(service.getValue().get("build")), "Dockerfile")).exists();
      }
    }
    assertThat(hostPorts).doesNotHaveDuplicates();
    assertThat(environment("ferry-1")).isEqualTo(environment("ferry-2"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyFerryAsksReadinessForItsHealthcheck() throws IOException {
    for (String service : List.of("ferry-1", "ferry-2")) {
      Map<String, Object> healthcheck = (Map<String, Object>) services().get(service).get("healthcheck");
      assertThat(healthcheck).as(service).isNotNull();
      assertThat((List<String>) healthcheck.get("test")).as(service)
          .contains("http://localhost:8080/actuator/health/readiness");
    }
    assertThat(Files.readString(Path.of("Dockerfile"))).as("the image has curl for it").contains("install -y "
        + "--no-install-recommends curl");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSimulatorRunsAloneInASmallJvmAndAsksItsOwnHealth() throws Exception {
    Map<String, Object> simulator = services().get("simulator");
    List<String> entrypoint = (List<String>) simulator.get("entrypoint");
    assertThat(entrypoint).as("the standalone simulator, not a whole Ferry")
        .contains(SimulatorApplication.class.getName())
        .anySatisfy(option -> assertThat(option).matches("-Xmx\\d+m"));
    // the image unpacks the jar to where its own entrypoint starts Ferry from; the simulator uses the same jar
    String ferryJar = Files.readString(Path.of("Dockerfile")).lines().filter(l -> l.startsWith("ENTRYPOINT"))
        .map(l -> l.replaceAll(".* -jar (\\S+) .*", "$1")).findFirst().orElseThrow();
    assertThat(entrypoint).containsSequence("-cp", ferryJar);

    String health = ((List<String>) ((Map<String, Object>) simulator.get("healthcheck")).get("test")).stream()
        .filter(arg -> arg.startsWith("http://")).findFirst().orElseThrow();
    assertThat(URI.create(health).getPath()).as("a path the standalone simulator serves")
        .isIn((Object[]) SimulatorHealthController.class.getMethod("health").getAnnotation(GetMapping.class).path());
    assertThat(environment("simulator")).doesNotContainKey("SPRING_PROFILES_ACTIVE")
        .doesNotContainEntry("FERRY_SIMULATOR_ENABLED", "false");
  }

  @Test
  void nodesWithTheProductionProfileSwitchTheSimulatorOff() {
    Map<String, String> env = environment("ferry-1");
    assertThat(env.get("SPRING_PROFILES_ACTIVE")).contains("production");
    assertThat(env).as("the production profile refuses to start with the simulator on")
        .containsEntry("FERRY_SIMULATOR_ENABLED", "false");
  }

  @Test
  void profilesTheNodesUseExist() {
    for (String profile : environment("ferry-1").get("SPRING_PROFILES_ACTIVE").split(",")) {
      assertThat(Path.of("src/main/resources/application-" + profile.trim() + ".yml")).exists();
    }
  }

  @Test
  void everyFerryVariableBindsToAPropertyOrIsAPlaceholderOfTheConfiguration() throws IOException {
    String configuration = Files.readString(Path.of("src/main/resources/application.yml"))
        + Files.readString(Path.of("src/main/resources/application-postgres.yml"));
    List<String> unbound = new ArrayList<>();
    for (String service : List.of("ferry-1", "simulator")) {
      Map<String, String> env = environment(service);
      for (String name : env.keySet()) {
        if (!name.startsWith("FERRY_") || configuration.contains("${" + name)) {
          continue;
        }
        // a variable binds when two different values of it give two different configurations
        if (bound(env, name, "true").equals(bound(env, name, "false"))) {
          unbound.add(service + ": " + name);
        }
      }
    }
    assertThat(unbound).as("variables that bind to no Ferry property").isEmpty();
  }

  @Test
  void theNodesAreGivenBothLibrariesWithTheirSecretsFromTheEnvironment() {
    Map<String, String> env = environment("ferry-1");
    for (String index : List.of("0", "1")) {
      assertThat(env).containsKeys("FERRY_ENVIRONMENTS_" + index + "_ID", "FERRY_ENVIRONMENTS_" + index + "_URL",
          "FERRY_ENVIRONMENTS_" + index + "_USERNAME", "FERRY_ENVIRONMENTS_" + index + "_PASSWORD");
      Matcher secret = DEFAULTED.matcher(env.get("FERRY_ENVIRONMENTS_" + index + "_PASSWORD"));
      assertThat(secret.find()).as("a password comes from a variable, never from the file").isTrue();
    }
    assertThat(env.get("FERRY_DATASOURCE_PASSWORD")).startsWith("${");
    assertThat(env.get("FERRY_ADMIN_PASSWORD")).startsWith("${");
  }

  /** Ferry's properties as the container would bind them, with {@code name} set to {@code value}. */
  private static String bound(Map<String, String> env, String name, String value) {
    Map<String, Object> variables = new HashMap<>(env);
    variables.replaceAll((k, v) -> resolved(String.valueOf(v)));
    variables.put(name, value);
    StandardEnvironment environment = new StandardEnvironment();
    // only a source named systemEnvironment gets Spring's mapping of FOO_0_BAR to foo[0].bar
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
        new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of()));
    Binder binder = new Binder(ConfigurationPropertySources.get(environment));
    try {
      ObjectMapper json = new ObjectMapper().findAndRegisterModules();
      return json.writeValueAsString(List.of(
          binder.bindOrCreate("ferry", Bindable.of(FerryProperties.class)),
          binder.bindOrCreate("ferry", Bindable.of(LibraryProperties.class)),
          binder.bindOrCreate("ferry.simulator", Bindable.of(SimulatorProperties.class))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What Compose would put in: the default of {@code ${VAR:-default}}, or a stand-in for a required one. */
  private static String resolved(String value) {
    Matcher defaulted = DEFAULTED.matcher(value);
    return defaulted.find() ? (defaulted.group(2).isEmpty() || defaulted.group(2).startsWith("set ")
        ? "from-the-environment" : defaulted.group(2)) : value;
  }
}
