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
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.stereotype.Component;

/**
 * History level {@code full}, except for the inside of polling loops ({@code library-poll}): their
 * activity instances (a timer, a check and a gateway per look), job log and variables are not
 * kept. Each look would otherwise leave about ten history rows for ever, and they tell nothing the
 * calling migration does not keep itself: its status variables (published to it at every look,
 * with their history), the loop's start and end (kept), and failed jobs and incidents (kept).
 *
 * <p>It keeps the name and id of {@code full}, so a database created at {@code full} starts with it
 * and back, and {@code camunda.bpm.history-level: full} selects it.
 */
@Component
public class QuietPollingHistory extends AbstractProcessEnginePlugin {

  static final String POLLING = "library-poll";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryLevels());
    levels.add(new Level());
    configuration.setCustomHistoryLevels(levels);
  }

  /** Full history, quiet inside polling loops. */
  static final class Level extends HistoryLevelFull {

    private static final Set<HistoryEventType> QUIET = Set.of(
        HistoryEventTypes.ACTIVITY_INSTANCE_START, HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE,
        HistoryEventTypes.ACTIVITY_INSTANCE_END,
        HistoryEventTypes.VARIABLE_INSTANCE_CREATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
        HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL, HistoryEventTypes.VARIABLE_INSTANCE_DELETE,
        HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_SUCCESS, HistoryEventTypes.JOB_DELETE);

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (QUIET.contains(eventType) && insidePolling(entity)) {
        return false;
      }
      return super.isHistoryEventProduced(eventType, entity);
    }

    static boolean insidePolling(Object entity) {
      String definition = entity instanceof ExecutionEntity execution ? execution.getProcessDefinitionId()
          : entity instanceof VariableInstanceEntity variable ? variable.getProcessDefinitionId()
          : entity instanceof JobEntity job ? job.getProcessDefinitionId()
          : null;
      return definition != null && definition.startsWith(POLLING + ":");
    }
  }
}
