package dev.ferry.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Not a Library call: {@code GET /simulator/health} answers {@code {"status":"UP","environments":[…]}}
 * without a login, for the healthcheck of a simulator that runs alone (it has no actuator). Outside
 * {@code /api}, so the simulated faults never touch it.
 */
@RestController
@ConditionalOnSimulator
public class SimulatorHealthController {

  private final Simulator simulator;

  public SimulatorHealthController(Simulator simulator) {
    this.simulator = simulator;
  }

  @GetMapping(path = "/simulator/health", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "UP");
    health.put("environments", simulator.environmentNames());
    return health;
  }
}
