package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * A job running when Ferry stops is not interrupted (an interrupt pending at its commit closes the
 * embedded H2 file under every session): the job executor's threads are stopped as Spring stops
 * them, waiting for what runs.
 */
@Tag("fast")
class JobsFinishOnStopTest {

  @Test
  void aJobRunningAsTheJobThreadsStopFinishesUninterrupted() throws Exception {
    assertThat(interruptedOnShutdown(JobsFinishOnStop.JOB_THREADS)).as("Ferry's job threads").isFalse();
    assertThat(interruptedOnShutdown("anotherExecutor")).as("Spring's default, left to other pools").isTrue();
  }

  /** Starts a task on a pool of this name, shuts the pool down as Spring does, and tells whether the task was interrupted. */
  private static boolean interruptedOnShutdown(String beanName) throws Exception {
    ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();
    new JobsFinishOnStop().postProcessBeforeInitialization(threads, beanName);
    threads.initialize();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    threads.execute(() -> {
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(threads::shutdown); // what Spring calls as Ferry stops
    try {
      Awaitility.await().atMost(Duration.ofSeconds(1)).until(interrupted::get);
    } catch (org.awaitility.core.ConditionTimeoutException stillRunning) {
      // not interrupted within a second: the pool is waiting for the task
    }
    release.countDown();
    stopping.get(10, TimeUnit.SECONDS);
    return interrupted.get();
  }
}
