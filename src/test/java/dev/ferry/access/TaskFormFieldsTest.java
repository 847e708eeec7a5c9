package dev.ferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What each of Ferry's task forms lets a person submit, as {@link TaskInputs} reads it from the form. */
class TaskFormFieldsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void eachTaskFormSubmitsItsInputFieldsOnly() throws Exception {
    assertThat(fields("request-import")).containsExactly("editFirst");
    assertThat(fields("approve-import")).containsExactly("comment", "decision", "importAt", "overrideValidation");
    assertThat(fields("edit-package")).containsExactly("actionChanges", "editName", "keepObjects", "resubmit");
    assertThat(fields("review-import")).containsExactly("undo");
    assertThat(fields("approve-undo")).containsExactly("approved", "comment");
  }

  @Test
  void aGroupWithAPathSubmitsUnderThatPath() throws Exception {
    Set<String> keys = new TreeSet<>();
    TaskInputs.fields(MAPPER.readTree("{\"components\": [{\"type\": \"group\", \"path\": \"address.home\", "
        + "\"components\": [{\"type\": \"textfield\", \"key\": \"street\"}]}, {\"type\": \"textfield\", "
        + "\"key\": \"a.b\"}, {\"type\": \"text\", \"text\": \"no key\"}]}"), keys);
    assertThat(keys).containsExactly("a", "address");
  }

  private static Set<String> fields(String form) throws Exception {
    Set<String> keys = new TreeSet<>();
    TaskInputs.fields(MAPPER.readTree(Path.of("forms", form + ".form").toFile()), keys);
    return keys;
  }
}
