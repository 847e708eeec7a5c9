package dev.ferry.polling;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * One kind of asynchronous Library step that the {@code library-poll} model waits for. Each
 * lifecycle contributes its own (package created, import finished, undo finished, …); the
 * loop, its timers, back-off and time-out exist once, in the model.
 */
public interface StatusCheck {

  /** The value of the {@code check} variable that selects this check. */
  String name();

  /** What it checks: one migration, or every package of a group (the {@code kind} variable). */
  default String kind() {
    return "migration";
  }

  /** What the loop waits for, for the time-out message ("package status 'created' on the source"). */
  String awaited();

  /** One Library call; the variables in the result are published to the calling migration. */
  PollResult check(DelegateExecution execution);
}
