package dev.ferry.queue;

import dev.ferry.engine.ParseListeners;
import dev.ferry.migration.FerryVariables;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Checks the approver's {@code importAt} when {@code approve-import} is completed, so a value that
 * is no date refuses the completion (Tasklist and REST show why) instead of failing later in a job.
 * The approval model stays as it is: the check is added where the model is parsed.
 */
@Component
public class ImportAtCheck extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.add(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if ("approve-import".equals(activity.getId())
            && activity.getActivityBehavior() instanceof UserTaskActivityBehavior task) {
          task.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
              (TaskListener) t -> ImportAt.parse(t.getVariable(FerryVariables.IMPORT_AT)));
        }
      }
    });
  }
}
