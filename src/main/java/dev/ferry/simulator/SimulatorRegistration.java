package dev.ferry.simulator;

import dev.ferry.library.Environments;
import dev.ferry.library.LibraryEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Once the web server listens (only then is the port known), makes each simulated Library a
 * Ferry environment: id {@code dev}, URL {@code http://localhost:{port}/simulator/dev}.
 */
public class SimulatorRegistration implements ApplicationListener<WebServerInitializedEvent> {

  private static final Logger log = LoggerFactory.getLogger(SimulatorRegistration.class);
  private static final int STANDARD_LOGIN = 1;

  private final Simulator simulator;
  private final Environments environments;
  private final Environment springEnvironment;

  SimulatorRegistration(Simulator simulator, Environments environments, Environment springEnvironment) {
    this.simulator = simulator;
    this.environments = environments;
    this.springEnvironment = springEnvironment;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() != null) {
      return; // a separate management server, not the one that serves the simulator
    }
    String contextPath = springEnvironment.getProperty("server.servlet.context-path", "");
    register("http://localhost:" + event.getWebServer().getPort() + contextPath);
  }

  /** Registers every simulated Library under {@code serverUrl + /simulator/{name}}. */
  public void register(String serverUrl) {
    String base = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
    for (String name : simulator.environmentNames()) {
      environments.register(new LibraryEnvironment(name, "Sandbox " + name, base + "/simulator/" + name,
          simulator.username(), simulator.password(), STANDARD_LOGIN));
    }
    log.info("Library simulator serving {} at {}/simulator/<environment> (user '{}')",
        simulator.environmentNames(), base, simulator.username());
  }
}
