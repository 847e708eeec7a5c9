package dev.ferry.polling;

import dev.ferry.engine.FerryProperties;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Starts a polling loop: the first interval and the deadline. Later intervals grow by
 * {@code ferry.polling.multiplier} up to {@code max-interval}; the loop ends as timed out once
 * {@code timeout} has passed without the awaited status.
 */
@Component("startPolling")
public class PollingPolicy implements JavaDelegate {

  static final String INTERVAL = "pollInterval";
  static final String DEADLINE = "pollDeadline";
  static final String COUNT = "pollCount";

  private final FerryProperties.Polling polling;

  public PollingPolicy(FerryProperties properties) {
    this.polling = properties.getPolling();
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(INTERVAL, polling.getInitialInterval().toString());
    execution.setVariable(DEADLINE, new Date(ClockUtil.getCurrentTime().getTime() + polling.getTimeout().toMillis()));
    execution.setVariable(COUNT, 0);
  }

  String next(String interval) {
    long millis = Math.round(Duration.parse(interval).toMillis() * polling.getMultiplier());
    return Duration.ofMillis(Math.min(millis, polling.getMaxInterval().toMillis())).toString();
  }

  boolean isPast(Date deadline) {
    return !ClockUtil.getCurrentTime().before(deadline);
  }

  Duration timeout() {
    return polling.getTimeout();
  }
}
