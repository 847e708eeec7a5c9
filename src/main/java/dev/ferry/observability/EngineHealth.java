package dev.ferry.observability;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
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
  private final boolean jobExecutionEnabled;

  public EngineHealth(ProcessEngine engine, @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecutionEnabled) {
    super("The process engine is unavailable");
    this.engine = engine;
    this.jobExecutionEnabled = jobExecutionEnabled;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    engine.getManagementService().getTableCount();
    JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
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
