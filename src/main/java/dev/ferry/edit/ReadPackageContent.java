package dev.ferry.edit;

import static dev.ferry.migration.MigrationVariables.*;

import dev.ferry.group.PackageList;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroup;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.Kind;
import dev.ferry.migration.PackageSummary;
import dev.ferry.migration.Scopes;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Before {@code edit-package}: reads the package as it is on the source ({@code GET
 * ?showContent=all}) and leaves it for the requester to edit: {@code editName},
 * {@code editObjects} (one row per object), {@code editSettings} (the conflict settings, as text)
 * and, for a group, {@code editPackages} (the labels rows must name).
 */
@Component("readPackageContent")
public class ReadPackageContent implements JavaDelegate {

  private final MigrationsClient migrations;
  private final MigrationGroupsClient groups;

  public ReadPackageContent(MigrationsClient migrations, MigrationGroupsClient groups) {
    this.migrations = migrations;
    this.groups = groups;
  }

  @Override
  public void execute(DelegateExecution execution) {
    PackageEdit current;
    List<String> settings = new ArrayList<>();
    List<String> labels = List.of();
    if (Kind.of(execution) == Kind.GROUP) {
      MigrationGroup group = groups.get(Scopes.source(execution).environmentId(), Scopes.migrationId(execution), true);
      current = PackageEdit.of(group);
      labels = PackageEdit.packages(group);
      for (Migration migration : group.migrations()) {
        settings.add("**" + PackageList.project(migration.body()) + "**: " + String.join("; ", PackageSummary.of(migration.body(), null, null)
            .settings()));
      }
    } else {
      Migration migration = migrations.get(Scopes.source(execution), Scopes.migrationId(execution), true);
      current = PackageEdit.of(migration);
      settings.add(String.join("; ", PackageSummary.of(migration.body(), null, null).settings()));
    }
    execution.setVariable(EDIT_NAME, current.name());
    execution.setVariable(EDIT_OBJECTS, current.objectsVariable());
    execution.setVariable(EDIT_SETTINGS, String.join("\n\n", settings));
    execution.setVariable(EditVariables.EDIT_PACKAGES, SpinValues.jsonValue(
        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(labels).toString()).create());
    execution.setVariable(FormEdit.CHOICES, FormEdit.choices(current));
    execution.setVariable(FormEdit.KEEP, FormEdit.keepAll(current));
    execution.setVariable(FormEdit.ACTION_CHANGES, null);
    execution.setVariable(RESUBMIT, null);
    execution.setVariable(APPROVED, false); // until a new approval, this migration is not approved
  }
}
