package dev.ferry.group;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.migration.FerryVariables;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Polls the target until every package is {@code imported}; the first {@code import_failed} ends
 * it. Undo is possible only when every package has an undo package.
 */
@Component
public class GroupImported extends GroupStatusCheck {
  public GroupImported(MigrationGroupsClient groups) {
    super(groups, "import-finished", true, FerryVariables.IMPORT_STATUS, Migration::importStatus, "imported",
        "import_failed", "Import failed");
  }

  @Override
  protected void whenDone(List<Migration> packages, Map<String, Object> variables) {
    variables.put(FerryVariables.UNDO_POSSIBLE, packages.stream().allMatch(Migration::hasUndoPackage));
  }
}
