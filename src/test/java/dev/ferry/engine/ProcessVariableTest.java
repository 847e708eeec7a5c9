package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

/** Typed reads and writes of process variables, and the message a wrong type gets. */
class ProcessVariableTest {

  static final ProcessVariable<String> NAME = ProcessVariable.string("packageName");
  static final ProcessVariable<Long> SIZE = ProcessVariable.longValue("packageSize");
  static final ProcessVariable<Integer> COUNT = ProcessVariable.integer("editCount");
  static final ProcessVariable<Date> DEADLINE = ProcessVariable.date("pollDeadline");
  static final ProcessVariable<Boolean> VALID = ProcessVariable.bool("valid");

  static VariableScope scope(Map<String, Object> values) {
    VariableScope scope = mock(VariableScope.class);
    values.forEach((name, value) -> {
      when(scope.getVariable(name)).thenReturn(value);
      when(scope.getVariableLocal(name)).thenReturn(value);
    });
    return scope;
  }

  @Test
  void readsEachTypeAndNullWhenAbsent() {
    Date deadline = new Date(1_000);
    VariableScope scope = scope(Map.of("packageName", "Sales", "packageSize", 42, "editCount", 3L,
        "pollDeadline", deadline, "valid", true));
    assertThat(NAME.getOrNull(scope)).isEqualTo("Sales");
    assertThat(NAME.get(scope)).isEqualTo("Sales");
    assertThat(NAME.getLocalOrNull(scope)).isEqualTo("Sales");
    assertThat(SIZE.get(scope)).isEqualTo(42L); // an Integer written by one step reads as the Long asked for
    assertThat(COUNT.get(scope)).isEqualTo(3);
    assertThat(DEADLINE.get(scope)).isEqualTo(deadline);
    assertThat(VALID.get(scope)).isTrue();
    assertThat(ProcessVariable.string("absent").getOrNull(scope)).isNull();
    assertThat(ProcessVariable.string("absent").find(scope)).isEmpty();
  }

  @Test
  void aMissingRequiredVariableIsNamed() {
    assertThatThrownBy(() -> NAME.get(scope(Map.of()))).isInstanceOf(IllegalStateException.class)
        .hasMessage("The process variable 'packageName' is not set; the step before this one sets it.");
  }

  @Test
  void aWrongTypeIsNamedWithoutItsValue() {
    assertThatThrownBy(() -> NAME.getOrNull(scope(Map.of("packageName", 7)))).isInstanceOf(IllegalStateException.class)
        .hasMessage("The process variable 'packageName' holds a Integer; Ferry expects a String. Set it with that type.");
    assertThatThrownBy(() -> COUNT.get(scope(Map.of("editCount", 1L << 40)))).hasMessageContaining("expects a Integer");
    assertThatThrownBy(() -> COUNT.get(scope(Map.of("editCount", 1.5)))).hasMessageContaining("holds a Double");
  }

  @Test
  void readsVariableMapsAndWritesScopes() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("packageName", "Sales");
    variables.put("packageSize", null);
    assertThat(NAME.from(variables)).isEqualTo("Sales");
    assertThat(SIZE.from(variables)).isNull();
    VariableScope scope = mock(VariableScope.class);
    NAME.set(scope, "Finance");
    verify(scope).setVariable("packageName", "Finance");
    assertThat(NAME.name()).isEqualTo("packageName");
    assertThat(SIZE).hasToString("packageSize (Long)");
  }
}
