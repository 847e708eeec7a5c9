package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryApplication;
import dev.ferry.simulator.SimulatorApplication;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.server.ServletWebServerFactory;

/**
 * The {@code production} profile and the simulator exclude each other: Ferry refuses to start
 * with both, before its engine or database start, and says which setting to change.
 */
@ExtendWith(OutputCaptureExtension.class)
class SimulatorInProductionTest {

  @Test
  void ferryWithTheProductionProfileAndTheSimulatorOnRefusesToStart(CapturedOutput output) {
    List<Object> made = new CopyOnWriteArrayList<>();
    assertThatThrownBy(() -> new SpringApplicationBuilder(FerryApplication.class)
        .profiles("test", "production")
        .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
          @Override
          public Object postProcessAfterInitialization(Object bean, String name) {
            made.add(bean);
            return bean;
          }
        }))
        .run("--ferry.simulator.enabled=true"))
        .hasMessageContaining("The Library simulator is on")
        .hasMessageContaining("'production' profile")
        .hasMessageContaining("Set FERRY_SIMULATOR_ENABLED=false")
        .hasMessageContaining("or drop the 'production' profile");

    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("Set FERRY_SIMULATOR_ENABLED=false (ferry.simulator.enabled=false)");
    assertThat(made).as("no database, engine or web server was started before the refusal")
        .noneMatch(bean -> bean instanceof DataSource || bean instanceof ProcessEngine
            || bean instanceof ServletWebServerFactory);
  }

  @Test
  void theSimulatorIsOnByDefaultSoProductionNeedsItSwitchedOff() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(FerryApplication.class)
        .profiles("test", "production").run())
        .hasMessageContaining("ferry.simulator.enabled=true, the default");
  }

  @Test
  void theStandaloneSimulatorRefusesTheProductionProfileToo() {
    assertThatThrownBy(() -> SimulatorApplication.start("--server.port=0", "--spring.profiles.active=production"))
        .hasMessageContaining("'production' profile")
        .hasMessageContaining("drop the 'production' profile");
  }
}
