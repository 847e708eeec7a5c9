package dev.ferry.polling;

import dev.ferry.migration.FerryVariables;
import dev.ferry.polling.PollPlanner.Model;
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
 * Polling loops that wait blind: the Library reports no progress, and nothing was expected when
 * they last looked. They back off up to {@code max-interval}, so a step that ends is seen up to a
 * minute late. Once a step of the same kind between the same Libraries ends and the recent
 * durations agree ({@link StepDurations}), the next look of each blind loop is brought forward to
 * the end now expected: in a burst of migrations, the first to finish sets the pace for the rest.
 *
 * <p>Best effort, after the commit of the look that saw the step end: a loop that is looking just
 * then (its timer locked or gone) keeps its own plan. Loops on other nodes are moved too; they are
 * rows in the job table.
 */
@Component
public class BlindLoops {

  private static final Logger log = LoggerFactory.getLogger(BlindLoops.class);
  static final String POLLING = QuietPollingHistory.POLLING;

  /** Steps with loops that planned a blind look since their last bring-forward, on this node. */
  private final Set<String> blind = ConcurrentHashMap.newKeySet();
  private final ManagementService management;
  private final RuntimeService runtime;
  /** Transactions of their own: this runs after the commit of the look that saw a step end. */
  private final TransactionTemplate separately;

  public BlindLoops(@Lazy ManagementService management, @Lazy RuntimeService runtime,
      PlatformTransactionManager transactions) {
    this.management = management;
    this.runtime = runtime;
    this.separately = transactions == null ? null : Transactions.ofTheirOwn(transactions);
  }

  private <T> T separately(Supplier<T> work) {
    return separately == null ? work.get() : separately.execute(status -> work.get());
  }

  /** A loop of this step planned its next look without a forecast. */
  void waitingBlind(String step) {
    blind.add(step);
  }

  /** A loop saw this step end, and the same step is now {@code expected} to take so long (or null). */
  void stepEnded(String step, Window expected, long margin) {
    if (expected != null && expected.bounded() && blind.remove(step)) {
      Transactions.afterCommit(() -> bringForward(step, expected, margin));
    }
  }

  /** Moves the timer of each blind loop of {@code step} to {@code margin} after its expected end, if that is sooner. */
  int bringForward(String step, Window expected, long margin) {
    int moved = 0;
    try {
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
        long due = Math.max(now, track.startedAt() + Math.round(expected.hi()) + margin);
        if (blind(track) && due < timer.getDuedate().getTime() - margin) {
          try {
            separately(() -> {
              management.setJobDuedate(timer.getId(), new Date(due));
              return null;
            });
            moved++;
          } catch (ProcessEngineException looking) {
            // the loop is looking right now, or has ended: it keeps its own plan
          }
        }
      }
    } catch (RuntimeException e) {
      log.debug("Could not bring the blind polling loops of {} forward (they look by themselves): {}", step,
          e.toString());
    }
    return moved;
  }

  /** No progress seen, nothing expected: the loop is backing off. */
  static boolean blind(Track track) {
    return track.model() == Model.NONE && track.lastProgress() == 0;
  }
}
