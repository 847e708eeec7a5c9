package dev.ferry.polling;

import dev.ferry.migration.FerryVariables;
import dev.ferry.polling.PollPlanner.Track;
import dev.ferry.polling.PollPlanner.Window;
import dev.ferry.engine.Transactions;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In a burst of migrations, the first to finish a step set the pace for the rest. Once a step of
 * one kind between the same Libraries ends and the recent durations agree ({@link StepDurations}),
 * the next look of each loop still waiting for that step is moved where {@link PollPlanner#retarget}
 * says:
 * <ul>
 *   <li>loops that wait <b>blind</b> (the Library reports no progress, nothing was expected when
 *       they last looked) back off up to {@code max-interval}, so they would see the end up to a
 *       minute late: their look is brought forward to just after the end now expected;</li>
 *   <li>loops whose whole-percent progress still leaves a window wider than {@code aim-tolerance}
 *       would look once more only to narrow it: their look goes just after the expected end, where
 *       their window allows it, and that look is their last.</li>
 * </ul>
 *
 * <p>Best effort, after the commit of the look that saw the step end: a loop that is looking just
 * then (its timer locked or gone) keeps its own plan, and so does one whose look is about to be due.
 * A timer is read and moved in one command, so a job executor that locks it in between fails the
 * move, not the look (a look whose timer was moved under it failed at its commit, and its retry came
 * 30 s later). Loops on other nodes are moved too; they are rows in the job table.
 */
@Component
public class PaceSetter {

  private static final Logger log = LoggerFactory.getLogger(PaceSetter.class);
  static final String POLLING = QuietPollingHistory.POLLING;

  /** Steps with loops that planned a look {@link PollPlanner#retarget} may move since the last move, on this node. */
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  /** The engine's configuration: its services, and the command that moves a timer ({@link #move}). */
  private final ProcessEngineConfigurationImpl engine;
  /** Transactions of their own: this runs after the commit of the look that saw a step end. */
  private final TransactionTemplate separately;

  public PaceSetter(@Lazy ProcessEngineConfigurationImpl engine, PlatformTransactionManager transactions) {
    this.engine = engine;
    this.separately = transactions == null ? null : Transactions.ofTheirOwn(transactions);
  }

  private <T> T separately(Supplier<T> work) {
    return separately == null ? work.get() : separately.execute(status -> work.get());
  }

  /** A loop of this step planned a look that a step of its kind ending may move. */
  void waiting(String step) {
    waiting.add(step);
  }

  /** A loop saw this step end, and the same step is now {@code expected} to take so long (or null). */
  void stepEnded(String step, Window expected, PollPlanner planner) {
    if (expected != null && expected.bounded() && waiting.remove(step)) {
      Transactions.afterCommit(() -> moveLooks(step, expected, planner));
    }
  }

  /**
   * Moves a timer to {@code due}, unless a job executor holds it (the loop is looking), it is gone
   * (the loop has ended) or it is due within {@code margin} (it is about to be taken): then false.
   */
  static Command<Boolean> move(String timerId, Date due, long margin) {
    return context -> {
      JobEntity timer = context.getJobManager().findJobById(timerId);
      if (timer == null || timer.getLockOwner() != null
          || timer.getDuedate().getTime() <= ClockUtil.getCurrentTime().getTime() + margin) {
        return false;
      }
      timer.setDuedate(due);
      return true;
    };
  }

  /** Moves the timer of each loop of {@code step} where {@link PollPlanner#retarget} says; how many moved. */
  int moveLooks(String step, Window expected, PollPlanner planner) {
    long margin = planner.settings().margin();
    int moved = 0;
    try {
      ManagementService management = engine.getManagementService();
      RuntimeService runtime = engine.getRuntimeService();
      long now = ClockUtil.getCurrentTime().getTime();
      Map<String, Job> timers = new HashMap<>();
      for (Job timer : separately(() -> management.createJobQuery().processDefinitionKey(POLLING).timers()
          .duedateHigherThan(new Date(now + margin)).list())) {
        timers.put(timer.getProcessInstanceId(), timer);
      }
      if (timers.isEmpty()) {
        return 0;
      }
      Map<String, Map<String, Object>> loops = new HashMap<>();
      List<VariableInstance> variables = separately(() -> runtime.createVariableInstanceQuery()
          .processInstanceIdIn(timers.keySet().toArray(String[]::new))
          .variableNameIn(PollingPolicy.TRACK, FerryVariables.KIND, FerryVariables.CHECK,
              FerryVariables.SOURCE_ENVIRONMENT, FerryVariables.TARGET_ENVIRONMENT)
          .disableBinaryFetching().disableCustomObjectDeserialization().list());
      for (VariableInstance variable : variables) {
        loops.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), variable.getValue());
      }
      for (Map.Entry<String, Map<String, Object>> loop : loops.entrySet()) {
        Object text = loop.getValue().get(PollingPolicy.TRACK);
        if (!(text instanceof String encoded) || !step.equals(PollingPolicy.step(loop.getValue()::get))) {
          continue;
        }
        Track track = Track.decode(encoded);
        Job timer = timers.get(loop.getKey());
        long at = planner.retarget(track, timer.getDuedate().getTime() - track.startedAt(), expected);
        if (at >= 0) {
          Date due = new Date(Math.max(now, track.startedAt() + at));
          try {
            if (separately(() -> engine.getCommandExecutorTxRequired().execute(move(timer.getId(), due, margin)))) {
              moved++;
            }
          } catch (ProcessEngineException looking) {
            // locked by a job executor between the read and the write: the loop keeps its own plan
          }
        }
      }
    } catch (RuntimeException e) {
      log.debug("Could not move the next looks of the polling loops of {} (they look as they planned): {}", step,
          e.toString());
    }
    return moved;
  }
}
