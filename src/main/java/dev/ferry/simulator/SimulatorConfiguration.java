package dev.ferry.simulator;

import dev.ferry.library.Environments;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The sandbox: simulated Libraries served by Ferry itself, so a first migration runs with no
 * Library at hand. On unless {@code ferry.simulator.enabled=false}; never under the {@code production}
 * profile. {@link SimulatorApplication} serves the same beans alone, without Ferry.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSimulator
@EnableConfigurationProperties(SimulatorProperties.class)
public class SimulatorConfiguration {

  /** Refuses the {@code production} profile before any other bean is made ({@link SimulatorInProduction}). */
  @Bean
  static SimulatorInProduction.Guard simulatorProductionGuard() {
    return new SimulatorInProduction.Guard();
  }

  /**
   * Uses the application's {@link Clock} bean if there is exactly one, so tests can move time.
   * Closed at shutdown (the inferred {@code close}), which deletes the uploaded files.
   */
  @Bean
  public Simulator simulator(SimulatorProperties properties, ObjectProvider<Clock> clock) {
    String password = properties.getPassword() == null || properties.getPassword().isBlank()
        ? RandomIds.password()
        : properties.getPassword();
    return new Simulator(properties, password, clock.getIfUnique(Clock::systemUTC));
  }

  /** Hands simulated uploads to the controller as raw streams, past the 1 MB multipart limit. */
  @Bean
  public SimulatedFaults simulatedFaults(SimulatorProperties properties) {
    return new SimulatedFaults(properties.getErrorRate(), properties.getLatency(), properties.getLostAnswers());
  }

  @Bean
  public FilterRegistrationBean<FaultFilter> simulatorFaultFilter(SimulatedFaults faults) {
    FilterRegistrationBean<FaultFilter> registration = new FilterRegistrationBean<>(new FaultFilter(faults));
    registration.setName("ferry-simulator-faults");
    registration.addUrlPatterns("/simulator/*");
    return registration;
  }

  @Bean
  public FilterRegistrationBean<RawUploadFilter> simulatorRawUploadFilter() {
    FilterRegistrationBean<RawUploadFilter> registration = new FilterRegistrationBean<>(new RawUploadFilter());
    registration.setName("ferry-simulator-raw-upload");
    registration.addUrlPatterns("/simulator/*");
    return registration;
  }

  @Bean
  public SimulatorRegistration simulatorRegistration(Simulator simulator, Environments environments,
      Environment springEnvironment) {
    return new SimulatorRegistration(simulator, environments, springEnvironment);
  }
}
