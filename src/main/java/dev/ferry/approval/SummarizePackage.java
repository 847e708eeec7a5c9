package dev.ferry.approval;

import static dev.ferry.migration.MigrationVariables.*;

import dev.ferry.group.GroupSummary;
import dev.ferry.library.Environments;
import dev.ferry.library.MigrationGroup;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.migration.Kind;
import dev.ferry.transfer.TransferSummary;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.PackageSummary;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reads the package as the source built it ({@code GET ?showContent=all}) and leaves a bounded
 * summary for the approval form: counts by conflict action, the settings, and whether undo will
 * be possible. The content itself is not stored; it is fetched again when it is replicated.
 */
@Component("summarizePackage")
public class SummarizePackage implements JavaDelegate {

  private final MigrationsClient migrations;
  private final MigrationGroupsClient groups;
  private final Environments environments;

  public SummarizePackage(MigrationsClient migrations, MigrationGroupsClient groups, Environments environments) {
    this.migrations = migrations;
    this.groups = groups;
    this.environments = environments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (Kind.of(execution) == Kind.TRANSFER) {
      // an uploaded package is opaque: what the approver can know is what it is, where from, where to
      StatusVariables.publish(execution, StatusVariables.of(
          SUMMARY, TransferSummary.markdown(execution, label((String) execution.getVariable(SOURCE_ENVIRONMENT)),
              label((String) execution.getVariable(TARGET_ENVIRONMENT))),
          UNDO_POSSIBLE, true,
          UNDO_WARNING, null));
      return;
    }
    if (Kind.of(execution) == Kind.GROUP) {
      MigrationGroup group = groups.get(Scopes.source(execution).environmentId(), Scopes.migrationId(execution), true);
      GroupSummary summary = GroupSummary.of(group, label((String) execution.getVariable(SOURCE_ENVIRONMENT)),
          label((String) execution.getVariable(TARGET_ENVIRONMENT)));
      StatusVariables.publish(execution, StatusVariables.of(
          SUMMARY, summary.markdown(),
          OBJECT_COUNT, summary.objectCount(),
          ACTION_COUNTS, summary.actionCounts(),
          UNDO_POSSIBLE, summary.undoPossible(),
          UNDO_WARNING, summary.undoWarning(),
          PACKAGE_SUMMARIES, summary.rows()));
      return;
    }
    Migration migration = migrations.get(Scopes.source(execution), Scopes.migrationId(execution), true);
    PackageSummary summary = PackageSummary.of(migration.body(),
        label((String) execution.getVariable(SOURCE_ENVIRONMENT)),
        label((String) execution.getVariable(TARGET_ENVIRONMENT)));
    StatusVariables.publish(execution, StatusVariables.of(
        SUMMARY, summary.markdown(),
        OBJECT_COUNT, summary.objectCount(),
        ACTION_COUNTS, summary.actionCounts(),
        UNDO_POSSIBLE, summary.undoPossible(),
        UNDO_WARNING, summary.undoWarning()));
  }

  private String label(String environmentId) {
    if (environmentId == null) {
      return "a file handed to Ferry";
    }
    return environments.find(environmentId).map(e -> e.name() + " (" + e.id() + ")").orElse(environmentId);
  }
}
