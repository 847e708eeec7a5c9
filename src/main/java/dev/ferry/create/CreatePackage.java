package dev.ferry.create;

import dev.ferry.migration.PackageKinds;
import dev.ferry.migration.StatusVariables;
import dev.ferry.reliability.Attempts;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code POST /api/migrations} (or {@code /api/migrationGroups}, as the kind says) on the source: the Library starts building. */
@Component("createPackage")
public class CreatePackage implements JavaDelegate {

  private final PackageKinds kinds;
  private final Attempts attempts;

  public CreatePackage(PackageKinds kinds, Attempts attempts) {
    this.kinds = kinds;
    this.attempts = attempts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // an earlier attempt may have created the package and died before it could say so
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "create-package");
    StatusVariables.publish(execution, kinds.of(execution).create(execution, earlier));
  }
}
