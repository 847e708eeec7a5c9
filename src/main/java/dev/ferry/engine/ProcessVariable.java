package dev.ferry.engine;

import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/**
 * A process variable with its name and type, read and written without casts:
 * {@code PACKAGE_NAME.getOrNull(execution)}, {@code PROGRESS.set(execution, 40)}. A value of
 * another type fails with a message naming the variable, the type it has and the type expected,
 * where a cast would say only {@code ClassCastException}.
 *
 * <p>Numbers are read as the type asked for: a step may write an {@code Integer} where a form
 * writes a {@code Long}, so {@link #longValue} takes any number and {@link #integer} any whole
 * number that fits.
 */
public final class ProcessVariable<T> {

  private final String name;
  private final Class<T> type;
  private final Function<Object, T> convert;

  private ProcessVariable(String name, Class<T> type, Function<Object, T> convert) {
    this.name = Objects.requireNonNull(name);
    this.type = type;
    this.convert = convert;
  }

  public static ProcessVariable<String> string(String name) {
    return of(name, String.class);
  }

  public static ProcessVariable<Boolean> bool(String name) {
    return of(name, Boolean.class);
  }

  public static ProcessVariable<Date> date(String name) {
    return of(name, Date.class);
  }

  /** A JSON variable (Spin), as {@code SpinValues.jsonValue(…)} writes it. */
  public static ProcessVariable<SpinJsonNode> json(String name) {
    return of(name, SpinJsonNode.class);
  }

  public static ProcessVariable<Long> longValue(String name) {
    return new ProcessVariable<>(name, Long.class, value -> value instanceof Number n ? n.longValue() : null);
  }

  public static ProcessVariable<Integer> integer(String name) {
    return new ProcessVariable<>(name, Integer.class, value -> value instanceof Number n && whole(n)
        && n.longValue() == n.intValue() ? n.intValue() : null);
  }

  private static <T> ProcessVariable<T> of(String name, Class<T> type) {
    return new ProcessVariable<>(name, type, value -> type.isInstance(value) ? type.cast(value) : null);
  }

  private static boolean whole(Number number) {
    return number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte;
  }

  public String name() {
    return name;
  }

  /** The value; fails when the variable is absent or null, naming it. */
  public T get(VariableScope scope) {
    T value = getOrNull(scope);
    if (value == null) {
      throw new IllegalStateException("The process variable '" + name + "' is not set; the step before this one sets it.");
    }
    return value;
  }

  /** The value, or null when the variable is absent or null. */
  public T getOrNull(VariableScope scope) {
    return typed(scope.getVariable(name));
  }

  /** The value, if it is set. */
  public Optional<T> find(VariableScope scope) {
    return Optional.ofNullable(getOrNull(scope));
  }

  /** The value of the scope's own (local) variable, e.g. an activity's input; null when absent. */
  public T getLocalOrNull(VariableScope scope) {
    return typed(scope.getVariableLocal(name));
  }

  /** The value in a variable map (e.g. {@code RuntimeService.getVariables}), or null when absent. */
  public T from(Map<String, ?> variables) {
    return typed(variables.get(name));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value);
  }

  private T typed(Object value) {
    if (value == null) {
      return null;
    }
    T typed = convert.apply(value);
    if (typed == null) {
      throw new IllegalStateException("The process variable '" + name + "' holds a " + value.getClass().getSimpleName()
          + "; Ferry expects a " + type.getSimpleName() + ". Set it with that type.");
    }
    return typed;
  }

  @Override
  public String toString() {
    return name + " (" + type.getSimpleName() + ")";
  }
}
