package dev.ferry.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.migration.FerryVariables;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The forms keep their field names, and every name is one of {@link FerryVariables}: a field the
 * code does not know would be a variable nobody reads, and a renamed constant would silently
 * orphan a form field.
 */
class FormFieldsTest {

  static final ObjectMapper MAPPER = new ObjectMapper();

  static Set<String> known() {
    return Arrays.stream(FerryVariables.class.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(FormFieldsTest::value).collect(Collectors.toSet());
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "form: field" for each variable a form reads or writes: a field's key, its options' source, a table's rows. */
  static List<String> variables(Path form) throws IOException {
    List<String> names = new ArrayList<>();
    collect(MAPPER.readTree(form.toFile()).path("components"), form.getFileName().toString(), names);
    return names;
  }

  private static void collect(JsonNode components, String form, List<String> names) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        names.add(form + ": " + component.get("key").asText());
      }
      if (component.hasNonNull("valuesKey")) {
        names.add(form + ": " + component.get("valuesKey").asText());
      }
      String source = component.path("dataSource").asText("");
      if (source.matches("=\\w+")) {
        names.add(form + ": " + source.substring(1));
      }
      collect(component.path("components"), form, names); // groups; a table's columns are row fields, not variables
    }
  }

  @Test
  void everyFormFieldIsAKnownVariable() throws IOException {
    Set<String> known = known();
    List<String> fields = new ArrayList<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).sorted().toList()) {
        fields.addAll(variables(form));
      }
    }
    assertThat(fields).hasSizeGreaterThanOrEqualTo(20); // all eight forms' fields; an empty scan would prove nothing
    assertThat(fields).filteredOn(field -> !known.contains(field.substring(field.indexOf(": ") + 2)))
        .as("form fields that are not a FerryVariables constant").isEmpty();
  }

  @Test
  void aFieldNobodyKnowsIsFound() throws IOException {
    Path form = Files.createTempFile("unknown", ".form");
    Files.writeString(form, "{\"components\": [{\"type\": \"textfield\", \"key\": \"packageNmae\"}, "
        + "{\"type\": \"table\", \"dataSource\": \"=packageSummaries\", \"columns\": [{\"key\": \"project\"}]}]}");
    try {
      assertThat(variables(form)).extracting(f -> f.substring(f.indexOf(": ") + 2))
          .containsExactly("packageNmae", "packageSummaries");
      assertThat(known()).doesNotContain("packageNmae").contains("packageSummaries", "packageName");
    } finally {
      Files.delete(form);
    }
  }
}
