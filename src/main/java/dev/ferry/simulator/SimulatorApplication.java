package dev.ferry.simulator;

import dev.ferry.library.Environments;
import dev.ferry.library.LibraryProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The Library simulator alone: the simulated Libraries ({@code /simulator/{environment}/api/…}) on a
 * web server of their own, without Ferry: no process engine, no database, no Library clients. It is
 * configured like the simulator inside Ferry ({@code ferry.simulator.*}, {@code FERRY_SIMULATOR_*},
 * {@code server.port} / {@code PORT}) and answers {@code GET /simulator/health}.
 *
 * <p>From the jar: {@code java -cp ferry.jar -Dloader.main=dev.ferry.simulator.SimulatorApplication
 * org.springframework.boot.loader.launch.PropertiesLauncher}; from the sources:
 * {@code mvn spring-boot:run -Dspring-boot.run.main-class=dev.ferry.simulator.SimulatorApplication}.
 *
 * <p>Only the auto-configuration a web server with JSON needs is imported, never Spring Boot's
 * whole list, so nothing of Camunda, JDBC, Feign, mail or the actuator starts. Deliberately not a
 * {@code @Configuration}: Ferry scans {@code dev.ferry} and must not find a second application here.
 */
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JacksonAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, MultipartAutoConfiguration.class,
    ErrorMvcAutoConfiguration.class})
@Import({SimulatorConfiguration.class, SimulatorController.class, SimulatorHealthController.class})
public class SimulatorApplication {

  public static void main(String[] args) {
    start(args);
  }

  /** Starts the simulator alone with these arguments ({@code --name=value}, as on the command line). */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(SimulatorApplication.class)
        .bannerMode(Banner.Mode.OFF) // the classpath's banner is Camunda's, which does not run here
        .listeners(new RefuseDisabled())
        .run(args);
  }

  /** The simulated Libraries register here (for the log line); no real Library is ever called. */
  @Bean
  Environments environments() {
    return new Environments(new LibraryProperties());
  }

  /** {@code ferry.simulator.enabled=false} would leave a web server serving nothing: say so instead. */
  static final class RefuseDisabled implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
      if (!event.getEnvironment().getProperty("ferry.simulator.enabled", Boolean.class, true)) {
        throw new IllegalStateException("The standalone simulator was started with ferry.simulator.enabled=false, "
            + "so it would serve nothing. Remove FERRY_SIMULATOR_ENABLED=false (ferry.simulator.enabled) from its "
            + "environment, or do not start it.");
      }
    }
  }
}
