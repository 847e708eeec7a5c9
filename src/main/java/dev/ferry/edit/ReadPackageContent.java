package dev.ferry.edit;

import static dev.ferry.migration.FerryVariables.*;

import dev.ferry.migration.PackageEdit;
import dev.ferry.migration.PackageKind.EditContent;
import dev.ferry.migration.PackageKinds;
import dev.ferry.migration.Scopes;
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

  private final PackageKinds kinds;

  public ReadPackageContent(PackageKinds kinds) {
    this.kinds = kinds;
  }

  @Override
  public void execute(DelegateExecution execution) {
    EditContent content = kinds.of(execution).readForEdit(Scopes.source(execution), Scopes.migrationId(execution));
    PackageEdit current = content.current();
    execution.setVariable(EDIT_NAME, current.name());
    execution.setVariable(EDIT_OBJECTS, current.objectsVariable());
    execution.setVariable(EDIT_SETTINGS, String.join("\n\n", content.settings()));
    execution.setVariable(EditVariables.EDIT_PACKAGES, SpinValues.jsonValue(
        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(content.packages()).toString()).create());
    execution.setVariable(FormEdit.CHOICES, FormEdit.choices(current));
    execution.setVariable(FormEdit.KEEP, FormEdit.keepAll(current));
    execution.setVariable(FormEdit.ACTION_CHANGES, null);
    execution.setVariable(RESUBMIT, null);
    execution.setVariable(APPROVED, false); // until a new approval, this migration is not approved
  }
}
