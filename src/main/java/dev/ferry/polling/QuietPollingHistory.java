package dev.ferry.polling;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.stereotype.Component;

/**
 * History level {@code full}, except for the inside of the loops a migration waits in: polling
 * ({@code library-poll}) and waiting for a queue slot ({@code queue-slot}). Of a polling loop, its activity instances
 * (a timer, a check and a gateway per look), job log and variables are not kept; of a slot wait,
 * its variables (its path and timers are kept, to show why a migration waited). Each look would
 * otherwise leave about ten history rows for ever, and each slot six (two slots per migration, even
 * with no limit), and they tell nothing the calling migration does not keep itself: its status
 * variables (published to it at every look, with their history), the loop's start and end (kept),
 * and failed jobs and incidents (kept).
 *
 * <p>Nor are the input parameters of service tasks kept ({@code field}, {@code on} and {@code value}
 * of "Request import at the Library"): constants the model shows, six rows per migration.
 *
 * <p>Nor the change record ({@code ACT_HI_DETAIL}) of a variable a call activity copies into the
 * instance it calls as that instance starts ({@code camunda:in}): the caller's history holds the
 * value and its changes, and the called instance keeps the variable itself ({@code ACT_HI_VARINST});
 * only the duplicate record goes, about 22 rows per migration (the migration's status and request
 * copied into its import approval). What a person sets later in a called instance (a decision, a
 * comment) keeps its record: Ferry's list of decisions reads it.
 *
 * <p>It keeps the name and id of {@code full}, so a database created at {@code full} starts with it
 * and back, and {@code camunda.bpm.history-level: full} selects it.
 */
@Component
public class QuietPollingHistory extends AbstractProcessEnginePlugin {

  static final String POLLING = "library-poll";
  static final String QUEUE_SLOT = "queue-slot";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryLevels());
    levels.add(new Level());
    configuration.setCustomHistoryLevels(levels);
  }

  /** Full history, quiet inside polling loops and slot waits, without service task inputs. */
  static final class Level extends HistoryLevelFull {

    private static final Set<HistoryEventType> VARIABLES = Set.of(
        HistoryEventTypes.VARIABLE_INSTANCE_CREATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
        HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL, HistoryEventTypes.VARIABLE_INSTANCE_DELETE);
    private static final Set<HistoryEventType> QUIET = Set.of(
        HistoryEventTypes.ACTIVITY_INSTANCE_START, HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE,
        HistoryEventTypes.ACTIVITY_INSTANCE_END,
        HistoryEventTypes.VARIABLE_INSTANCE_CREATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
        HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL, HistoryEventTypes.VARIABLE_INSTANCE_DELETE,
        HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_SUCCESS, HistoryEventTypes.JOB_DELETE);

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (QUIET.contains(eventType) && inside(POLLING, entity)) {
        return false;
      }
      if (VARIABLES.contains(eventType) && (inside(QUEUE_SLOT, entity) || serviceTaskInput(entity))) {
        return false;
      }
      if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL && copiedIn(entity)) {
        return false;
      }
      return super.isHistoryEventProduced(eventType, entity);
    }

    static boolean inside(String processKey, Object entity) {
      String definition = entity instanceof ExecutionEntity execution ? execution.getProcessDefinitionId()
          : entity instanceof VariableInstanceEntity variable ? variable.getProcessDefinitionId()
          : entity instanceof JobEntity job ? job.getProcessDefinitionId()
          : null;
      return definition != null && definition.startsWith(processKey + ":");
    }

    /**
     * The record of a variable created as a called instance starts: on the instance itself, before
     * any activity of it ran (no activity instance yet), in an instance that is not the root.
     */
    static boolean copiedIn(Object entity) {
      return entity instanceof HistoricVariableUpdateEventEntity event
          && event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE) && event.getActivityInstanceId() == null
          && event.getProcessInstanceId() != null && event.getProcessInstanceId().equals(event.getExecutionId())
          && !event.getProcessInstanceId().equals(event.getRootProcessInstanceId());
    }

    /** A variable local to a service task's own scope: one of its input parameters. */
    static boolean serviceTaskInput(Object entity) {
      if (!(entity instanceof VariableInstanceEntity variable) || variable.getExecutionId() == null
          || variable.getExecutionId().equals(variable.getProcessInstanceId()) || variable.getTaskId() != null) {
        return false;
      }
      ExecutionEntity scope = variable.getExecution();
      return scope != null && scope.getActivity() != null && scope.isScope()
          && "serviceTask".equals(scope.getActivity().getProperty("type"));
    }
  }
}
