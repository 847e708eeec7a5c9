package dev.ferry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.library.Environments;
import dev.ferry.library.LibraryClients;
import dev.ferry.library.LibraryEnvironment;
import dev.ferry.library.LibraryException;
import dev.ferry.library.LibraryProperties;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroup;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.library.MigrationsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Ferry's own Library client against the simulator over real HTTP: token and cookie, the colon
 * in migration ids, {@code showContent}, {@code Prefer: respond-async}, re-login after
 * {@code ERR009}. Only a web server and the simulator start — no process engine.
 */
class SimulatorWithFerryClientTest {

  private static ConfigurableApplicationContext context;
  private static Simulator simulator;
  private static MigrationsClient client;
  private static MigrationGroupsClient groupsClient;

  private final LibraryScope devProject = LibraryScope.of("dev", Sandbox.SOURCE_PROJECT);
  private final LibraryScope prodProject = LibraryScope.of("prod", Sandbox.TARGET_PROJECT);

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JacksonAutoConfiguration.class,
      HttpMessageConvertersAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
      DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class})
  @EnableConfigurationProperties(LibraryProperties.class)
  @Import({SimulatorConfiguration.class, SimulatorController.class, Environments.class, LibraryClients.class,
      MigrationsClient.class, MigrationGroupsClient.class})
  static class SimulatorAndClientOnly {
  }

  @BeforeAll
  static void start() {
    context = new SpringApplicationBuilder(SimulatorAndClientOnly.class)
        // Arguments, so they win over the application.yml on the classpath.
        .run("--server.port=0", "--ferry.simulator.password=", "--ferry.simulator.create-duration=PT0S",
            "--ferry.simulator.import-duration=PT0S", "--ferry.simulator.undo-duration=PT0S");
    simulator = context.getBean(Simulator.class);
    client = context.getBean(MigrationsClient.class);
    groupsClient = context.getBean(MigrationGroupsClient.class);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @BeforeEach
  void freshLibraries() {
    simulator.reset();
  }

  @Test
  void eachSimulatedLibraryIsRegisteredAsAnEnvironmentOnceTheServerListens() {
    LibraryEnvironment dev = context.getBean(Environments.class).get("dev");

    assertThat(dev.name()).isEqualTo("Sandbox dev");
    assertThat(dev.url()).matches("http://localhost:\\d+/simulator/dev");
    assertThat(dev.username()).isEqualTo("ferry");
    assertThat(dev.password()).as("generated at start").hasSizeGreaterThanOrEqualTo(24);
    assertThat(context.getBean(Environments.class).ids()).contains("dev", "prod");
  }

  @Test
  void aMigrationAndItsUndoRunThroughFerrysClient() {
    String id = client.create(devProject, Sandbox.projectPackage("Sales")).id();
    assertThat(client.get(devProject, id, false).packageStatus()).isEqualTo("created");
    client.patchImportInfo(devProject, id, "importRequestStatus", "requested");
    assertThat(client.patchImportInfo(devProject, id, "importRequestStatus", "approved").packageStatus())
        .isEqualTo("locked");
    Migration definition = client.get(devProject, id, true);

    assertThat(client.put(prodProject, id, definition.asReplica()).importStatus()).isEqualTo("importing");
    Migration imported = client.get(prodProject, id, false);
    assertThat(imported.importStatus()).isEqualTo("imported");
    assertThat(imported.hasUndoPackage()).isTrue();

    client.patchImportInfo(prodProject, id, "undoRequestStatus", "requested");
    client.patchImportInfo(prodProject, id, "undoRequestStatus", "approved");
    assertThat(client.get(prodProject, id, false).importStatus()).isEqualTo("undo_success");

    client.delete(devProject, imported.packageId());
    assertThat(client.list(devProject, "object_migration", 0, 10).path("total").asInt()).isZero();
  }

  @Test
  void aLostAnswerLeavesTheCallDoneAndFerryWithoutAnAnswer() {
    SimulatedFaults faults = context.getBean(SimulatedFaults.class);
    faults.loseAnswers(Endpoint.POST_MIGRATION, 1);
    faults.loseAnswers(Endpoint.DELETE_PACKAGE, 1);
    try {
      assertThatThrownBy(() -> client.create(devProject, Sandbox.projectPackage("Lost")))
          .isInstanceOf(LibraryException.class).hasMessageContaining("the Library may still have carried out the call");
      assertThat(simulator.environment("dev").migrations()).as("the Library created it all the same").hasSize(1);
      assertThat(faults.answersLost(Endpoint.POST_MIGRATION)).isEqualTo(1);

      String second = client.create(devProject, Sandbox.projectPackage("Answered")).id();
      assertThat(simulator.environment("dev").migrations()).hasSize(2);
      String packageId = client.get(devProject, second, false).packageId();
      assertThatThrownBy(() -> client.delete(devProject, packageId)).as("a call without an answer body too")
          .isInstanceOf(LibraryException.class);
      assertThat(simulator.environment("dev").migrations()).hasSize(1);
      assertThat(client.list(devProject, "object_migration", 0, 10).path("data")).hasSize(1);
    } finally {
      faults.clear();
    }
  }

  @Test
  void aMigrationGroupAndItsUndoRunThroughFerrysClient() {
    MigrationGroup created = groupsClient.create("dev", GroupSandbox.threeProjects("Quarterly"));
    String id = created.id();
    assertThat(created.migrations()).hasSize(4);
    assertThat(groupsClient.get("dev", id, false).migrations()).allSatisfy(m ->
        assertThat(m.packageStatus()).isEqualTo("created"));
    groupsClient.patch("dev", id, "importRequestStatus", "requested");
    assertThat(groupsClient.patch("dev", id, "importRequestStatus", "approved").importRequestStatus())
        .isEqualTo("approved");
    MigrationGroup definition = groupsClient.get("dev", id, true);
    assertThat(definition.body().path("migrations").path(1).path("packageInfo").has("tocView")).isTrue();

    MigrationGroup importing = groupsClient.put("prod", id, definition.asReplica());
    assertThat(importing.migrations().get(0).importStatus()).isEqualTo("importing");
    MigrationGroup imported = groupsClient.get("prod", id, false);
    assertThat(imported.migrations()).allSatisfy(m -> {
      assertThat(m.importStatus()).isEqualTo("imported");
      assertThat(m.hasUndoPackage()).isTrue();
    });

    groupsClient.patch("prod", id, "undoRequestStatus", "requested");
    groupsClient.patch("prod", id, "undoRequestStatus", "approved");
    assertThat(groupsClient.get("prod", id, false).migrations()).allSatisfy(m ->
        assertThat(m.importStatus()).isEqualTo("undo_success"));

    groupsClient.delete("dev", created.packageGroupId());
    groupsClient.delete("prod", created.packageGroupId());
    assertThat(simulator.environment("dev").groups()).isEmpty();
    assertThat(simulator.environment("prod").accepted(Endpoint.PUT_MIGRATION_GROUP)).isEqualTo(1);
  }

  @Test
  void anExpiredSessionIsRenewedWithoutRepeatingWork() {
    String id = client.create(devProject, Sandbox.projectPackage("Sales")).id();
    SimulatedLibrary dev = simulator.environment("dev");

    dev.expireSessions();
    client.patchImportInfo(devProject, id, "importRequestStatus", "requested");

    assertThat(dev.accepted(Endpoint.LOGIN)).isEqualTo(2);
    assertThat(dev.received(Endpoint.PATCH_IMPORT_REQUESTED)).isEqualTo(2);
    assertThat(dev.accepted(Endpoint.PATCH_IMPORT_REQUESTED)).isEqualTo(1);
    assertThat(dev.accepted(Endpoint.POST_MIGRATION)).isEqualTo(1);
  }

  @Test
  void refusalsReachFerryAsLibraryErrors() {
    ObjectNode configuration = Sandbox.configurationPackage("Users");

    assertThatThrownBy(() -> client.create(devProject, configuration))
        .isInstanceOfSatisfying(LibraryException.class, error -> {
          assertThat(error.httpStatus()).isEqualTo(400);
          assertThat(error.code()).isEqualTo("ERR006");
          assertThat(error.libraryMessage()).contains("must not be sent");
          assertThat(error.ticketId()).matches("[0-9a-f]{32}");
        });
  }
}
