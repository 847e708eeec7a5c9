package dev.ferry.replicate;

import static dev.ferry.migration.MigrationVariables.*;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends the approved package to the target: the full definition from the source
 * ({@code GET ?showContent=all}), unchanged but for {@code packageInfo.replicated = true}, as
 * {@code PUT /api/migrations/{id}} with {@code prefer: respond-async}. The Library then imports.
 */
@Component("replicatePackage")
public class ReplicatePackage implements JavaDelegate {

  private final MigrationsClient migrations;

  public ReplicatePackage(MigrationsClient migrations) {
    this.migrations = migrations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = Scopes.migrationId(execution);
    Migration definition = migrations.get(Scopes.source(execution), id, true);
    Migration started = migrations.put(Scopes.target(execution), id, definition.asReplica());
    execution.setVariables(StatusVariables.of(IMPORT_STATUS, started.importStatus(), PROGRESS, started.importProgress()));
  }
}
