package dev.ferry.polling;

import java.time.Duration;
import java.util.Map;

/**
 * What one look at the Library found: finished, failed, or still on its way. {@code progress} is
 * the step's progress in percent as the Library reported it (null when it reports none);
 * {@code took} how long the finished step took by the Library's own timestamps (null when they
 * do not tell). Polling aims its next look with both.
 */
public record PollResult(State state, String status, String message, Map<String, Object> variables, Double progress,
    Duration took) {

  public enum State { DONE, FAILED, WAITING }

  public PollResult(State state, String status, String message, Map<String, Object> variables) {
    this(state, status, message, variables, null, null);
  }

  public static PollResult done(String status, Map<String, Object> variables) {
    return new PollResult(State.DONE, status, null, variables);
  }

  public static PollResult failed(String status, String message, Map<String, Object> variables) {
    return new PollResult(State.FAILED, status, message, variables);
  }

  public static PollResult waiting(String status, Map<String, Object> variables) {
    return new PollResult(State.WAITING, status, null, variables);
  }

  /** This result with the progress and duration read from one part of a Library record. */
  public PollResult timed(Double progress, Duration took) {
    return new PollResult(state, status, message, variables, progress, took);
  }
}
