package dev.ferry.edit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.group.PackageGroup;
import dev.ferry.migration.PackageEdit;
import dev.ferry.migration.PackageKind;
import dev.ferry.migration.SinglePackage;
import dev.ferry.engine.Violation;
import dev.ferry.transfer.UploadedPackage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The Library's edit rules as Ferry checks them before sending anything. */
@Tag("fast")
class EditRulesTest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  // the rules ask a kind only what it is; no Library client is needed
  static final PackageKind MIGRATION = new SinglePackage(null, null, null, null, null);
  static final PackageKind GROUP = new PackageGroup(null, null, null, null, null);
  static final PackageKind TRANSFER = new UploadedPackage(null, null, null, null, null, null);

  static PackageEdit edit(String name, String objects) throws Exception {
    return PackageEdit.read(name, MAPPER.readTree(objects));
  }

  @Test
  void onlyCreatedOrCreateFailedPackagesOfMigrationsAndGroupsCanBeEdited() {
    assertThat(EditRules.state(MIGRATION, "created")).isEmpty();
    assertThat(EditRules.state(GROUP, "create_failed")).isEmpty();
    assertThat(EditRules.state(MIGRATION, "creating")).extracting(Violation::message)
        .containsExactly("is 'creating'; the Library edits a package only when it is 'created' or 'create_failed'. "
            + "Wait until the package is built, then edit it.");
    assertThat(EditRules.state(MIGRATION, "locked")).hasSize(1);
  }

  @Test
  void uploadedMigrationsCannotBeEdited() {
    assertThat(EditRules.state(TRANSFER, "created")).extracting(Violation::toString)
        .containsExactly("migration: was uploaded to the target's shared file store, and the Library cannot edit "
            + "uploaded migrations. Reject it and transfer a corrected package instead.");
  }

  @Test
  void typeAndPurposeCannotChange() {
    assertThat(EditRules.unchanged("type", null, "project")).isEmpty();
    assertThat(EditRules.unchanged("type", "project", "project")).isEmpty();
    assertThat(EditRules.unchanged("purpose", "project_merge", "object_migration")).extracting(Violation::message)
        .singleElement().asString().startsWith("cannot change: the package's purpose is 'object_migration', the edit "
            + "asks for 'project_merge'");
  }

  @Test
  void aProjectMergeMayHaveNoObjectsAndTakesOnlyItsFiveActions() throws Exception {
    assertThat(EditRules.check(edit("Merge", "[]"), MIGRATION, Set.of(), "project_merge", false)).isEmpty();
    List<Violation> violations = EditRules.check(edit("Merge",
        "[{\"id\": \"A\", \"type\": 3, \"action\": \"force_replace\"}]"), MIGRATION, Set.of(), "project_merge",
        false);
    assertThat(violations).extracting(Violation::toString).containsExactly("objects[0].action: 'force_replace' is not "
        + "a conflict action of a project merge; use one of use_existing, replace, keep_both, use_newer, use_older.");
  }

  @Test
  void rowsAreCheckedOneByOneAndTwiceListedObjectsAreNamed() throws Exception {
    List<Violation> violations = EditRules.check(edit("x".repeat(251), "[{\"id\": \"A\", \"type\": \"3\", "
        + "\"action\": \"replace\"}, {\"id\": \"A\", \"type\": 3.5, \"action\": \"replace\"}, {\"type\": 3}]"),
        MIGRATION, Set.of(), "object_migration", true);
    assertThat(violations).extracting(Violation::field).containsExactly("name", "objects[1].id", "objects[1].type",
        "objects[2].id", "objects[2].action");
    assertThat(violations.get(1).message()).isEqualTo("'A' is listed twice; keep one row.");
  }

  @Test
  void anObjectMigrationNeedsObjectsAndAGroupsRowsMustNameOneOfItsPackages() throws Exception {
    assertThat(EditRules.check(edit("Sales", "[]"), MIGRATION, Set.of(), "object_migration", true))
        .extracting(Violation::field).containsExactly("objects");
    List<Violation> violations = EditRules.check(edit("Quarter end", "[{\"package\": \"Sales\", \"id\": \"A\", "
        + "\"type\": 3, \"action\": \"replace\"}, {\"package\": \"HR\", \"id\": \"B\", \"type\": 3, "
        + "\"action\": \"replace\"}, {\"id\": \"C\", \"type\": 3, \"action\": \"replace\"}]"), GROUP,
        Set.of("Sales"), "object_migration", true);
    assertThat(violations).extracting(Violation::toString).containsExactly(
        "objects[1].package: 'HR' is not a package of this group: use one of Sales.",
        "objects[2].package: is required: use one of Sales.");
  }

  @Test
  void aGroupsRowsNameOneOfItsPackages() throws Exception {
    Set<String> packages = Set.of("configuration", "Tutorial (B19D)");
    List<Violation> violations = EditRules.check(edit(" ", "[{\"package\": \"configuration\", \"id\": \"A\", "
        + "\"type\": 3, \"action\": \"replace\"}, {\"package\": \"Other\", \"id\": \"B\", \"type\": 3, "
        + "\"action\": \"replace\"}, {\"id\": \"C\", \"type\": 3, \"action\": \"replace\"}]"), GROUP, packages,
        "object_migration", true);
    assertThat(violations).extracting(Violation::field).containsExactly("name", "objects[1].package",
        "objects[2].package");
    assertThat(violations.get(0).message()).isEqualTo("is required: give the group a name.");
    assertThat(violations.get(1).message()).startsWith("'Other' is not a package of this group: use one of ");
    assertThat(violations.get(2).message()).startsWith("is required: use one of ");
  }

  @Test
  void aSinglePackagesRowsNeedNoPackage() throws Exception {
    assertThat(EditRules.check(edit(" ", "[{\"id\": \"C\", \"type\": 3, \"action\": \"replace\"}]"), MIGRATION,
        Set.of(), "object_migration", true)).extracting(Violation::toString)
        .containsExactly("name: is required: give the package a name.");
  }
}
