package dev.ferry.approval;

import static dev.ferry.migration.FerryVariables.*;

import dev.ferry.library.Environments;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.PackageKinds;
import dev.ferry.migration.StatusVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reads the package as the source built it ({@code GET ?showContent=all}) and leaves a bounded
 * summary for the approval form: counts by conflict action, the settings, and whether undo will
 * be possible. The content itself is not stored; it is fetched again when it is replicated. What
 * the summary holds is the kind's to say.
 */
@Component("summarizePackage")
public class SummarizePackage implements JavaDelegate {

  private final PackageKinds kinds;
  private final Environments environments;

  public SummarizePackage(PackageKinds kinds, Environments environments) {
    this.kinds = kinds;
    this.environments = environments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StatusVariables.publish(execution, kinds.of(execution).summarize(execution,
        label(Typed.SOURCE_ENVIRONMENT.getOrNull(execution)),
        label(Typed.TARGET_ENVIRONMENT.getOrNull(execution))));
  }

  private String label(String environmentId) {
    if (environmentId == null) {
      return "a file handed to Ferry";
    }
    return environments.find(environmentId).map(e -> e.name() + " (" + e.id() + ")").orElse(environmentId);
  }
}
