package dev.ferry.replicate;

import static dev.ferry.migration.MigrationVariables.*;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import dev.ferry.polling.PollResult;
import dev.ferry.polling.StatusCheck;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Polls the target until the import is {@code imported} or {@code import_failed}. On success it
 * also records whether the Library generated an undo package, which is what undo depends on.
 */
@Component
public class ImportFinished implements StatusCheck {

  private final MigrationsClient migrations;

  public ImportFinished(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  public String name() {
    return "import-finished";
  }

  @Override
  public String awaited() {
    return "import status 'imported' on the target";
  }

  @Override
  public PollResult check(DelegateExecution execution) {
    Migration migration = migrations.get(Scopes.target(execution), Scopes.migrationId(execution), false);
    Map<String, Object> status = StatusVariables.of(IMPORT_STATUS, migration.importStatus(), PROGRESS,
        migration.importProgress());
    return switch (String.valueOf(migration.importStatus())) {
      case "imported" -> {
        status.put(UNDO_POSSIBLE, migration.hasUndoPackage());
        yield PollResult.done(migration.importStatus(), status);
      }
      case "import_failed" -> PollResult.failed(migration.importStatus(), "Import failed on '"
          + execution.getVariable(TARGET_ENVIRONMENT) + "': " + reason(migration.importMessage()), status);
      default -> PollResult.waiting(migration.importStatus(), status);
    };
  }

  static String reason(String libraryMessage) {
    return libraryMessage == null || libraryMessage.isBlank() ? "the Library gave no reason" : libraryMessage;
  }
}
