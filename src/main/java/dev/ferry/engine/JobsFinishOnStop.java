package dev.ferry.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * When Ferry stops, the jobs running at that moment finish instead of being interrupted. Spring's
 * executor interrupts its running tasks on shutdown unless told to wait (its default), and a job
 * interrupted in the middle of a Library call still commits afterwards, with the interrupt pending:
 * that write into the embedded H2 file then closes H2's file channel for every session (NIO's
 * {@code ClosedByInterruptException}), and what H2 writes after it may leave the file broken. A job
 * that has not finished when the wait ends is left running, not interrupted: its commit fails once
 * the database is closed, and it runs again after the restart (jobs run at least once).
 */
@Component
public class JobsFinishOnStop implements BeanPostProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(JobsFinishOnStop.class);

  /** Camunda's Spring Boot starter names the job executor's thread pool so. */
  static final String JOB_THREADS = "camundaTaskExecutor";
  /** Longer than most jobs; a Library call may take up to its read timeout, then its job runs again. */
  static final int WAIT_SECONDS = 30;

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (JOB_THREADS.equals(beanName) && bean instanceof ThreadPoolTaskExecutor threads) {
      threads.setWaitForTasksToCompleteOnShutdown(true);
      threads.setAwaitTerminationSeconds(WAIT_SECONDS);
      LOG.info("Jobs running when Ferry stops finish first (up to {} s); none is interrupted", WAIT_SECONDS);
    }
    return bean;
  }
}
