package dev.ferry.restart;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import static dev.ferry.restart.AcceptedCalls.counts;
import static dev.ferry.restart.AcceptedCalls.delta;
import static dev.ferry.restart.FerryRest.booleanVariable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.simulator.Endpoint;
import dev.ferry.simulator.SimulatedLibrary;
import dev.ferry.support.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 6, restarts: Ferry is killed hard ({@code kill -9}) while one migration waits for an
 * approval, one polls a package still being created and one polls an import still running on the
 * target; a new Ferry node on the same H2 file finishes all three. The Library is the simulator in
 * this JVM, so it keeps its state (and counts every call) across the kill: each package is created
 * once and imported once. Some answers are lost on the way as well (the Library acts, the
 * connection drops): a creation, a request, an approval and an import, each once.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other tests: it mostly waits for its forked nodes
class RestartTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /**
   * The H2 file both nodes open, one after the other. {@code WRITE_DELAY=0}: H2 (MVStore) keeps
   * committed transactions in memory for up to the write delay (500 ms by default) before writing
   * them, so a {@code kill -9} loses them; {@code -Drestart.h2.options=;DB_CLOSE_ON_EXIT=FALSE}
   * shows it (a migration started and answered 201 is gone, an approval is asked for again).
   * The lock is H2's default: it is released when the process dies.
   */
  private static final String H2_OPTIONS = System.getProperty("restart.h2.options",
      ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=0;COMPRESS=TRUE");

  private static LibraryOutsideFerry library;
  private static Path workDir;
  private static volatile boolean failed;
  private final List<FerryNode> nodes = new ArrayList<>();

  @RegisterExtension
  final NodeLogsOnFailure logsOnFailure = new NodeLogsOnFailure(nodes, () -> failed = true);

  @BeforeAll
  static void startTheLibrary() throws IOException {
    workDir = Files.createTempDirectory("ferry-restart-");
    System.out.println("RestartTest: Ferry nodes' logs and database under " + workDir);
    // the first creation's answer is lost as configured (the property); more are dropped at run time
    library = LibraryOutsideFerry.start("library-secret-for-restarts", Duration.ofSeconds(6), Duration.ofSeconds(6),
        Duration.ofSeconds(6), "--ferry.simulator.lost-answers.post-migration=1");
  }

  @AfterAll
  static void stopTheLibrary() {
    if (library != null) {
      library.close();
    }
    if (!failed) {
      org.springframework.util.FileSystemUtils.deleteRecursively(workDir.toFile()); // kept when a test failed
    }
  }

  @AfterEach
  void killEveryNode() {
    nodes.forEach(FerryNode::close);
  }

  private FerryNode node(String name) {
    FerryNode node = FerryNode.builder(name, workDir)
        .datasource("jdbc:h2:file:" + workDir.resolve("db").resolve("ferry") + H2_OPTIONS)
        .args(library.ferryEnvironmentArgs())
        .args("--ferry.simulator.enabled=false",
            "--ferry.polling.initial-interval=PT1S", "--ferry.polling.max-interval=PT1S",
            "--ferry.retry-cycle=R10/PT2S",
            "--camunda.bpm.job-execution.wait-time-in-millis=200", "--camunda.bpm.job-execution.max-wait=1000",
            // A job the killed node had locked waits this long for the next node (Camunda's default is 5 minutes).
            "--camunda.bpm.job-execution.lock-time-in-millis=10000",
            "--logging.level.root=warn")
        .start();
    nodes.add(node);
    return node.awaitReady();
  }

  @Test
  void killedInTheMiddleOfThreeMigrationsAnotherNodeOnTheSameDatabaseFinishesEachOnce() {
    SimulatedLibrary dev = library.simulator().environment("dev");
    SimulatedLibrary prod = library.simulator().environment("prod");
    Map<Endpoint, Long> before = counts(dev, prod);
    String run = Long.toString(System.nanoTime(), 36).toUpperCase();
    String m1 = "RESTART-M1-" + run; // waits at approve-import
    String m2 = "RESTART-M2-" + run; // polls a package still being created
    String m3 = "RESTART-M3-" + run; // polls an import still running on the target

    library.faults().loseAnswers(Endpoint.PATCH_IMPORT_REQUESTED, 1);
    library.faults().loseAnswers(Endpoint.PATCH_IMPORT_APPROVED, 1);
    library.faults().loseAnswers(Endpoint.PUT_MIGRATION, 1);
    FerryNode a = node("A");
    FerryRest onA = new FerryRest(a, PATIENCE);
    Map<String, String> instances = new LinkedHashMap<>();
    instances.put(m1, onA.startMigration("rita", m1, Requests.objectMigration("Restart one").toString()));
    instances.put(m3, onA.startMigration("rita", m3, Requests.objectMigration("Restart three").toString()));
    onA.complete("rita", m1, "request-import", "{}");
    onA.complete("rita", m3, "request-import", "{}");
    onA.complete("abe", m3, "approve-import", booleanVariable("approved", true));
    instances.put(m2, onA.startMigration("rita", m2, Requests.objectMigration("Restart two").toString()));

    await("M1 at approve-import, M2 creating, M3 importing, all at once").atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> onA.task("abe", m1, "approve-import").isPresent()
            && "creating".equals(onA.variable(instances.get(m2), "packageStatus"))
            && "creating".equals(status(dev, onA.variable(instances.get(m2), "migrationId"), "/packageInfo/status"))
            && "importing".equals(status(prod, onA.variable(instances.get(m3), "migrationId"), "/importInfo/status")));
    Map<String, String> migrationIds = new LinkedHashMap<>();
    instances.forEach((key, instance) -> migrationIds.put(key, onA.variable(instance, "migrationId")));

    a.kill();
    assertThat(a.isAlive()).isFalse();
    System.out.println("RestartTest: killed node A (pid " + a.pid() + ") with M1 at approve-import, M2 creating, "
        + "M3 importing");

    FerryNode b = node("B");
    FerryRest onB = new FerryRest(b, PATIENCE);
    instances.forEach((key, instance) -> assertThat(onB.state(instance))
        .as("%s after the kill: every migration node A had answered for is in the database", key).isEqualTo("ACTIVE"));
    assertThat(onB.task("abe", m3, "approve-import")).as("M3's approval, given on node A, is kept").isEmpty();
    onB.complete("abe", m1, "approve-import", booleanVariable("approved", true));
    onB.complete("rita", m2, "request-import", "{}");
    onB.complete("abe", m2, "approve-import", booleanVariable("approved", true));
    for (String key : List.of(m3, m1, m2)) {
      onB.complete("rita", key, "review-import", booleanVariable("undo", false));
    }
    instances.forEach((key, instance) -> await(key + " ends imported").atMost(PATIENCE)
        .failFast(() -> assertThat(onB.incidents()).as("incidents on node B").isEmpty())
        .until(() -> "imported".equals(onB.variable(instance, "outcome"))));

    Optional<Instant> firstJob = onB.firstSuccessfulJobSince(b.startedAt());
    System.out.printf("RestartTest: node B answered %d ms after its JVM started; its first job succeeded %s%n",
        Duration.between(b.startedAt(), b.readyAt()).toMillis(),
        firstJob.map(t -> Duration.between(b.startedAt(), t).toMillis() + " ms after its JVM started").orElse("?"));
    assertThat(firstJob).as("node B ran jobs").isPresent();

    migrationIds.forEach((key, id) -> {
      assertThat(onB.variable(instances.get(key), "migrationId")).as(key).isEqualTo(id);
      assertThat(status(dev, id, "/importInfo/importRequestStatus")).as(key + " on the source").isEqualTo("approved");
      assertThat(status(prod, id, "/importInfo/status")).as(key + " on the target").isEqualTo("imported");
    });
    Map<Endpoint, Long> delta = delta(before, counts(dev, prod));
    assertThat(delta).as("Library calls accepted while three migrations ran through a kill -9")
        .containsEntry(Endpoint.POST_MIGRATION, 3L)
        .containsEntry(Endpoint.PATCH_IMPORT_REQUESTED, 3L)
        .containsEntry(Endpoint.PATCH_IMPORT_APPROVED, 3L)
        .containsEntry(Endpoint.PUT_MIGRATION, 3L);
    System.out.println("RestartTest: accepted " + delta + ", answers lost " + library.faults().answersLost());
    assertThat(library.faults().answersLost()).as("answers lost on the way")
        .containsEntry(Endpoint.POST_MIGRATION, 1L)
        .containsEntry(Endpoint.PATCH_IMPORT_REQUESTED, 1L)
        .containsEntry(Endpoint.PATCH_IMPORT_APPROVED, 1L)
        .containsEntry(Endpoint.PUT_MIGRATION, 1L);
    assertThat(dev.migrations()).as("packages on the source").hasSize(3);
    assertThat(prod.migrations()).as("migrations on the target").hasSize(3);
  }

  private static String status(SimulatedLibrary library, String migrationId, String pointer) {
    return migrationId == null ? null
        : library.migration(migrationId).map(m -> m.at(pointer).asText()).orElse(null);
  }
}
