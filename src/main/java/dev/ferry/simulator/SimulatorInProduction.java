package dev.ferry.simulator;

import java.util.Arrays;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * The simulator refuses the {@code production} profile: a production Ferry must talk to real
 * Libraries only, and a simulated Library there would take real requests, approvals and imports.
 * Checked before any bean is made (so before the engine or the database start), in Ferry and in
 * the standalone simulator alike.
 */
public final class SimulatorInProduction extends IllegalStateException {

  static final String PROFILE = "production";

  static final String ACTION = "Set FERRY_SIMULATOR_ENABLED=false (ferry.simulator.enabled=false) and configure the "
      + "real Libraries under ferry.environments to run Ferry in production, or drop the 'production' profile "
      + "from SPRING_PROFILES_ACTIVE (spring.profiles.active) to try Ferry with the simulator.";

  private final String problem;

  SimulatorInProduction(String[] activeProfiles) {
    this("The Library simulator is on (ferry.simulator.enabled=true, the default) while the 'production' profile "
        + "is active (profiles " + Arrays.toString(activeProfiles) + "): production must not serve or call "
        + "simulated Libraries.");
  }

  private SimulatorInProduction(String problem) {
    super(problem + " " + ACTION);
    this.problem = problem;
  }

  /** Fails the start when the {@code production} profile is active; the simulator's beans exist, so it is on. */
  static final class Guard implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
      this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
      if (Arrays.asList(environment.getActiveProfiles()).contains(PROFILE)) {
        throw new SimulatorInProduction(environment.getActiveProfiles());
      }
    }

    @Override
    public int getOrder() {
      return HIGHEST_PRECEDENCE;
    }
  }

  /** Spring Boot's "APPLICATION FAILED TO START" report for it, instead of a stack trace. */
  public static final class Analyzer extends AbstractFailureAnalyzer<SimulatorInProduction> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SimulatorInProduction cause) {
      return new FailureAnalysis(cause.problem, ACTION, cause);
    }
  }
}
