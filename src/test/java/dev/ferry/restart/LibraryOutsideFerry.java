package dev.ferry.restart;

import dev.ferry.simulator.SimulatedFaults;
import dev.ferry.simulator.Simulator;
import dev.ferry.simulator.SimulatorApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Library outside Ferry: the standalone simulator ({@link SimulatorApplication}) served over
 * HTTP from the test JVM, with no process engine, so it keeps its state (packages, imports, call
 * counts) while Ferry nodes in other JVMs are killed and started again. Environments are
 * {@code dev} and {@code prod} at {@link #url(String)}, user {@link #USERNAME}, password
 * {@link #password()}.
 */
public final class LibraryOutsideFerry implements AutoCloseable {

  public static final String USERNAME = "ferry";

  private final ConfigurableApplicationContext context;
  private final Simulator simulator;
  private final int port;
  private final String password;

  private LibraryOutsideFerry(ConfigurableApplicationContext context, String password) {
    this.context = context;
    this.simulator = context.getBean(Simulator.class);
    this.port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    this.password = password;
  }

  /** Starts the simulator on a random port with these durations for creation, import and undo. */
  public static LibraryOutsideFerry start(String password, Duration create, Duration importing, Duration undo,
      String... moreArgs) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
        "--ferry.simulator.enabled=true",
        "--ferry.simulator.password=" + password,
        "--ferry.simulator.create-duration=" + create,
        "--ferry.simulator.validation-duration=" + create,
        "--ferry.simulator.import-duration=" + importing,
        "--ferry.simulator.undo-duration=" + undo));
    args.addAll(List.of(moreArgs));
    // Arguments, so they win over the application.yml on the classpath.
    ConfigurableApplicationContext context = SimulatorApplication.start(args.toArray(String[]::new));
    return new LibraryOutsideFerry(context, password);
  }

  public Simulator simulator() {
    return simulator;
  }

  /** The simulator's faults: lost answers, error rate, latency. */
  public SimulatedFaults faults() {
    return context.getBean(SimulatedFaults.class);
  }

  public int port() {
    return port;
  }

  public String password() {
    return password;
  }

  /** The base URL Ferry is configured with for one simulated Library (before {@code /api}). */
  public String url(String environment) {
    simulator.environment(environment); // fails for an environment the simulator does not serve
    return "http://localhost:" + port + "/simulator/" + environment;
  }

  /**
   * Ferry arguments that configure every simulated Library as a Ferry environment
   * ({@code --ferry.environments[i].*}), ids as the simulator names them.
   */
  public List<String> ferryEnvironmentArgs() {
    List<String> args = new ArrayList<>();
    List<String> names = simulator.environmentNames();
    for (int i = 0; i < names.size(); i++) {
      String prefix = "--ferry.environments[" + i + "].";
      args.add(prefix + "id=" + names.get(i));
      args.add(prefix + "name=Library " + names.get(i));
      args.add(prefix + "url=" + url(names.get(i)));
      args.add(prefix + "username=" + USERNAME);
      args.add(prefix + "password=" + password);
    }
    return args;
  }

  @Override
  public void close() {
    context.close();
  }
}
