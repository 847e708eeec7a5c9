package dev.ferry.reliability;

import dev.ferry.engine.ParseListeners;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Removes an instance's {@code FERRY_ATTEMPT} rows when it ends (completed, failed or cancelled),
 * without touching the models: a parse listener adds an end listener to every process. Attempts
 * are written by the instance that makes the call ({@code migration}, {@code import-approval}, …),
 * so each instance cleans up its own.
 */
@Component
public class ForgetEndedAttempts extends AbstractProcessEnginePlugin {

  private final Attempts attempts;

  public ForgetEndedAttempts(Attempts attempts) {
    this.attempts = attempts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.add(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element element, ProcessDefinitionEntity process) {
        if (!"library-poll".equals(process.getKey())) {
          process.addBuiltInListener(ExecutionListener.EVENTNAME_END,
              (ExecutionListener) execution -> attempts.forget(execution.getProcessInstanceId()));
        }
      }
    });
  }
}
