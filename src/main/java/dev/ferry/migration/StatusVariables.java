package dev.ferry.migration;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Writes status variables where Cockpit and Tasklist look for them: on the running process and on
 * every process that called it. A polling loop runs in its own called instance; without this, the
 * migration would only learn its package's progress when the loop ends.
 *
 * <p>The callers are found through Camunda's public delegate API (the process instance's
 * {@code superExecution}, the call activity that started it), in the same transaction as the step:
 * a retried step writes them again, as it writes its own.
 */
public final class StatusVariables {

  private StatusVariables() {
  }

  /** A variable map from name/value pairs; unlike {@code Map.of}, a status the Library left out may be null. */
  public static Map<String, Object> of(Object... namesAndValues) {
    Map<String, Object> values = new java.util.HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return values;
  }

  public static void publish(DelegateExecution execution, Map<String, ?> values) {
    execution.setVariables(values);
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    while (caller != null) {
      caller.setVariables(values);
      caller = caller.getProcessInstance().getSuperExecution();
    }
  }

  /** Removes status variables that no longer apply (e.g. a queue position), here and on every caller. */
  public static void remove(DelegateExecution execution, String... names) {
    java.util.List<String> list = java.util.List.of(names);
    execution.removeVariables(list);
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    while (caller != null) {
      caller.removeVariables(list);
      caller = caller.getProcessInstance().getSuperExecution();
    }
  }
}
