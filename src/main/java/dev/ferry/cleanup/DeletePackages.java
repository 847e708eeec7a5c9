package dev.ferry.cleanup;

import dev.ferry.library.LibraryException;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.library.MigrationsClient;
import dev.ferry.library.SharedFileStoreClient;
import dev.ferry.transfer.TransferVariables;
import dev.ferry.migration.Kind;
import dev.ferry.migration.MigrationVariables;
import dev.ferry.migration.Scopes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Optional clean-up when a migration ends ({@code ferry.cleanup.delete-packages}):
 * {@code DELETE /api/migrations?packageId=} (a group: {@code /api/migrationGroups?packageGroupId=}) on the
 * source, then on the target, one by one as the
 * documentation asks. A package that is already gone (404) counts as deleted, so a retried job
 * finishes instead of failing on the half it did before.
 */
@Component("deletePackages")
public class DeletePackages implements JavaDelegate {

  private final MigrationsClient migrations;
  private final MigrationGroupsClient groups;
  private final SharedFileStoreClient files;

  public DeletePackages(MigrationsClient migrations, MigrationGroupsClient groups, SharedFileStoreClient files) {
    this.migrations = migrations;
    this.groups = groups;
    this.files = files;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String packageId = (String) execution.getVariable(MigrationVariables.PACKAGE_ID);
    if (Kind.of(execution) == Kind.TRANSFER) {
      // documented order: the uploaded file first, then the migration record; the source keeps its own package
      LibraryScope target = Scopes.target(execution);
      ignoreMissing(() -> files.delete(target.environmentId(), (String) execution.getVariable(TransferVariables.FILE_ID)));
      if (execution.getVariable(MigrationVariables.MIGRATION_ID) != null) {
        delete(target, packageId, false);
      }
      return;
    }
    boolean group = Kind.of(execution) == Kind.GROUP;
    delete(Scopes.source(execution), packageId, group);
    delete(Scopes.target(execution), packageId, group);
  }

  private void delete(LibraryScope scope, String packageId, boolean group) {
    ignoreMissing(() -> {
      if (group) {
        groups.delete(scope.environmentId(), packageId);
      } else {
        migrations.delete(scope, packageId);
      }
    });
  }

  private static void ignoreMissing(Runnable delete) {
    try {
      delete.run();
    } catch (LibraryException e) {
      if (e.httpStatus() != 404) {
        throw e;
      }
    }
  }
}
