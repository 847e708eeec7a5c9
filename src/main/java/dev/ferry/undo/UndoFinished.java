package dev.ferry.undo;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.FerryVariables;
import dev.ferry.polling.MigrationStatusCheck;
import org.springframework.stereotype.Component;

/** Polls the target until the undo ends: {@code undo_success} or {@code undo_failed}. */
@Component
public class UndoFinished extends MigrationStatusCheck {

  public UndoFinished(MigrationsClient migrations) {
    super(migrations, new Watch("undo-finished", true, FerryVariables.IMPORT_STATUS, Migration::importStatus,
        Migration::importProgress, Migration::importMessage, "undo_success", "undo_failed", "Undo failed"));
  }
}
