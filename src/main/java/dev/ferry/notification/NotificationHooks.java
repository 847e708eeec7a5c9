package dev.ferry.notification;

import dev.ferry.engine.ParseListeners;
import java.util.Set;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Hooks notifications into every model as it is deployed, so no model has to remember them: a
 * create listener on every user task, and an end listener on the processes a migration is started
 * with ({@code migration}, {@code migration-group}, {@code package-transfer}).
 */
@Component
public class NotificationHooks extends AbstractProcessEnginePlugin {

  private static final Set<String> STARTED_WITH = Set.of("migration", "migration-group", "package-transfer");

  private final Notifications notifications;

  public NotificationHooks(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.add(configuration, new Listeners());
  }

  private final class Listeners extends AbstractBpmnParseListener {

    private final TaskListener created = notifications::taskCreated;
    private final ExecutionListener ended = notifications::ended;

    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        userTask.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, created);
      }
    }

    @Override
    public void parseProcess(Element element, ProcessDefinitionEntity process) {
      if (STARTED_WITH.contains(process.getKey())) {
        process.addListener(ExecutionListener.EVENTNAME_END, ended);
      }
    }
  }
}
