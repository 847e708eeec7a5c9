package dev.ferry.group;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.migration.FerryVariables;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Polls the target until every package's undo has ended. One package's failed undo does not stop
 * the others (the Library carries on with them), so the loop waits for all, then reports each
 * package that failed; {@code packages} shows every package's result.
 */
@Component
public class GroupUndone extends GroupStatusCheck {

  private static final Set<String> ENDED = Set.of("undo_success", "undo_failed");

  public GroupUndone(MigrationGroupsClient groups) {
    super(groups, "undo-finished", true, FerryVariables.IMPORT_STATUS, Migration::importStatus, "undo_success",
        "undo_failed", "Undo failed");
  }

  @Override
  protected boolean stopsAtFirstFailure(List<Migration> packages) {
    return packages.stream().allMatch(m -> ENDED.contains(m.importStatus()));
  }
}
