package dev.ferry.benchmark;

import dev.ferry.library.Environments;
import dev.ferry.library.LibraryProperties;
import dev.ferry.simulator.SimulatorConfiguration;
import dev.ferry.simulator.SimulatorController;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The Library simulator alone, in a JVM of its own, for the benchmark: no engine, no Ferry; the
 * {@code ferry.simulator.*} arguments set its durations and progress curve.
 */
public final class StandaloneLibrary {

  /** Not a {@code @Configuration}, so nothing scanning {@code dev.ferry} picks it up. */
  @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JacksonAutoConfiguration.class,
      HttpMessageConvertersAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
      DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, MultipartAutoConfiguration.class})
  @Import({SimulatorConfiguration.class, SimulatorController.class})
  static class SimulatorOnly {
    @Bean
    Environments environments() {
      return new Environments(new LibraryProperties());
    }
  }

  private StandaloneLibrary() {
  }

  public static void main(String[] args) {
    new SpringApplicationBuilder(SimulatorOnly.class).run(args);
  }
}
