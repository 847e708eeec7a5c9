package dev.ferry.migration;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The documented conflict rules: what the target does with an object that already exists there. */
public enum ConflictAction {
  USE_EXISTING, REPLACE, KEEP_BOTH, USE_NEWER, USE_OLDER, FORCE_REPLACE, DELETE;

  /** The project-merge page documents only these five; force_replace and delete are object-migration rules. */
  public static final Set<ConflictAction> FOR_PROJECT_MERGE = EnumSet.of(USE_EXISTING, REPLACE, KEEP_BOTH, USE_NEWER,
      USE_OLDER);

  /** The actions that change or remove what is on the target, called out to the approver. */
  public static final Set<ConflictAction> RISKY = EnumSet.of(REPLACE, FORCE_REPLACE, DELETE);

  public String value() {
    return name().toLowerCase();
  }

  public static Optional<ConflictAction> of(String value) {
    return Arrays.stream(values()).filter(a -> a.value().equals(value)).findFirst();
  }

  public static String list(Set<ConflictAction> actions) {
    return actions.stream().map(ConflictAction::value).collect(Collectors.joining(", "));
  }
}
