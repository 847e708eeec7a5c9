package dev.ferry.polling;

import java.util.Map;

/** What one look at the Library found: finished, failed, or still on its way. */
public record PollResult(State state, String status, String message, Map<String, Object> variables) {

  public enum State { DONE, FAILED, WAITING }

  public static PollResult done(String status, Map<String, Object> variables) {
    return new PollResult(State.DONE, status, null, variables);
  }

  public static PollResult failed(String status, String message, Map<String, Object> variables) {
    return new PollResult(State.FAILED, status, message, variables);
  }

  public static PollResult waiting(String status, Map<String, Object> variables) {
    return new PollResult(State.WAITING, status, null, variables);
  }
}
