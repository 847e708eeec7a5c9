package dev.ferry.cluster;

import static dev.ferry.restart.AcceptedCalls.counts;
import static dev.ferry.restart.AcceptedCalls.delta;
import static dev.ferry.restart.FerryRest.booleanVariable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.restart.AcceptedCalls;
import dev.ferry.restart.FerryNode;
import dev.ferry.restart.NodeLogsOnFailure;
import dev.ferry.restart.FerryRest;
import dev.ferry.restart.LibraryOutsideFerry;
import dev.ferry.simulator.Endpoint;
import dev.ferry.simulator.SimulatedLibrary;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 7, a cluster: two Ferry nodes (JVMs of their own) share one PostgreSQL database and both
 * run jobs. Fifty migrations are started over both nodes' REST endpoints and driven through
 * request, approval and review; while packages are being created and imports run, node A is
 * killed hard ({@code kill -9}) while it holds locked jobs. Node B takes over A's jobs once their
 * locks expire and finishes every migration: each is imported exactly once, with no incident, and
 * the Library (the simulator in this JVM) accepts each creation, import request, approval and
 * import exactly once per migration.
 *
 * <p>Needs PostgreSQL at {@code ferry.cluster.jdbc} (default {@code jdbc:postgresql://127.0.0.1:5432/},
 * user {@code postgres}, no password, an existing database {@code test}); it creates a database of
 * its own and drops it at the end.
 */
class ClusterTest {

  private static final int MIGRATIONS = 50;
  /** Of each call in {@link AcceptedCalls#LOST}: the Library acts, the answer never reaches Ferry. */
  private static final int LOST_ANSWERS = 5;
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String SERVER = System.getProperty("ferry.cluster.jdbc", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String DB_USER = System.getProperty("ferry.cluster.user", "postgres");
  private static final String DB_PASSWORD = System.getProperty("ferry.cluster.password", "");
  /** How long a dead node's locks hold its jobs (Camunda's default is 5 minutes). */
  private static final int LOCK_TIME_MILLIS = 10_000;

  private static LibraryOutsideFerry library;
  private static Path workDir;
  private static String database;
  private static Connection db;
  private static volatile boolean failed;
  /** Whether nodes have started on the database: its schema and Ferry's tables exist. */
  private static boolean schemaCreated;
  private final List<FerryNode> nodes = new ArrayList<>();

  @RegisterExtension
  final NodeLogsOnFailure logsOnFailure = new NodeLogsOnFailure(nodes, () -> failed = true);

  @BeforeAll
  static void createTheDatabaseAndStartTheLibrary() throws IOException, SQLException {
    workDir = Files.createTempDirectory("ferry-cluster-");
    database = "ferry_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = DriverManager.getConnection(SERVER + "test", DB_USER, DB_PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    db = DriverManager.getConnection(SERVER + database, DB_USER, DB_PASSWORD);
    System.out.println("ClusterTest: database " + database + ", Ferry nodes' logs under " + workDir);
    // Two seconds per step: the second half's creations overlap the first half's imports, so the kill
    // finds packages being created and imports running (with one second, most were done by then).
    library = LibraryOutsideFerry.start("library-secret-for-clusters", Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
  }

  @AfterAll
  static void dropTheDatabaseAndStopTheLibrary() throws SQLException {
    if (library != null) {
      library.close();
    }
    if (db != null) {
      db.close();
    }
    if (database != null) {
      try (Connection admin = DriverManager.getConnection(SERVER + "test", DB_USER, DB_PASSWORD)) {
        try (PreparedStatement terminate = admin.prepareStatement(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
          terminate.setString(1, database);
          terminate.executeQuery().close();
        }
        try (Statement statement = admin.createStatement()) {
          statement.execute("DROP DATABASE IF EXISTS " + database);
        }
      }
    }
    if (!failed && workDir != null) {
      org.springframework.util.FileSystemUtils.deleteRecursively(workDir.toFile()); // kept when the test failed
    }
  }

  @AfterEach
  void killEveryNode() {
    nodes.forEach(FerryNode::close);
  }

  /**
   * Nodes A and B, ready. The first nodes on the database start one after the other: the first creates
   * Camunda's schema and Ferry's tables, which two nodes must not race for. Once they exist (a test
   * before started nodes on this database), both start at once: deployments take Camunda's deployment
   * lock, and access setup writes only what is missing (AccessSetup).
   */
  private List<FerryNode> startBoth(LibraryOutsideFerry libraries, String... more) {
    FerryNode a = start(libraries, "A", "node-a", more);
    if (!schemaCreated) {
      a.awaitReady();
    }
    FerryNode b = start(libraries, "B", "node-b", more);
    if (schemaCreated) {
      a.awaitReady();
    }
    b.awaitReady();
    schemaCreated = true;
    return List.of(a, b);
  }

  /** A node whose job executor locks jobs as {@code host} and writes {@code host} into the job log. */
  private FerryNode start(String name, String host, String... more) {
    return start(library, name, host, more);
  }

  /** The same, for Libraries served by {@code libraries}. */
  private FerryNode start(LibraryOutsideFerry libraries, String name, String host, String... more) {
    FerryNode node = FerryNode.builder(name, workDir)
        .jvmOptions("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .datasource(SERVER + database, DB_USER, DB_PASSWORD)
        .args(libraries.ferryEnvironmentArgs())
        .args("--spring.profiles.active=postgres",
            "--ferry.simulator.enabled=false",
            "--ferry.polling.initial-interval=PT1S", "--ferry.polling.max-interval=PT1S",
            "--ferry.retry-cycle=R10/PT2S",
            "--camunda.bpm.job-execution.wait-time-in-millis=200", "--camunda.bpm.job-execution.max-wait=1000",
            // The survivor takes a dead node's jobs over once their locks expire.
            "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
            // ACT_HI_JOB_LOG.HOSTNAME_ tells the nodes apart.
            "--camunda.bpm.generic-properties.properties.hostname=" + host,
            "--logging.pattern.console=%d{HH:mm:ss.SSS} " + host + " %-5level [%thread] %logger{36} - %msg%n",
            "--logging.level.root=warn")
        .args(more)
        .start();
    nodes.add(node);
    return node;
  }

  @Test
  void fiftyMigrationsOnTwoNodesSurviveAKillNineOfOneNode() throws SQLException {
    Instant began = Instant.now();
    SimulatedLibrary dev = library.simulator().environment("dev");
    SimulatedLibrary prod = library.simulator().environment("prod");
    Map<Endpoint, Long> before = counts(dev, prod);
    String run = Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
    String prefix = "CLUSTER-" + run + "-";

    // five answers of each of the creation, request, approval and import are lost on the way
    AcceptedCalls.LOST.forEach(endpoint -> library.faults().loseAnswers(endpoint, LOST_ANSWERS));
    // Without an import queue: fifty imports at once put the most load on the cluster (the queue has its own test).
    List<FerryNode> pair = startBoth(library, "--ferry.queue.imports.max-concurrent=0");
    FerryNode a = pair.get(0);
    FerryNode b = pair.get(1);
    System.out.printf("ClusterTest: both nodes ready %d s after the start%n", Duration.between(began, Instant.now()).toSeconds());
    FerryRest onA = new FerryRest(a, PATIENCE);
    FerryRest onB = new FerryRest(b, PATIENCE);
    List<FerryRest> both = List.of(onA, onB);

    // The first half, spread over both nodes' REST endpoints, and driven until imports run on the target.
    Map<String, String> instances = new LinkedHashMap<>();
    for (int i = 0; i < MIGRATIONS / 2; i++) {
      startOne(both.get(i % 2), prefix, i, instances);
    }
    int[] round = {0};
    await("the first imports run on the target").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
        .until(() -> {
          drive(both.get(round[0]++ % 2), prefix);
          return importing(prod) > 0;
        });
    // The second half: its packages are being created while the first half imports.
    for (int i = MIGRATIONS / 2; i < MIGRATIONS; i++) {
      startOne(both.get(i % 2), prefix, i, instances);
    }

    // Kill A while it holds locked jobs, packages are being created on the source and imports run on the target.
    // Ferry's lock owner starts with the node's hostname (EngineSettings): A's locks are those of "node-a/...".
    // The kill comes the moment the lock is seen: a job's lock lasts only as long as the job runs or waits.
    Instant[] lastDrive = {Instant.now()};
    String[] ownerA = {null};
    int[] atKill = new int[2];
    Instant[] killed = {null};
    await("node A holds locked jobs while packages are created or imported").atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> {
          Map<String, String> locked = lockedJobs();
          if (ownerA[0] == null) {
            ownerA[0] = locked.values().stream().filter(owner -> owner.startsWith("node-a/")).findFirst().orElse(null);
          }
          if (ownerA[0] != null && locked.containsValue(ownerA[0])) {
            int creating = creating(dev);
            int importing = importing(prod);
            if (creating > 0 || importing > 0) {
              killed[0] = Instant.now();
              a.kill();
              atKill[0] = creating;
              atKill[1] = importing;
              return true;
            }
          }
          if (Duration.between(lastDrive[0], Instant.now()).toMillis() > 1000) {
            drive(both.get(round[0]++ % 2), prefix);
            lastDrive[0] = Instant.now();
          }
          return false;
        });
    Instant killedAt = killed[0];
    int creatingAtKill = atKill[0];
    int importingAtKill = atKill[1];
    // A is dead: its count is the one at the kill
    Map<String, Long> jobsBeforeKill = successfulJobsByHost();
    assertThat(a.isAlive()).isFalse();
    // A's locked jobs whose takeover the job log can show: a polling loop's jobs keep no job log
    // (QuietPollingHistory); that they too were taken over shows in "jobs left" below.
    List<String> orphaned = strings("SELECT id_ FROM act_ru_job WHERE lock_owner_ = '" + ownerA[0] + "'"
        + " AND (process_def_key_ IS NULL OR process_def_key_ <> 'library-poll')");
    List<String> orphanedInstances = strings(
        "SELECT DISTINCT process_instance_id_ FROM act_ru_job WHERE lock_owner_ = '" + ownerA[0] + "'");
    System.out.printf("ClusterTest: killed node A (pid %d) %d s after the start; jobs done so far %s; "
            + "%d packages being created, %d imports running; A (lock owner %s) left %d locked jobs (%d process instances)%n",
        a.pid(), Duration.between(began, killedAt).toSeconds(), jobsBeforeKill, creatingAtKill, importingAtKill,
        ownerA[0], orphaned.size(), orphanedInstances.size());
    assertThat(jobsBeforeKill).as("both nodes ran jobs before the kill")
        .hasEntrySatisfying("node-a", n -> assertThat(n).isPositive())
        .hasEntrySatisfying("node-b", n -> assertThat(n).isPositive());

    // Everything else goes through node B.
    AtomicReference<String> progress = new AtomicReference<>();
    await("every migration imported through node B").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
        .failFast("an incident", () -> assertThat(incidents(onB)).as("incidents").isEmpty())
        .until(() -> {
          drive(onB, prefix);
          Map<String, String> outcomes = outcomes(prefix);
          long imported = outcomes.values().stream().filter("imported"::equals).count();
          progress.set(imported + " of " + MIGRATIONS + " imported; outcomes " + outcomes.values());
          return imported == MIGRATIONS;
        });
    Instant finished = Instant.now();

    // Takeover: the first job node B completed on work node A had locked, and on any migration A had worked on.
    Optional<Instant> orphanResumed = firstSuccessOnNodeB(
        "job_id_ IN (" + placeholders(orphaned) + ")", orphaned, killedAt);
    Optional<Instant> lastOrphanDone = lastSuccessOnNodeB(
        "job_id_ IN (" + placeholders(orphaned) + ")", orphaned, killedAt);
    List<String> touchedByA = strings("SELECT DISTINCT process_instance_id_ FROM act_hi_job_log WHERE hostname_ = 'node-a'");
    Optional<Instant> firstOnAWork = firstSuccessOnNodeB(
        "process_instance_id_ IN (" + placeholders(touchedByA) + ")", touchedByA, killedAt);
    System.out.printf("ClusterTest: takeover: node B completed its first job on a process instance node A had worked on "
            + "%s ms after the kill; the first of A's %d locked jobs %s ms after the kill, the last %s ms "
            + "(lock time %d ms); all %d migrations imported %d s after the kill, %d s after the start%n",
        firstOnAWork.map(t -> Long.toString(Duration.between(killedAt, t).toMillis())).orElse("?"),
        orphaned.size(),
        orphanResumed.map(t -> Long.toString(Duration.between(killedAt, t).toMillis())).orElse("?"),
        lastOrphanDone.map(t -> Long.toString(Duration.between(killedAt, t).toMillis())).orElse("?"),
        LOCK_TIME_MILLIS, MIGRATIONS, Duration.between(killedAt, finished).toSeconds(),
        Duration.between(began, finished).toSeconds());
    System.out.println("ClusterTest: successful jobs by node: " + successfulJobsByHost());

    // Exactly once, nothing stuck, no incident.
    Map<String, String> outcomes = outcomes(prefix);
    assertThat(outcomes).as("one migration per business key").hasSize(MIGRATIONS).containsOnlyKeys(instances.keySet());
    assertThat(outcomes).as("outcomes").allSatisfy((key, outcome) -> assertThat(outcome).as(key).isEqualTo("imported"));
    assertThat(count("SELECT count(*) FROM act_hi_procinst WHERE business_key_ LIKE ? AND proc_def_key_ = 'migration'",
        prefix + "%")).as("migration instances").isEqualTo(MIGRATIONS);
    assertThat(count("SELECT count(*) FROM act_hi_procinst WHERE business_key_ LIKE ? AND state_ <> 'COMPLETED'",
        prefix + "%")).as("instances (with their call activities) not completed").isZero();
    assertThat(count("SELECT count(*) FROM act_hi_varinst v JOIN act_hi_procinst p ON p.id_ = v.proc_inst_id_ "
        + "WHERE p.business_key_ LIKE ? AND p.proc_def_key_ = 'migration' AND v.name_ = 'outcome'", prefix + "%"))
        .as("one outcome per migration").isEqualTo(MIGRATIONS);
    assertThat(count("SELECT count(*) FROM act_ru_execution", null)).as("executions left").isZero();
    assertThat(count("SELECT count(*) FROM act_ru_job WHERE process_instance_id_ IS NOT NULL", null)).as("jobs left").isZero();
    assertThat(count("SELECT count(*) FROM act_ru_incident", null)).as("open incidents").isZero();
    assertThat(count("SELECT count(*) FROM act_hi_incident", null)).as("incidents ever").isZero();
    if (!orphaned.isEmpty()) {
      assertThat(orphanResumed).as("node B ran the jobs node A had locked").isPresent();
    }

    Map<Endpoint, Long> delta = delta(before, counts(dev, prod));
    assertThat(delta).as("Library calls accepted for %d migrations on two nodes through a kill -9", MIGRATIONS)
        .containsEntry(Endpoint.POST_MIGRATION, (long) MIGRATIONS)
        .containsEntry(Endpoint.PATCH_IMPORT_REQUESTED, (long) MIGRATIONS)
        .containsEntry(Endpoint.PATCH_IMPORT_APPROVED, (long) MIGRATIONS)
        .containsEntry(Endpoint.PUT_MIGRATION, (long) MIGRATIONS);
    System.out.println("ClusterTest: accepted " + delta + ", answers lost " + library.faults().answersLost());
    AcceptedCalls.LOST.forEach(endpoint -> assertThat(library.faults().answersLost(endpoint))
        .as("answers of %s lost on the way", endpoint).isEqualTo(LOST_ANSWERS));
    // the Library serves every test of this class: count this run's packages only
    assertThat(dev.migrations().stream().filter(m -> m.at("/packageInfo/name").asText().contains(prefix)))
        .as("packages on the source").hasSize(MIGRATIONS);
    assertThat(prod.migrations().stream().filter(m -> m.at("/packageInfo/name").asText().contains(prefix)).toList())
        .as("migrations on the target").hasSize(MIGRATIONS)
        .allSatisfy(m -> assertThat(m.at("/importInfo/status").asText()).isEqualTo("imported"));
  }

  /**
   * Issue 15: twenty migrations into one target with one import at a time, on two nodes, one of
   * them killed mid-way. The simulated target's journal of imports shows that never two ran at
   * once, and each migration was imported exactly once.
   */
  @Test
  void twentyImportsIntoOneTargetRunOneAtATimeAcrossTwoNodesThroughAKill() throws SQLException {
    // Libraries of their own that take a second per step and half a second per import: the imports run one
    // after another, so their length is the test's length; the order and the one-at-a-time are what is checked.
    try (LibraryOutsideFerry quick = LibraryOutsideFerry.start("library-secret-for-queues", Duration.ofSeconds(1),
        Duration.ofMillis(500), Duration.ofSeconds(1))) {
      importOneAtATime(quick);
    }
  }

  private void importOneAtATime(LibraryOutsideFerry quick) throws SQLException {
    int migrations = 20;
    Duration patience = Duration.ofMinutes(5);
    Instant began = Instant.now();
    SimulatedLibrary prod = quick.simulator().environment("prod");
    Map<Endpoint, Long> before = counts(quick.simulator().environment("dev"), prod);
    String prefix = "QUEUE-" + Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT) + "-";
    // A lease longer than the job lock time plus a poll: the survivor takes the dead node's poll over in time.
    String[] queue = {"--ferry.queue.imports.max-concurrent=1", "--ferry.queue.lease=PT60S",
        "--ferry.queue.retry-interval=PT1S"};
    List<FerryNode> pair = startBoth(quick, queue);
    FerryNode a = pair.get(0);
    FerryNode b = pair.get(1);
    FerryRest onA = new FerryRest(a, patience);
    FerryRest onB = new FerryRest(b, patience);
    List<FerryRest> both = List.of(onA, onB);
    Map<String, String> instances = new LinkedHashMap<>();
    for (int i = 0; i < migrations; i++) {
      startOne(both.get(i % 2), prefix, i, instances);
    }
    Instant started = Instant.now();

    int[] round = {0};
    await("a quarter imported").atMost(patience).pollInterval(Duration.ofMillis(300)).until(() -> {
      drive(both.get(round[0]++ % 2), prefix);
      return spans(prod, prefix).size() >= migrations / 4;
    });
    Instant killedAt = Instant.now();
    int importedAtKill = spans(prod, prefix).size();
    a.kill();
    assertThat(a.isAlive()).isFalse();

    await("every migration imported through node B").atMost(patience).pollInterval(Duration.ofMillis(300))
        .failFast("an incident", () -> assertThat(incidents(onB)).as("incidents").isEmpty())
        .until(() -> {
          drive(onB, prefix);
          return outcomes(prefix).values().stream().filter("imported"::equals).count() == migrations;
        });
    Instant finished = Instant.now();

    List<SimulatedLibrary.ImportSpan> spans = spans(prod, prefix);
    assertThat(spans).as("imports on the target").hasSize(migrations).allSatisfy(s -> assertThat(s.end()).isNotNull());
    assertThat(mostAtOnce(spans)).as("imports running at the same instant on the target").isEqualTo(1);
    Map<Endpoint, Long> delta = delta(before, counts(quick.simulator().environment("dev"), prod));
    assertThat(delta).as("imports asked for").containsEntry(Endpoint.PUT_MIGRATION, (long) migrations);
    assertThat(outcomes(prefix)).hasSize(migrations).containsOnlyKeys(instances.keySet())
        .allSatisfy((key, outcome) -> assertThat(outcome).as(key).isEqualTo("imported"));
    assertThat(count("SELECT count(*) FROM ferry_queue_slot", null)).as("slots left").isZero();
    assertThat(count("SELECT count(*) FROM ferry_queue_entry", null)).as("queued left").isZero();

    List<Long> waits = queueWaitsMillis(prefix);
    long gaps = 0;
    List<SimulatedLibrary.ImportSpan> ordered = spans.stream()
        .sorted(java.util.Comparator.comparing(SimulatedLibrary.ImportSpan::start)).toList();
    for (int i = 1; i < ordered.size(); i++) {
      gaps = Math.max(gaps, Duration.between(ordered.get(i - 1).end(), ordered.get(i).start()).toMillis());
    }
    System.out.printf("ClusterTest (queue): %d migrations, limit 1, node A killed %d s after the starts with %d "
            + "imported; all imported %d s after the starts (%d s after the kill); queue wait from approval to the "
            + "import call: median %d ms, max %d ms; the longest gap between one import's end and the next one's "
            + "start %d ms; the most imports at once on the target: %d%n",
        migrations, Duration.between(started, killedAt).toSeconds(), importedAtKill,
        Duration.between(started, finished).toSeconds(), Duration.between(killedAt, finished).toSeconds(),
        waits.isEmpty() ? -1 : waits.get(waits.size() / 2), waits.isEmpty() ? -1 : waits.get(waits.size() - 1), gaps,
        mostAtOnce(spans));
    System.out.println("ClusterTest (queue): nodes ready and run took " + Duration.between(began, finished).toSeconds() + " s");
  }

  private static List<SimulatedLibrary.ImportSpan> spans(SimulatedLibrary target, String prefix) {
    return target.importSpans().stream().filter(s -> s.packageName().contains(prefix)).toList();
  }

  /** The largest number of imports running at one instant (an import that ends as another starts does not overlap). */
  static int mostAtOnce(List<SimulatedLibrary.ImportSpan> spans) {
    List<long[]> events = new ArrayList<>();
    for (SimulatedLibrary.ImportSpan span : spans) {
      events.add(new long[] {span.start().toEpochMilli(), 1});
      events.add(new long[] {span.end() == null ? Long.MAX_VALUE : span.end().toEpochMilli(), -1});
    }
    events.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    int running = 0;
    int most = 0;
    for (long[] event : events) {
      running += (int) event[1];
      most = Math.max(most, running);
    }
    return most;
  }

  /** Per migration: from the end of its enqueue (its approval) to the start of its replicate step, sorted. */
  private static List<Long> queueWaitsMillis(String prefix) throws SQLException {
    List<Long> waits = new ArrayList<>();
    try (PreparedStatement query = db.prepareStatement("SELECT e.end_time_, r.start_time_ FROM act_hi_procinst p "
        + "JOIN act_hi_actinst e ON e.proc_inst_id_ = p.id_ AND e.act_id_ = 'Task_EnqueueImport' "
        + "JOIN act_hi_actinst r ON r.proc_inst_id_ = p.id_ AND r.act_id_ = 'replicate-package' "
        + "WHERE p.business_key_ LIKE ?")) {
      query.setString(1, prefix + "%");
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          waits.add(Duration.between(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant()).toMillis());
        }
      }
    }
    java.util.Collections.sort(waits);
    return waits;
  }

  private static void startOne(FerryRest rest, String prefix, int i, Map<String, String> instances) {
    String key = prefix + (i + 1);
    instances.put(key, rest.startMigration("rita", key,
        Requests.objectMigration("Cluster " + prefix + (i + 1)).toString()));
  }

  /** One round over the user tasks of this run: requests, approvals and reviews, each as its user. */
  private static void drive(FerryRest rest, String prefix) {
    completeAll(rest, "rita", "request-import", prefix, "{}");
    completeAll(rest, "abe", "approve-import", prefix, booleanVariable("approved", true));
    completeAll(rest, "rita", "review-import", prefix, booleanVariable("undo", false));
  }

  private static void completeAll(FerryRest rest, String user, String taskKey, String prefix, String body) {
    FerryHttp http = rest.http();
    JsonNode tasks = http.get(user, user, "/engine-rest/task?taskDefinitionKey=" + taskKey
        + "&processInstanceBusinessKeyLike=" + prefix + "%25&maxResults=500").json();
    for (JsonNode task : tasks) {
      String id = task.get("id").asText();
      FerryHttp.Answer claimed = http.post(user, user, "/engine-rest/task/" + id + "/claim",
          "{\"userId\": \"" + user + "\"}");
      if (claimed.status() == 204) {
        FerryHttp.Answer completed = http.post(user, user, "/engine-rest/task/" + id + "/complete", body);
        assertThat(completed.status()).as("%s completes %s %s: %s", user, taskKey, id, completed.body())
            .isIn(200, 204);
      }
    }
  }

  private static JsonNode incidents(FerryRest rest) {
    return rest.http().get("admin", "admin-secret-for-restarts", "/engine-rest/incident").json();
  }

  private static int creating(SimulatedLibrary source) {
    return (int) source.migrations().stream().filter(m -> "creating".equals(m.at("/packageInfo/status").asText())).count();
  }

  private static int importing(SimulatedLibrary target) {
    return (int) target.migrations().stream().filter(m -> "importing".equals(m.at("/importInfo/status").asText())).count();
  }

  /** Jobs locked now: id and lock owner. */
  private static Map<String, String> lockedJobs() throws SQLException {
    Map<String, String> locked = new LinkedHashMap<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT id_, lock_owner_ FROM act_ru_job WHERE lock_owner_ IS NOT NULL AND lock_exp_time_ > localtimestamp")) {
      while (rows.next()) {
        locked.put(rows.getString(1), rows.getString(2));
      }
    }
    return locked;
  }


  /** Business key of each migration of this run and its outcome (null while it runs). */
  private static Map<String, String> outcomes(String prefix) throws SQLException {
    Map<String, String> outcomes = new LinkedHashMap<>();
    try (PreparedStatement query = db.prepareStatement("SELECT p.business_key_, v.text_ FROM act_hi_procinst p "
        + "LEFT JOIN act_hi_varinst v ON v.proc_inst_id_ = p.id_ AND v.name_ = 'outcome' "
        + "WHERE p.proc_def_key_ = 'migration' AND p.business_key_ LIKE ?")) {
      query.setString(1, prefix + "%");
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          outcomes.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return outcomes;
  }

  private static Map<String, Long> successfulJobsByHost() throws SQLException {
    Map<String, Long> byHost = new java.util.TreeMap<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT hostname_, count(*) FROM act_hi_job_log WHERE job_state_ = 2 GROUP BY hostname_")) {
      while (rows.next()) {
        byHost.put(String.valueOf(rows.getString(1)), rows.getLong(2));
      }
    }
    return byHost;
  }

  private static Optional<Instant> firstSuccessOnNodeB(String where, List<String> ids, Instant since) throws SQLException {
    return successOnNodeB("min", where, ids, since);
  }

  private static Optional<Instant> lastSuccessOnNodeB(String where, List<String> ids, Instant since) throws SQLException {
    return successOnNodeB("max", where, ids, since);
  }

  private static Optional<Instant> successOnNodeB(String aggregate, String where, List<String> ids, Instant since)
      throws SQLException {
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    try (PreparedStatement query = db.prepareStatement("SELECT " + aggregate + "(timestamp_) FROM act_hi_job_log "
        + "WHERE hostname_ = 'node-b' AND job_state_ = 2 AND timestamp_ >= ? AND " + where)) {
      query.setTimestamp(1, Timestamp.from(since));
      for (int i = 0; i < ids.size(); i++) {
        query.setString(i + 2, ids.get(i));
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        Timestamp at = rows.getTimestamp(1);
        return Optional.ofNullable(at).map(Timestamp::toInstant);
      }
    }
  }

  private static String placeholders(List<String> ids) {
    return ids.isEmpty() ? "NULL" : String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
  }

  private static List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static long count(String sql, String parameter) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql)) {
      if (parameter != null) {
        query.setString(1, parameter);
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
