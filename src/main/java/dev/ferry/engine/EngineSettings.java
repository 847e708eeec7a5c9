package dev.ferry.engine;

import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Engine settings that follow from Ferry's configuration: the retry cycle of every failed job
 * (each Library call sits behind an async boundary, so an outage becomes retries, then an
 * incident), the ids users and groups may have, and a job lock that names the node holding it.
 */
@Component
public class EngineSettings extends AbstractProcessEnginePlugin {

  private final FerryProperties properties;

  public EngineSettings(FerryProperties properties) {
    this.properties = properties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobRetryTimeCycle(properties.getRetryCycle());
    // Camunda's default id pattern has no '-', but Ferry's groups are ferry-requesters and ferry-approvers.
    configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9_-]+|camunda-admin");
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // A locked job's LOCK_OWNER_ starts with the node's hostname (the engine's, as in the job log), so an
    // operator sees which node of a cluster holds it; the random part keeps two engines on one host apart.
    if (configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(configuration.getHostname() + "/" + UUID.randomUUID());
    }
  }
}
