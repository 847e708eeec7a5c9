package dev.ferry.replicate;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.FerryVariables;
import dev.ferry.polling.MigrationStatusCheck;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Polls the target until the import is {@code imported} or {@code import_failed}. On success it
 * also records whether the Library generated an undo package, which is what undo depends on.
 */
@Component
public class ImportFinished extends MigrationStatusCheck {

  public ImportFinished(MigrationsClient migrations) {
    super(migrations, new Watch("import-finished", true, FerryVariables.IMPORT_STATUS, Migration::importStatus,
        Migration::importProgress, Migration::importMessage, "imported", "import_failed", "Import failed"));
  }

  @Override
  protected void whenDone(Migration migration, Map<String, Object> variables) {
    variables.put(FerryVariables.UNDO_POSSIBLE, migration.hasUndoPackage());
  }
}
