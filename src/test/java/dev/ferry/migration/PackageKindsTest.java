package dev.ferry.migration;

import dev.ferry.engine.Violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ferry.group.PackageGroup;
import dev.ferry.transfer.UploadedPackage;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

/** The kind variable names the kind; without one (or with one no kind answers to) a migration moves one package. */
class PackageKindsTest {

  static final SinglePackage SINGLE = new SinglePackage(null, null, null, null, null);
  static final PackageGroup GROUP = new PackageGroup(null, null, null, null, null);
  static final UploadedPackage UPLOADED = new UploadedPackage(null, null, null, null, null, null);
  final PackageKinds kinds = new PackageKinds(List.of(SINGLE, GROUP, UPLOADED));

  @Test
  void theKindVariableNamesTheKind() {
    assertThat(kinds.of(kind("group"))).isSameAs(GROUP);
    assertThat(kinds.of(kind("transfer")))
        .isSameAs(UPLOADED);
    assertThat(kinds.of(kind("migration")))
        .isSameAs(SINGLE);
  }

  @Test
  void withoutAKnownKindAMigrationMovesOnePackage() {
    assertThat(kinds.of(kind(null))).isSameAs(SINGLE);
    assertThat(kinds.named(null)).isSameAs(SINGLE);
    assertThat(kinds.named("batch")).isSameAs(SINGLE);
  }

  @Test
  void theSinglePackageKindMustExist() {
    assertThatThrownBy(() -> new PackageKinds(List.of(GROUP))).hasMessageContaining("No package kind named 'migration'");
  }

  @Test
  void onlyAnUploadedPackageRefusesEditsAndSendingBack() {
    assertThat(SINGLE.editRefusal()).isEmpty();
    assertThat(GROUP.editRefusal()).isEmpty();
    assertThat(UPLOADED.editRefusal()).get().extracting(Violation::field).isEqualTo("migration");
    assertThat(SINGLE.sendBackRefusal()).isEmpty();
    assertThat(GROUP.sendBackRefusal()).isEmpty();
    assertThat(UPLOADED.sendBackRefusal()).get().asString().startsWith("An uploaded package cannot be edited");
    assertThat(UPLOADED.checksRequest()).isFalse();
    assertThat(SINGLE.checksRequest()).isTrue();
  }

  static VariableScope kind(String name) {
    VariableScope vars = mock(VariableScope.class);
    when(vars.getVariable("kind")).thenReturn(name);
    return vars;
  }
}
