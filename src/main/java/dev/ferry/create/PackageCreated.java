package dev.ferry.create;

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

/** Polls the source until the package is {@code created} (or {@code create_failed}). */
@Component
public class PackageCreated implements StatusCheck {

  private final MigrationsClient migrations;

  public PackageCreated(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  public String name() {
    return "package-created";
  }

  @Override
  public String awaited() {
    return "package status 'created' on the source";
  }

  @Override
  public PollResult check(DelegateExecution execution) {
    Migration migration = migrations.get(Scopes.source(execution), Scopes.migrationId(execution), false);
    Map<String, Object> status = StatusVariables.of(PACKAGE_STATUS, migration.packageStatus(), PROGRESS,
        migration.packageProgress());
    return switch (String.valueOf(migration.packageStatus())) {
      case "created" -> PollResult.done(migration.packageStatus(), status);
      case "create_failed" -> PollResult.failed(migration.packageStatus(), "Package creation failed on '"
          + execution.getVariable(SOURCE_ENVIRONMENT) + "': " + message(migration.packageMessage()), status);
      default -> PollResult.waiting(migration.packageStatus(), status);
    };
  }

  static String message(String libraryMessage) {
    return libraryMessage == null || libraryMessage.isBlank() ? "the Library gave no reason" : libraryMessage;
  }
}
