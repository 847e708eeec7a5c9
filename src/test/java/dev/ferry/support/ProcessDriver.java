package dev.ferry.support;

import java.util.ArrayList;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Runs a migration's jobs (async continuations and polling timers, in the instance and in every
 * instance it called) one by one in the test thread, as the job executor would, until nothing is
 * left to run: the migration then waits for a person, has failed into an incident, or has ended.
 */
public class ProcessDriver {

  private static final int MAX_JOBS = 500;
  private static final String POLLING = "library-poll";
  private final RuntimeService runtime;
  private final ManagementService management;

  public ProcessDriver(ProcessEngine engine) {
    this.runtime = engine.getRuntimeService();
    this.management = engine.getManagementService();
  }

  /** Executes due and not-yet-due jobs alike; a failing job is left with its retries counted down. */
  public void runJobs(String processInstanceId) {
    for (int executed = 0; executed < MAX_JOBS; executed++) {
      Job job = nextJob(processInstanceId);
      if (job == null) {
        return;
      }
      try {
        management.executeJob(job.getId());
      } catch (RuntimeException failed) {
        if (management.createJobQuery().jobId(job.getId()).withRetriesLeft().count() == 0) {
          continue;
        }
      }
    }
    throw new AssertionError("Still running after " + MAX_JOBS + " jobs: a polling loop that never ends?");
  }

  /** Runs at most {@code count} jobs: for tests that stop a loop midway. */
  public void runJobs(String processInstanceId, int count) {
    for (int i = 0; i < count; i++) {
      Job job = nextJob(processInstanceId);
      if (job == null) {
        return;
      }
      management.executeJob(job.getId());
    }
  }

  /**
   * The next job to run: async continuations, and polling timers without waiting for their interval.
   * Other timers (the undo window) run only once they are due on the engine's clock.
   */
  public Job nextJob(String processInstanceId) {
    Date now = ClockUtil.getCurrentTime();
    for (String id : tree(processInstanceId)) {
      for (Job job : management.createJobQuery().processInstanceId(id).withRetriesLeft().orderByJobDuedate().asc()
          .list()) {
        boolean due = job.getDuedate() == null || !job.getDuedate().after(now);
        if (due || POLLING.equals(job.getProcessDefinitionKey())) {
          return job;
        }
      }
    }
    return null;
  }

  /** The instance and all the instances it called, deepest last. */
  public List<String> tree(String processInstanceId) {
    List<String> ids = new ArrayList<>();
    ids.add(processInstanceId);
    for (int i = 0; i < ids.size(); i++) {
      for (ProcessInstance child : runtime.createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list()) {
        ids.add(child.getId());
      }
    }
    return ids;
  }
}
