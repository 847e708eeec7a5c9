package dev.ferry.edit;

import dev.ferry.migration.ConflictAction;
import dev.ferry.migration.PackageEdit;
import dev.ferry.migration.PackageEdit.EditedObject;
import dev.ferry.migration.PackageKind;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.engine.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Library's rules for editing ("Edit migrations and migration groups"), checked by Ferry
 * before it sends anything, so that Tasklist and Ferry REST can say what is wrong and how to fix
 * it: uploaded migrations cannot be edited; the package must be {@code created} or
 * {@code create_failed}; {@code type} and {@code purpose} cannot change; and an edit must be a
 * package the Library can build (a name, objects with id, type and a known conflict action).
 * The import request rule ({@code pending} or {@code rejected}) Ferry keeps itself: it withdraws a
 * request before it edits.
 */
public final class EditRules {

  public static final int MAX_NAME = 250;
  public static final int MAX_ID = 100;
  public static final Set<String> EDITABLE_PACKAGE_STATUSES = Set.of("created", "create_failed");

  private EditRules() {
  }

  /** Whether the migration can be edited at all, whatever the edit. */
  public static List<Violation> state(PackageKind kind, String packageStatus) {
    List<Violation> violations = new ArrayList<>();
    if (kind.editRefusal().isPresent()) {
      violations.add(kind.editRefusal().get());
      return violations;
    }
    if (packageStatus != null && !EDITABLE_PACKAGE_STATUSES.contains(packageStatus)) {
      violations.add(new Violation("packageStatus", "is '" + packageStatus + "'; the Library edits a package only "
          + "when it is 'created' or 'create_failed'. Wait until the package is built, then edit it."));
    }
    return violations;
  }

  /**
   * What is wrong with {@code edit}. {@code packages} are the package labels the objects must name,
   * when the kind's objects name one (a group's); {@code purpose} is the package's; {@code contentRequired} is false for a
   * whole-project merge, whose package may list no objects.
   */
  public static List<Violation> check(PackageEdit edit, PackageKind kind, Set<String> packages, String purpose,
      boolean contentRequired) {
    List<Violation> violations = new ArrayList<>();
    if (edit.name() == null || edit.name().isBlank()) {
      violations.add(new Violation("name", "is required: give the " + kind.noun()
          + " a name."));
    } else if (edit.name().length() > MAX_NAME) {
      violations.add(new Violation("name", "has " + edit.name().length() + " characters; at most " + MAX_NAME
          + " are allowed."));
    }
    if (edit.objects().isEmpty() && contentRequired) {
      violations.add(new Violation("objects", "is empty: a package needs at least one object. To import nothing, "
          + "reject or withdraw the migration instead."));
    }
    Set<ConflictAction> allowed = MigrationRequest.PROJECT_MERGE.equals(purpose) ? ConflictAction.FOR_PROJECT_MERGE
        : Set.of(ConflictAction.values());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < edit.objects().size(); i++) {
      EditedObject object = edit.objects().get(i);
      String at = "objects[" + i + "]";
      if (object.id() == null || object.id().isBlank()) {
        violations.add(new Violation(at + ".id", "is required: the object's id, as the package lists it."));
      } else if (object.id().length() > MAX_ID) {
        violations.add(new Violation(at + ".id", "has " + object.id().length() + " characters; an object id has at "
            + "most " + MAX_ID + "."));
      } else if (!seen.add(object.pkg() + "|" + object.id())) {
        violations.add(new Violation(at + ".id", Violation.quote(object.id()) + " is listed twice"
            + (object.pkg() == null ? "" : " in package " + Violation.quote(object.pkg())) + "; keep one row."));
      }
      if (object.type() == null) {
        violations.add(new Violation(at + ".type", "is required: the object's type number (e.g. 55 for a "
            + "document), as the package lists it."));
      }
      if (object.action() == null || object.action().isBlank()) {
        violations.add(new Violation(at + ".action", "is required: one of " + ConflictAction.list(allowed) + "."));
      } else if (ConflictAction.of(object.action()).filter(allowed::contains).isEmpty()) {
        violations.add(new Violation(at + ".action", Violation.quote(object.action()) + " is not a conflict action"
            + (MigrationRequest.PROJECT_MERGE.equals(purpose) ? " of a project merge" : "") + "; use one of "
            + ConflictAction.list(allowed) + "."));
      }
      if (kind.objectsNamePackages() && (object.pkg() == null || !packages.contains(object.pkg()))) {
        violations.add(new Violation(at + ".package", (object.pkg() == null ? "is required" : Violation.quote(
            object.pkg()) + " is not a package of this group") + ": use one of " + String.join(", ", packages)
            + "."));
      }
    }
    return violations;
  }

  /** {@code type} and {@code purpose}, when an edit names them, must be the package's own. */
  public static List<Violation> unchanged(String field, String sent, String current) {
    if (sent == null || sent.equals(current)) {
      return List.of();
    }
    return List.of(new Violation(field, "cannot change: the package's " + field + " is '" + current + "', the edit "
        + "asks for '" + sent + "'. The Library keeps a package's type and purpose; start a new migration for a "
        + "different one."));
  }
}
