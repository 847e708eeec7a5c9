package dev.ferry.access;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** Camunda's REST resources, plus Ferry's answer to refused task completions. */
@Component
public class RestResources extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(CompletionRefusals.InRestExceptions.class);
    register(CompletionRefusals.InEngineExceptions.class);
  }
}
