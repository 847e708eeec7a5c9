package dev.ferry.edit;

import static dev.ferry.migration.FerryVariables.EDIT_NAME;
import static dev.ferry.migration.FerryVariables.EDIT_OBJECTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.migration.FerryVariables;
import dev.ferry.migration.PackageEdit;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads the edit a requester left in {@code editName} and {@code editObjects} (JSON, or JSON text from automation). */
public final class EditVariables {

  /** The variable listing a group's package labels, which edited rows must name. */
  public static final String EDIT_PACKAGES = FerryVariables.EDIT_PACKAGES;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EditVariables() {
  }

  public static PackageEdit read(VariableScope scope) {
    Object name = scope.getVariable(EDIT_NAME);
    return PackageEdit.read(name == null ? null : String.valueOf(name), json(scope.getVariable(EDIT_OBJECTS)));
  }

  public static List<String> packages(VariableScope scope) {
    List<String> labels = new ArrayList<>();
    json(scope.getVariable(EDIT_PACKAGES)).forEach(label -> labels.add(label.asText()));
    return labels;
  }

  /** A Spin JSON value, a JSON string, or anything else (which reads as text and fails the rules by name). */
  static JsonNode json(Object value) {
    if (value == null) {
      return MAPPER.createArrayNode();
    }
    try {
      return MAPPER.readTree(value.toString());
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(value.toString());
    }
  }
}
