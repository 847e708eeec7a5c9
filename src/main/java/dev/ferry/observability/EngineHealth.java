package dev.ferry.observability;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code engine}: the database answers the engine (a cheap management query) and, where this node
 * runs jobs ({@code camunda.bpm.job-execution.enabled}), the job executor is active. Replaces
 * Camunda's own indicators (switched off with {@code management.health.camunda.enabled: false}),
 * which report a node configured without a job executor as DOWN.
 */
@Component("engine")
public class EngineHealth extends AbstractHealthIndicator {

  private final ProcessEngine engine;
  private final ObjectProvider<JobExecutor> jobExecutor;
  private final boolean jobExecutionEnabled;

  /** {@code jobExecutor}: the starter's bean, which it hands to the engine; absent where this node runs no jobs. */
  public EngineHealth(ProcessEngine engine, ObjectProvider<JobExecutor> jobExecutor,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecutionEnabled) {
    super("The process engine is unavailable");
    this.engine = engine;
    this.jobExecutor = jobExecutor;
    this.jobExecutionEnabled = jobExecutionEnabled;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    engine.getManagementService().getTableCount();
    JobExecutor jobs = jobExecutor.getIfAvailable();
    boolean active = jobs != null && jobs.isActive();
    builder.withDetail("name", engine.getName()).withDetail("deployments", deployments)
        .withDetail("jobExecutor", active ? "active" : jobExecutionEnabled ? "stopped" : "disabled");
    if (jobExecutionEnabled && !active) {
      builder.down();
    } else {
      builder.up();
    }
  }
}
