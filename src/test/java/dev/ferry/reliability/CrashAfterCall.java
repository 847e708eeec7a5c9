package dev.ferry.reliability;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Makes chosen service tasks fail once right after their Library call, as if Ferry died after the
 * Library answered and before the job committed: the job's transaction rolls back, the Library
 * has acted, and the job runs again.
 */
public class CrashAfterCall extends AbstractProcessEnginePlugin {

  /** Activity ids to crash after, once per process instance. */
  public static final Set<String> ARMED = ConcurrentHashMap.newKeySet();
  private static final Set<String> CRASHED = ConcurrentHashMap.newKeySet();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution -> {
          String key = execution.getProcessInstanceId() + "/" + activity.getId();
          if (ARMED.contains(activity.getId()) && CRASHED.add(key)) {
            throw new IllegalStateException("simulated crash after " + activity.getId());
          }
        });
      }
    });
  }
}
