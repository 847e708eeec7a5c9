package dev.ferry.undo;

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

/** Polls the target until the undo ends: {@code undo_success} or {@code undo_failed}. */
@Component
public class UndoFinished implements StatusCheck {

  private final MigrationsClient migrations;

  public UndoFinished(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  public String name() {
    return "undo-finished";
  }

  @Override
  public String awaited() {
    return "import status 'undo_success' on the target";
  }

  @Override
  public PollResult check(DelegateExecution execution) {
    Migration migration = migrations.get(Scopes.target(execution), Scopes.migrationId(execution), false);
    Map<String, Object> status = StatusVariables.of(IMPORT_STATUS, migration.importStatus(), PROGRESS,
        migration.importProgress());
    return switch (String.valueOf(migration.importStatus())) {
      case "undo_success" -> PollResult.done(migration.importStatus(), status);
      case "undo_failed" -> PollResult.failed(migration.importStatus(), "Undo failed on '"
          + execution.getVariable(TARGET_ENVIRONMENT) + "': " + (migration.importMessage() == null
          || migration.importMessage().isBlank() ? "the Library gave no reason" : migration.importMessage()), status);
      default -> PollResult.waiting(migration.importStatus(), status);
    };
  }
}
