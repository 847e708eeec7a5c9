package dev.ferry.cleanup;

import dev.ferry.migration.PackageKinds;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Optional clean-up when a migration ends ({@code ferry.cleanup.delete-packages}):
 * {@code DELETE /api/migrations?packageId=} (a group: {@code /api/migrationGroups?packageGroupId=};
 * an uploaded package: its file, then its migration on the target) on the source, then on the
 * target, one by one as the documentation asks. A package that is already gone (404) counts as
 * deleted, so a retried job finishes instead of failing on the half it did before.
 */
@Component("deletePackages")
public class DeletePackages implements JavaDelegate {

  private final PackageKinds kinds;

  public DeletePackages(PackageKinds kinds) {
    this.kinds = kinds;
  }

  @Override
  public void execute(DelegateExecution execution) {
    kinds.of(execution).delete(execution);
  }
}
