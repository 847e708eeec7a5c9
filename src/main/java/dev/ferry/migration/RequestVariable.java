package dev.ferry.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Reads the {@code request} start variable, whichever way it was stored: a String (the start form,
 * small REST starts) or a JSON value (Ferry REST and large bodies, which a String column cannot hold).
 */
public final class RequestVariable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestVariable() {
  }

  /** The JSON text, or null when there is no request variable. */
  public static String text(VariableScope scope) {
    TypedValue typed = scope.getVariableTyped(FerryVariables.REQUEST, false);
    if (typed == null || typed.getValue() == null && !(typed instanceof ObjectValue)) {
      return null;
    }
    if (typed instanceof ObjectValue object && !object.isDeserialized()) {
      return object.getValueSerialized();
    }
    Object value = scope.getVariable(FerryVariables.REQUEST);
    return value == null ? null : value.toString();
  }

  /** The parsed body; throws {@link IOException} when the text is not JSON. */
  public static JsonNode read(VariableScope scope) throws IOException {
    String text = text(scope);
    return text == null ? null : MAPPER.readTree(text);
  }

  /** The parsed body of a request checked already; a body that is not JSON fails the step. */
  public static JsonNode readChecked(VariableScope scope) {
    try {
      return read(scope);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
