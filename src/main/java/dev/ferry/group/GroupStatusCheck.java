package dev.ferry.group;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroup;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.migration.FerryVariables;
import dev.ferry.migration.Scopes;
import dev.ferry.migration.StatusVariables;
import dev.ferry.polling.PollResult;
import dev.ferry.polling.StatusCheck;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * A check on every package of a group: done when all have reached {@code done}; failed as soon as
 * one has reached {@code failed} (fail fast, as the documentation asks), naming the package, its
 * project and the Library's message; otherwise still waiting. The per-package list is published
 * at every poll.
 */
public abstract class GroupStatusCheck implements StatusCheck {

  private final MigrationGroupsClient groups;
  private final String name;
  private final boolean onTarget;
  private final String statusVariable;
  private final Function<Migration, String> status;
  private final String done;
  private final String failed;
  private final String failure;

  protected GroupStatusCheck(MigrationGroupsClient groups, String name, boolean onTarget, String statusVariable,
      Function<Migration, String> status, String done, String failed, String failure) {
    this.groups = groups;
    this.name = name;
    this.onTarget = onTarget;
    this.statusVariable = statusVariable;
    this.status = status;
    this.done = done;
    this.failed = failed;
    this.failure = failure;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return PackageGroup.NAME;
  }

  @Override
  public String awaited() {
    return "status '" + done + "' of every package on the " + (onTarget ? "target" : "source");
  }

  @Override
  public PollResult check(DelegateExecution execution) {
    String environment = onTarget ? Scopes.target(execution).environmentId() : Scopes.source(execution).environmentId();
    MigrationGroup group = groups.get(environment, Scopes.migrationId(execution), false);
    List<Migration> packages = group.migrations();
    double exactProgress = packages.stream()
        .mapToInt(m -> onTarget ? m.importProgress() : m.packageProgress()).average().orElse(0);
    int progress = (int) Math.round(exactProgress);
    List<Migration> failures = packages.stream().filter(m -> failed.equals(status.apply(m))).toList();
    boolean allDone = !packages.isEmpty() && packages.stream().allMatch(m -> done.equals(status.apply(m)));
    String aggregate = !failures.isEmpty() ? failed : allDone ? done : waitingStatus(packages);
    Map<String, Object> variables = StatusVariables.of(statusVariable, aggregate, FerryVariables.PROGRESS,
        progress, PackageList.VARIABLE, PackageList.of(group));
    if (!failures.isEmpty() && stopsAtFirstFailure(packages)) {
      return PollResult.failed(aggregate, describe(failures, packages.size(), environment), variables);
    }
    if (allDone) {
      whenDone(packages, variables);
      return PollResult.done(aggregate, variables);
    }
    return PollResult.waiting(aggregate, variables).timed(exactProgress, null);
  }

  /** Fail fast by default; undo lets every package finish first. */
  protected boolean stopsAtFirstFailure(List<Migration> packages) {
    return true;
  }

  protected void whenDone(List<Migration> packages, Map<String, Object> variables) {
  }

  /** The status shown while waiting: the first package's that is not yet done. */
  private String waitingStatus(List<Migration> packages) {
    return packages.stream().map(status).filter(s -> !done.equals(s)).findFirst().orElse(null);
  }

  private String describe(List<Migration> failures, int total, String environment) {
    StringBuilder text = new StringBuilder(failure).append(" on '").append(environment).append("' for ")
        .append(failures.size()).append(" of ").append(total).append(" packages: ");
    for (int i = 0; i < failures.size() && text.length() < 1500; i++) {
      Migration m = failures.get(i);
      String message = onTarget ? m.importMessage() : m.packageMessage();
      text.append(i == 0 ? "" : "; ").append("package ").append(m.packageId()).append(" (project ")
          .append(PackageList.project(m.body())).append("): ")
          .append(message == null || message.isBlank() ? "the Library gave no reason" : message);
    }
    return text.toString();
  }
}
