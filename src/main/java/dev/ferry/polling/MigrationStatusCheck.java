package dev.ferry.polling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.FerryVariables;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * A check on one migration's status at one Library: {@code GET /api/migrations/{id}}, publish the
 * status and progress it found, and compare it with the status awaited and the status that means
 * failure. Each lifecycle names its own (package created, import finished, undo finished).
 */
public abstract class MigrationStatusCheck implements StatusCheck {

  /** Which Library, which status field, which values end the wait. */
  public record Watch(String name, boolean onTarget, String statusVariable, Function<Migration, String> status,
      ToIntFunction<Migration> progress, Function<Migration, String> message, String done, String failed,
      String failure) {
  }

  private final MigrationsClient migrations;
  private final Watch watch;

  protected MigrationStatusCheck(MigrationsClient migrations, Watch watch) {
    this.migrations = migrations;
    this.watch = watch;
  }

  @Override
  public String name() {
    return watch.name();
  }

  @Override
  public String awaited() {
    return watch.statusVariable().equals(FerryVariables.PACKAGE_STATUS)
        ? "package status '" + watch.done() + "' on the source"
        : "import status '" + watch.done() + "' on the " + (watch.onTarget() ? "target" : "source");
  }

  @Override
  public PollResult check(DelegateExecution execution) {
    LibraryScope scope = watch.onTarget() ? Scopes.target(execution) : Scopes.source(execution);
    Migration migration = migrations.get(scope, Scopes.migrationId(execution), false);
    String status = watch.status().apply(migration);
    Map<String, Object> variables = StatusVariables.of(watch.statusVariable(), status, FerryVariables.PROGRESS,
        watch.progress().applyAsInt(migration));
    JsonNode part = migration.body().path(watch.statusVariable().equals(FerryVariables.PACKAGE_STATUS)
        ? "packageInfo" : "importInfo");
    if (watch.done().equals(status)) {
      whenDone(migration, variables);
      return PollResult.done(status, variables).timed(LibraryClock.progress(part), LibraryClock.took(part));
    }
    if (watch.failed().equals(status)) {
      String reason = watch.message().apply(migration);
      return PollResult.failed(status, watch.failure() + " on '" + scope.environmentId() + "': "
          + (reason == null || reason.isBlank() ? "the Library gave no reason" : reason), variables);
    }
    return PollResult.waiting(status, variables).timed(LibraryClock.progress(part), null);
  }

  /** What else a finished step leaves for the model; nothing by default. */
  protected void whenDone(Migration migration, Map<String, Object> variables) {
  }
}
