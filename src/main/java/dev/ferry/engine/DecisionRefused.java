package dev.ferry.engine;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A task completion that breaks one of the task's decision rules: the person (or pipeline) sent a
 * variable that is missing, wrong or not allowed here, and can fix it and complete again. It names
 * each variable and what to send ({@link #violations()}); its message is the sentence to show.
 * The engine wraps it (ENGINE-03051), and the REST APIs unwrap it into a 400 naming the variables,
 * where any other listener failure would be a 500.
 */
public class DecisionRefused extends ProcessEngineException {

  private final transient List<Violation> violations;

  /** One variable, and the sentence that says what to send. */
  public DecisionRefused(String variable, String message) {
    this(message, List.of(new Violation(variable, message)));
  }

  /** Several variables at once; {@code message} sums them up. */
  public DecisionRefused(String message, List<Violation> violations) {
    super(message);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("A refused decision names at least one variable");
    }
    this.violations = List.copyOf(violations);
  }

  /** Each variable and what to send instead. */
  public List<Violation> violations() {
    return violations;
  }

  /** The first refusal in this chain of causes, or null. */
  public static DecisionRefused in(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof DecisionRefused refused) {
        return refused;
      }
    }
    return null;
  }
}
