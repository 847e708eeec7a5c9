package dev.ferry.replicate;

import dev.ferry.migration.PackageKinds;
import dev.ferry.migration.StatusVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends the approved package to the target, as its kind says: a single package or a group is the
 * full definition from the source ({@code GET ?showContent=all}), unchanged but for
 * {@code packageInfo.replicated = true}, as {@code PUT /api/migrations/{id}} (or
 * {@code /api/migrationGroups/{id}}) with {@code prefer: respond-async}; an uploaded package is a
 * {@code POST /api/migrations} of the file. The Library then imports.
 */
@Component("replicatePackage")
public class ReplicatePackage implements JavaDelegate {

  private final PackageKinds kinds;

  public ReplicatePackage(PackageKinds kinds) {
    this.kinds = kinds;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StatusVariables.publish(execution, kinds.of(execution).replicate(execution));
  }
}
