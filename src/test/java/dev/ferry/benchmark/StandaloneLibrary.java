package dev.ferry.benchmark;

import dev.ferry.restart.LibraryOutsideFerry;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The Library simulator alone, in a JVM of its own, for the benchmark: no engine, no Ferry; the
 * {@code ferry.simulator.*} arguments set its durations and progress curve.
 */
public final class StandaloneLibrary {

  private StandaloneLibrary() {
  }

  public static void main(String[] args) {
    new SpringApplicationBuilder(LibraryOutsideFerry.SimulatorOnly.class).run(args);
  }
}
