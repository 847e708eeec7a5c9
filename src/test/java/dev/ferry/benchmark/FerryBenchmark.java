package dev.ferry.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.restart.FerryNode;
import dev.ferry.simulator.SimulatorApplication;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.FerryHttp.Answer;
import dev.ferry.support.Requests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.table.Table;
import org.h2.table.TableType;
import org.junit.jupiter.api.Test;

/**
 * The benchmark of issue 14: a Library simulator in a JVM of its own, Ferry in another, N
 * migrations started over Ferry REST at once, a requester and an approver completing their tasks
 * as they appear, and beside them the vendor sample's loop ({@code sleep(2)} polling, no
 * approval) against the same simulator. Prints the figures; asserts only that every migration
 * ended imported. Not part of {@code mvn verify}: {@code mvn -Pbenchmark verify -Dbenchmark.n=100
 * -Dbenchmark.db=h2} (see the README).
 */
class FerryBenchmark {

  static final ObjectMapper JSON = new ObjectMapper();
  static final DateTimeFormatter CAMUNDA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  final int n = Integer.getInteger("benchmark.n", 100);
  final String db = System.getProperty("benchmark.db", "h2");
  final Duration create = Duration.parse(System.getProperty("benchmark.create", "PT20S"));
  final Duration validate = Duration.parse(System.getProperty("benchmark.validate", "PT10S"));
  final Duration importing = Duration.parse(System.getProperty("benchmark.import", "PT30S"));
  final String curve = System.getProperty("benchmark.curve", "linear");
  final int peers = Integer.getInteger("benchmark.peers", Math.min(n, 100));
  /** Ferry's JVM as it ships (jvm.options, which the Docker image reads too), then the overrides. */
  final String heap = System.getProperty("benchmark.xmx", "");
  final List<String> jvmOptions = List.of(System.getProperty("benchmark.jvm-options", "").split("\\s+"));
  final List<String> extraArgs = List.of(System.getProperty("benchmark.ferry-args", "").split("\\s+"));
  final Duration patience = Duration.ofMinutes(Long.getLong("benchmark.minutes", 10 + n / 50));
  final String password = "library-secret-for-benchmarks";

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  final StringBuilder report = new StringBuilder();

  @Test
  void run() throws Exception {
    Path work = Paths.get("target", "benchmark", db + "-" + n + "-" + System.currentTimeMillis()).toAbsolutePath();
    Files.createDirectories(work);
    Process library = startLibrary(work);
    FerryNode ferry = null;
    String pgDatabase = null;
    try {
      int libraryPort = awaitLibrary(work);
      String datasource;
      List<String> args = new ArrayList<>(environmentArgs(libraryPort));
      if (db.equals("postgres")) {
        pgDatabase = "ferry_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = DriverManager.getConnection(pgServer() + "test", "postgres", "");
            Statement s = admin.createStatement()) {
          s.execute("CREATE DATABASE " + pgDatabase);
        }
        datasource = pgServer() + pgDatabase;
        args.add("--spring.profiles.active=postgres");
      } else {
        datasource = "jdbc:h2:file:" + work.resolve("data/ferry") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
            + System.getProperty("benchmark.h2-options", ";RETENTION_TIME=0;COMPRESS=TRUE");
      }
      args.add("--ferry.simulator.enabled=false");
      args.add("--ferry.queue.imports.max-concurrent=0");
      args.addAll(extraArgs.stream().filter(a -> !a.isBlank()).toList());
      FerryNode.Builder builder = FerryNode.builder("bench", work)
          .jvmOptions(java.util.stream.Stream.concat(
              java.util.stream.Stream.of("@" + Paths.get(System.getProperty("benchmark.jvm-file", "jvm.options")).toAbsolutePath(), heap.isBlank() ? "" : "-Xmx" + heap),
              jvmOptions.stream()).filter(o -> !o.isBlank()).toArray(String[]::new))
          .args(args);
      builder = db.equals("postgres") ? builder.datasource(datasource, "postgres", "") : builder.datasource(datasource);
      Instant launched = Instant.now();
      ferry = builder.start();
      ferry.awaitReady(Duration.ofMinutes(5));
      line("Ferry ready after %.1f s (JVM start to REST answering), pid %d", seconds(launched, ferry.readyAt()),
          ferry.pid());

      Path h2File = work.resolve("data/ferry.mv.db");
      long empty = db.equals("h2") && Files.exists(h2File) ? Files.size(h2File) : 0;
      FerryNode node = ferry;
      AtomicBoolean stop = new AtomicBoolean();
      Map<String, Instant> started = new ConcurrentHashMap<>();
      ExecutorService bots = Executors.newFixedThreadPool(3);
      Future<?> requester = bots.submit(() -> completeTasks(node, "rita", "request-import",
          "{}", stop));
      Future<?> approver = bots.submit(() -> completeTasks(node, "abe", "approve-import",
          "{\"variables\":{\"decision\":{\"value\":\"approved\"}}}", stop));
      Future<?> reviewer = bots.submit(() -> completeTasks(node, "rita", "review-import",
          "{\"variables\":{\"undo\":{\"value\":false}}}", stop));

      double cpuAtReady = cpuSeconds(ferry.pid());
      double compilersAtReady = compilerSeconds(ferry.pid());
      double startsPerSecond = startAll(node, started);
      line("REST starts: %d in a burst, %.1f per second", n, startsPerSecond);
      // the sample starts once the burst is over, so the burst measures Ferry alone
      Peer peer = new Peer(http, libraryPort, password);
      Thread peerRun = new Thread(() -> peer.run(peers, patience), "vendor-sample");
      peerRun.start();

      long[] largestFile = {0};
      Thread fileWatch = new Thread(() -> {
        while (!stop.get()) {
          try {
            largestFile[0] = Math.max(largestFile[0], Files.exists(h2File) ? Files.size(h2File) : 0);
            TimeUnit.SECONDS.sleep(1);
          } catch (IOException | InterruptedException e) {
            return;
          }
        }
      }, "h2-file-watch");
      fileWatch.setDaemon(true);
      fileWatch.start();
      Map<String, JsonNode> ended = awaitEnded(node, started.keySet());
      double cpuPerMigration = (cpuSeconds(ferry.pid()) - cpuAtReady) / n;
      double compilersPerMigration = (compilerSeconds(ferry.pid()) - compilersAtReady) / n;
      if (db.equals("h2")) {
        long atEnd = Files.size(h2File);
        TimeUnit.SECONDS.sleep(30); // Ferry idle: what is left once it has had time to compact
        long settled = Files.size(h2File);
        line("H2 file: %.1f MB empty (Ferry ready); while Ferry ran largest %.1f MB, when the last ended %.1f MB, "
            + "30 s later %.1f MB: grew %.0f KB per migration", empty / 1e6, largestFile[0] / 1e6, atEnd / 1e6,
            settled / 1e6, (settled - empty) / 1024.0 / n);
      }
      stop.set(true);
      peerRun.join(patience.toMillis());
      bots.shutdown();
      requester.get(1, TimeUnit.MINUTES);
      approver.get(1, TimeUnit.MINUTES);
      reviewer.get(1, TimeUnit.MINUTES);

      long rssKb = vmHwmKb(ferry.pid());
      Map<String, JsonNode> journal = journal(libraryPort);
      figures(node, started, ended, journal, peer);
      line("Ferry CPU per migration (user + system, from the burst to the last end): %.0f ms, of which the JIT "
          + "compilers %.0f ms", cpuPerMigration * 1000, compilersPerMigration * 1000);
      line("Ferry peak RSS (VmHWM): %d MB with %s %s%s", rssKb / 1024, System.getProperty("benchmark.jvm-file", "jvm.options"), heap.isBlank() ? "" : "-Xmx" + heap + " ",
          String.join(" ", jvmOptions));

      ferry.stop();
      storage(work, datasource);
      if (db.equals("h2")) {
        // once more, to delete the history as history cleanup does and see the file shrink
        ferry.close();
        ferry = builder.start();
        ferry.awaitReady(Duration.ofMinutes(5));
        Instant cleaning = Instant.now();
        long left = deleteHistory(ferry);
        double took = seconds(cleaning, Instant.now());
        TimeUnit.SECONDS.sleep(30);
        line("H2 file once the migrations' history was deleted (%d instances left after %.0f s) and 30 s idle: "
            + "%.1f MB, %.0f KB per migration over the empty file", left, took, Files.size(h2File) / 1e6,
            (Files.size(h2File) - empty) / 1024.0 / n);
        ferry.stop();
      }
      Files.writeString(work.resolve("report.txt"), report.toString());
      System.out.println("\n==== Ferry benchmark: " + n + " migrations on " + db + ", curve " + curve + " ====\n"
          + report + "(report: " + work.resolve("report.txt") + ")\n");
      assertThat(ended).as("migrations that ended").hasSize(n);
      assertThat(ended.values()).as("outcomes").allMatch(o -> "imported".equals(o.asText()));
    } finally {
      if (ferry != null) {
        ferry.close();
      }
      library.destroy();
      library.waitFor(30, TimeUnit.SECONDS);
      if (pgDatabase != null) {
        try (Connection admin = DriverManager.getConnection(pgServer() + "test", "postgres", "");
            Statement s = admin.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
        }
      }
    }
  }

  private static String pgServer() {
    return System.getProperty("benchmark.pg", "jdbc:postgresql://127.0.0.1:5432/");
  }

  // --- the Library ----------------------------------------------------------------------------

  private Process startLibrary(Path work) throws IOException {
    // Ferry's own classpath and main class: the simulator as docker-compose runs it, alone
    String classpath = FerryNode.ferryClasspath();
    List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath, SimulatorApplication.class.getName(),
        "--server.port=0", "--spring.main.banner-mode=off", "--ferry.simulator.enabled=true",
        "--ferry.simulator.password=" + password,
        "--ferry.simulator.create-duration=" + create, "--ferry.simulator.validation-duration=" + validate,
        "--ferry.simulator.import-duration=" + importing, "--ferry.simulator.progress-curve=" + curve,
        "--server.tomcat.threads.max=64", "--logging.level.root=warn",
        "--logging.level.org.springframework.boot.web.embedded.tomcat=info"));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("library.log").toFile()).start();
  }

  private int awaitLibrary(Path work) throws Exception {
    Instant until = Instant.now().plus(Duration.ofMinutes(2));
    java.util.regex.Pattern started = java.util.regex.Pattern.compile("Tomcat started on port (\\d+)");
    while (Instant.now().isBefore(until)) {
      var matcher = started.matcher(Files.readString(work.resolve("library.log")));
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("the simulator did not start; see " + work.resolve("library.log"));
  }

  private List<String> environmentArgs(int port) {
    List<String> args = new ArrayList<>();
    String[] names = {"dev", "prod"};
    for (int i = 0; i < names.length; i++) {
      String prefix = "--ferry.environments[" + i + "].";
      args.add(prefix + "id=" + names[i]);
      args.add(prefix + "name=Library " + names[i]);
      args.add(prefix + "url=http://localhost:" + port + "/simulator/" + names[i]);
      args.add(prefix + "username=ferry");
      args.add(prefix + "password=" + password);
    }
    return args;
  }

  private Map<String, JsonNode> journal(int port) throws Exception {
    Map<String, JsonNode> byId = new HashMap<>();
    for (String env : List.of("dev", "prod")) {
      LibraryCalls calls = new LibraryCalls(http, "http://localhost:" + port + "/simulator/" + env + "/api", password);
      for (JsonNode m : calls.get("/journal").path("migrations")) {
        ObjectNode merged = (ObjectNode) byId.computeIfAbsent(m.path("id").asText(), id -> JSON.createObjectNode()
            .put("calls", 0).set("steps", JSON.createArrayNode()));
        merged.put("calls", merged.path("calls").asLong() + m.path("calls").asLong());
        if (m.hasNonNull("name")) {
          merged.put("name", m.path("name").asText());
        }
        m.path("steps").forEach(step -> ((com.fasterxml.jackson.databind.node.ArrayNode) merged.get("steps"))
            .add(((ObjectNode) step).put("library", env)));
      }
    }
    return byId;
  }

  // --- Ferry ----------------------------------------------------------------------------------

  private double startAll(FerryNode ferry, Map<String, Instant> started) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    FerryHttp rest = ferry.http();
    List<Future<?>> calls = new ArrayList<>();
    Instant first = Instant.now();
    for (int i = 0; i < n; i++) {
      String key = "bench-" + i;
      String body = Requests.objectMigration(key).toString();
      calls.add(pool.submit(() -> {
        Instant at = Instant.now();
        Answer answer = rest.post("rita", "rita", "/ferry/api/migrations?businessKey=" + key, body);
        if (answer.status() != 201) {
          throw new AssertionError("start " + key + ": " + answer.status() + " " + answer.body());
        }
        started.put(key, at);
        return null;
      }));
    }
    for (Future<?> call : calls) {
      call.get(5, TimeUnit.MINUTES);
    }
    double seconds = Duration.between(first, Instant.now()).toMillis() / 1000.0;
    pool.shutdown();
    return n / Math.max(seconds, 0.001);
  }

  /** Completes every task with this key that {@code user} sees, until told to stop. */
  private void completeTasks(FerryNode ferry, String user, String taskKey, String body, AtomicBoolean stop) {
    FerryHttp rest = ferry.http();
    while (!stop.get()) {
      try {
        JsonNode tasks = rest.get(user, user, "/engine-rest/task?taskDefinitionKey=" + taskKey
            + "&processInstanceBusinessKeyLike=bench-%25&maxResults=200").json();
        for (JsonNode task : tasks) {
          rest.post(user, user, "/engine-rest/task/" + task.path("id").asText() + "/complete", body);
        }
        if (tasks.isEmpty()) {
          TimeUnit.MILLISECONDS.sleep(200);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // a task completed by another round, or Ferry busy: ask again
      }
    }
  }

  private Map<String, JsonNode> awaitEnded(FerryNode ferry, Set<String> keys) throws InterruptedException {
    FerryHttp rest = ferry.http();
    Map<String, JsonNode> outcomes = new TreeMap<>();
    Instant until = Instant.now().plus(patience);
    while (outcomes.size() < keys.size() && Instant.now().isBefore(until)) {
      try {
        JsonNode vars = rest.get(ferry.adminUser(), ferry.adminPassword(),
            "/engine-rest/history/variable-instance?variableName=outcome&processDefinitionKey=migration"
                + "&maxResults=100000").json();
        Map<String, String> byInstance = new HashMap<>();
        vars.forEach(v -> byInstance.put(v.path("processInstanceId").asText(), v.path("value").asText()));
        JsonNode instances = rest.get(ferry.adminUser(), ferry.adminPassword(),
            "/engine-rest/history/process-instance?processDefinitionKey=migration&finished=true&maxResults=100000")
            .json();
        for (JsonNode pi : instances) {
          String key = pi.path("businessKey").asText();
          if (keys.contains(key) && byInstance.containsKey(pi.path("id").asText())) {
            outcomes.put(key, JSON.getNodeFactory().textNode(byInstance.get(pi.path("id").asText())));
          }
        }
      } catch (RuntimeException busy) {
        // ask again
      }
      TimeUnit.SECONDS.sleep(2);
    }
    return outcomes;
  }

  /**
   * Deletes the history of every benchmark instance over REST (a batch, as the engine's history
   * cleanup deletes it) and waits until it is gone; answers how many historic instances are left.
   */
  private long deleteHistory(FerryNode ferry) throws InterruptedException {
    FerryHttp rest = ferry.http();
    Answer answer = rest.post(ferry.adminUser(), ferry.adminPassword(), "/engine-rest/history/process-instance/delete",
        "{\"historicProcessInstanceQuery\":{\"processInstanceBusinessKeyLike\":\"bench-%\",\"finished\":true},"
            + "\"deleteReason\":\"benchmark\"}");
    if (answer.status() != 200) {
      throw new AssertionError("deleting the history: " + answer.status() + " " + answer.body());
    }
    Instant until = Instant.now().plus(Duration.ofMinutes(5));
    long left = Long.MAX_VALUE;
    while (left > 0 && Instant.now().isBefore(until)) {
      TimeUnit.SECONDS.sleep(1);
      left = rest.get(ferry.adminUser(), ferry.adminPassword(),
          "/engine-rest/history/process-instance/count?processInstanceBusinessKeyLike=bench-%25").json().path("count")
          .asLong(Long.MAX_VALUE);
    }
    return left;
  }

  // --- figures --------------------------------------------------------------------------------

  private void figures(FerryNode ferry, Map<String, Instant> started, Map<String, JsonNode> ended,
      Map<String, JsonNode> journal, Peer peer) {
    FerryHttp rest = ferry.http();
    Map<String, JsonNode> byName = new HashMap<>();
    journal.values().forEach(m -> byName.put(m.path("name").asText(), m));
    JsonNode instances = rest.get(ferry.adminUser(), ferry.adminPassword(),
        "/engine-rest/history/process-instance?processDefinitionKey=migration&maxResults=100000").json();
    Map<String, JsonNode> byKey = new HashMap<>();
    instances.forEach(pi -> byKey.put(pi.path("businessKey").asText(), pi));
    JsonNode tasks = rest.get(ferry.adminUser(), ferry.adminPassword(),
        "/engine-rest/history/task?processInstanceBusinessKeyLike=bench-%25&maxResults=100000").json();
    Map<String, Long> userMillis = new HashMap<>();
    Map<String, List<long[]>> userTasks = new HashMap<>();
    for (JsonNode task : tasks) {
      if (task.hasNonNull("endTime")) {
        long from = camunda(task.path("startTime")).toEpochMilli();
        long to = camunda(task.path("endTime")).toEpochMilli();
        String key = task.path("processInstanceBusinessKey").asText();
        userMillis.merge(key, to - from, Long::sum);
        userTasks.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {from, to});
      }
    }
    // Ferry's own time: from each step seen (or the start) to the next step's start, less user tasks
    Map<String, List<Double>> own = new java.util.LinkedHashMap<>();
    List<Double> ratios = new ArrayList<>();
    List<Long> calls = new ArrayList<>();
    Map<String, List<Long>> lateness = new TreeMap<>();
    Map<String, List<Double>> looks = new TreeMap<>();
    for (String key : ended.keySet()) {
      JsonNode pi = byKey.get(key);
      JsonNode library = journal.values().stream().filter(m -> m.path("name").asText().equals(key)).findFirst()
          .orElse(null);
      if (pi == null || library == null || !pi.hasNonNull("endTime")) {
        continue;
      }
      long endToEnd = Duration.between(started.get(key), camunda(pi.path("endTime"))).toMillis();
      long libraryMillis = 0;
      long since = started.get(key).toEpochMilli();
      String after = "start";
      for (JsonNode step : library.path("steps")) {
        own.computeIfAbsent("before " + step.path("step").asText() + " (after " + after + ")", g -> new ArrayList<>())
            .add((double) gap(since, step.path("start").asLong(), userTasks.getOrDefault(key, List.of())));
        since = step.path("seen").asLong(step.path("end").asLong());
        after = step.path("step").asText();
        if (step.has("end")) {
          libraryMillis += step.path("end").asLong() - step.path("start").asLong();
          if (step.has("seen")) {
            lateness.computeIfAbsent(step.path("step").asText(), s -> new ArrayList<>())
                .add(step.path("seen").asLong() - step.path("end").asLong());
            looks.computeIfAbsent(step.path("step").asText(), s -> new ArrayList<>()).add(step.path("looks").asDouble());
          }
        }
      }
      own.computeIfAbsent("after " + after + " (to the end)", g -> new ArrayList<>())
          .add((double) gap(since, camunda(pi.path("endTime")).toEpochMilli(), userTasks.getOrDefault(key, List.of())));
      ratios.add((endToEnd - userMillis.getOrDefault(key, 0L)) / (double) libraryMillis);
      calls.add(library.path("calls").asLong());
    }
    line("");
    line("%-44s %-26s %-26s", "", "Ferry", "vendor sample (sleep 2)");
    line("%-44s %-26s %-26s", "migrations ended imported", ended.values().stream()
        .filter(o -> o.asText().equals("imported")).count() + " of " + n, peer.finished() + " of " + peers);
    line("%-44s %-26s %-26s", "(end-to-end - user tasks) / Library time", dist(ratios, "%.3f"),
        dist(peer.ratios(journal), "%.3f"));
    for (String step : List.of("create", "validation", "import")) {
      line("%-44s %-26s %-26s", "lateness " + step + " (median / p95 / max, ms)",
          dist(lateness.getOrDefault(step, List.of()).stream().map(Long::doubleValue).toList(), "%.0f"),
          step.equals("validation") ? "(no validation)" : dist(peer.lateness(step, journal), "%.0f"));
    }
    List<Long> allLate = new ArrayList<>();
    lateness.values().forEach(allLate::addAll);
    line("%-44s %-26s %-26s", "lateness all waits (median / p95 / max, ms)",
        dist(allLate.stream().map(Long::doubleValue).toList(), "%.0f"), dist(peer.allLateness(journal), "%.0f"));
    line("%-44s %-26s %-26s", "looks per wait: create / validation / import", String.format(Locale.ROOT,
        "%.2f / %.2f / %.2f", mean(looks.get("create")), mean(looks.get("validation")), mean(looks.get("import"))),
        String.format(Locale.ROOT, "%.2f / - / %.2f", mean(peer.looks("create", journal)),
            mean(peer.looks("import", journal))));
    own.forEach((gap, millis) -> line("%-44s %-26s", "Ferry's own time " + gap + " (ms)", dist(millis, "%.0f")));
    line("%-44s %-26s %-26s", "Library calls per migration (mean / max)",
        // needed: create, package read for the summary, target, read, validate, validating, request,
        // approve, full read, replicate, and one GET per wait (created, validated, imported)
        String.format(Locale.ROOT, "%.1f / %d (needed 13)", calls.stream().mapToLong(Long::longValue).average()
            .orElse(0), calls.stream().mapToLong(Long::longValue).max().orElse(0)),
        String.format(Locale.ROOT, "%.1f / %d (needed 7)", peer.calls(journal).stream().mapToLong(Long::longValue)
            .average().orElse(0), peer.calls(journal).stream().mapToLong(Long::longValue).max().orElse(0)));
    line("");
  }

  static double mean(List<Double> values) {
    return values == null ? Double.NaN : values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** From {@code from} to {@code to}, less the user tasks that lay in between (epoch ms). */
  static long gap(long from, long to, List<long[]> userTasks) {
    long inside = 0;
    for (long[] task : userTasks) {
      inside += Math.max(0, Math.min(to, task[1]) - Math.max(from, task[0]));
    }
    return to - from - inside;
  }

  static String dist(List<Double> values, String format) {
    if (values.isEmpty()) {
      return "-";
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(Locale.ROOT, format + " / " + format + " / " + format, quantile(sorted, 0.5),
        quantile(sorted, 0.95), sorted.get(sorted.size() - 1));
  }

  static double quantile(List<Double> sorted, double q) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
  }

  static Instant camunda(JsonNode value) {
    return OffsetDateTime.parse(value.asText(), CAMUNDA).toInstant();
  }

  /** The process's CPU time so far (user and system), from /proc/pid/stat in clock ticks of 1/100 s. */
  private static double cpuSeconds(long pid) throws IOException {
    return ticks(Paths.get("/proc/" + pid + "/stat")) / 100.0;
  }

  /** User + system clock ticks in a {@code /proc/.../stat} file (fields 14 and 15). */
  private static long ticks(Path stat) throws IOException {
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** CPU time so far of the process's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"). */
  private static double compilerSeconds(long pid) throws IOException {
    long ticks = 0;
    try (var tasks = Files.list(Paths.get("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm"));
          if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            ticks += ticks(task.resolve("stat"));
          }
        } catch (IOException gone) {
          // a compiler thread that ended meanwhile
        }
      }
    }
    return ticks / 100.0;
  }

  private static long vmHwmKb(long pid) throws IOException {
    for (String l : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
      if (l.startsWith("VmHWM:")) {
        return Long.parseLong(l.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  /** History rows per migration (ACT_HI_*, FERRY_*), and the H2 file per migration, once Ferry has stopped. */
  private void storage(Path work, String datasource) throws SQLException, IOException {
    String url = db.equals("h2") ? datasource.substring(0, datasource.indexOf(';')) : datasource;
    if (db.equals("h2")) {
      Path file = work.resolve("data/ferry.mv.db");
      line("H2 file after Ferry stopped: %.1f MB, %.0f KB per migration", Files.size(file) / 1e6,
          Files.size(file) / 1024.0 / n);
    }
    try (Connection c = db.equals("h2") ? DriverManager.getConnection(url, "sa", "")
        : DriverManager.getConnection(url, "postgres", "")) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT);
          if ((name.startsWith("ACT_HI_") || name.startsWith("FERRY_") || name.equals("ACT_RU_VARIABLE"))
              && !tables.contains(rs.getString("TABLE_NAME"))) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
      }
      Collections.sort(tables);
      StringBuilder rows = new StringBuilder();
      long total = 0;
      for (String table : tables) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rs.next();
          long count = rs.getLong(1);
          if (count > 0) {
            rows.append(String.format(Locale.ROOT, "  %-28s %8.1f%n", table.toUpperCase(Locale.ROOT),
                count / (double) n));
          }
          if (table.toUpperCase(Locale.ROOT).startsWith("ACT_HI_")) {
            total += count;
          }
        }
      }
      line("history rows per migration: %.1f (ACT_HI_* together); by table:%n%s", total / (double) n, rows);
      StringBuilder details = new StringBuilder();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT NAME_, COUNT(*) FROM ACT_HI_DETAIL "
          + "GROUP BY NAME_ ORDER BY COUNT(*) DESC LIMIT 8")) {
        while (rs.next()) {
          details.append(String.format(Locale.ROOT, "  %-28s %8.1f%n", rs.getString(1), rs.getLong(2) / (double) n));
        }
      }
      line("variable updates kept (ACT_HI_DETAIL) per migration, the most frequent:%n%s", details);
      if (db.equals("h2")) {
        line("H2 file read back whole after the stop: every page of %d tables and their indexes", readWhole(c));
      }
    }
  }

  /**
   * Reads every page of every table and index of the H2 file, as H2 does to sum their sizes: a page
   * that points at a chunk no longer in the file fails the run here. Answers how many tables it read.
   * (The sizes themselves are not printed: at 1,000 migrations H2's sums gave 0 KB for tables of
   * 67,000 rows.)
   */
  private int readWhole(Connection c) throws SQLException {
    SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
    int tables = 0;
    for (Table table : session.getDatabase().getMainSchema().getAllTablesAndViews(session)) {
      if (table.getTableType() == TableType.TABLE) {
        table.getDiskSpaceUsed(true, false);
        tables++;
      }
    }
    return tables;
  }

  private void line(String format, Object... args) {
    String text = String.format(Locale.ROOT, format, args);
    report.append(text).append(System.lineSeparator());
    System.out.println(text);
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  // --- the vendor's sample --------------------------------------------------------------------

  /**
   * The vendor sample's loop as a client of the same simulator: create, {@code sleep(2)} until
   * created, request and approve at once, read the full body, replicate, {@code sleep(2)} until
   * imported. No validation, no people.
   */
  static final class Peer {
    private final LibraryCalls dev;
    private final LibraryCalls prod;
    private final Map<String, long[]> runs = new ConcurrentHashMap<>();

    Peer(HttpClient http, int port, String password) {
      this.dev = new LibraryCalls(http, "http://localhost:" + port + "/simulator/dev/api", password);
      this.prod = new LibraryCalls(http, "http://localhost:" + port + "/simulator/prod/api", password);
    }

    void run(int count, Duration patience) {
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, count));
      for (int i = 0; i < count; i++) {
        String name = "peer-" + i;
        pool.submit(() -> migrate(name));
      }
      pool.shutdown();
      try {
        pool.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pool.shutdownNow();
    }

    private Void migrate(String name) throws Exception {
      long start = System.currentTimeMillis();
      JsonNode created = dev.post("/migrations", Requests.objectMigration(name).toString(),
          Map.of("X-MSTR-ProjectID", Requests.SOURCE_PROJECT));
      String id = created.path("id").asText();
      while (!"created".equals(dev.get("/migrations/" + id).at("/packageInfo/status").asText())) {
        TimeUnit.SECONDS.sleep(2);
      }
      dev.patch("/migrations/" + id, "{\"importInfo\":{\"importRequestStatus\":\"requested\"}}");
      dev.patch("/migrations/" + id, "{\"importInfo\":{\"importRequestStatus\":\"approved\"}}");
      ObjectNode full = (ObjectNode) dev.get("/migrations/" + id + "?showContent=all");
      ((ObjectNode) full.get("packageInfo")).put("replicated", true);
      prod.put("/migrations/" + id, full.toString(), Map.of("X-MSTR-ProjectID", Requests.TARGET_PROJECT,
          "Prefer", "respond-async"));
      while (!"imported".equals(prod.get("/migrations/" + id).at("/importInfo/status").asText())) {
        TimeUnit.SECONDS.sleep(2);
      }
      runs.put(name, new long[] {start, System.currentTimeMillis()});
      return null;
    }

    long finished() {
      return runs.size();
    }

    List<Double> ratios(Map<String, JsonNode> journal) {
      List<Double> ratios = new ArrayList<>();
      runs.forEach((name, span) -> journal.values().stream().filter(m -> m.path("name").asText().equals(name))
          .findFirst().ifPresent(m -> {
            long library = 0;
            for (JsonNode step : m.path("steps")) {
              library += step.path("end").asLong() - step.path("start").asLong();
            }
            ratios.add((span[1] - span[0]) / (double) library);
          }));
      return ratios;
    }

    List<Double> lateness(String step, Map<String, JsonNode> journal) {
      return seen(step, journal, s -> s.path("seen").asLong() - s.path("end").asLong());
    }

    /** GETs from each {@code step}'s start to the first that showed its end. */
    List<Double> looks(String step, Map<String, JsonNode> journal) {
      return seen(step, journal, s -> s.path("looks").asDouble());
    }

    /** {@code value} of each of the sample's {@code step}s that a GET showed ended. */
    private List<Double> seen(String step, Map<String, JsonNode> journal,
        java.util.function.ToDoubleFunction<JsonNode> value) {
      List<Double> values = new ArrayList<>();
      peerEntries(journal).forEach(m -> m.path("steps").forEach(s -> {
        if (s.path("step").asText().equals(step) && s.has("seen")) {
          values.add(value.applyAsDouble(s));
        }
      }));
      return values;
    }

    List<Double> allLateness(Map<String, JsonNode> journal) {
      List<Double> late = new ArrayList<>(lateness("create", journal));
      late.addAll(lateness("import", journal));
      return late;
    }

    List<Long> calls(Map<String, JsonNode> journal) {
      return peerEntries(journal).stream().map(m -> m.path("calls").asLong()).toList();
    }

    private List<JsonNode> peerEntries(Map<String, JsonNode> journal) {
      return journal.values().stream().filter(m -> runs.containsKey(m.path("name").asText())).toList();
    }
  }

  /** A logged-in client of one simulated Library (token and cookie), as the vendor's script keeps them. */
  static final class LibraryCalls {
    private final HttpClient http;
    private final String base;
    private final String password;
    private String token;
    private String cookie;

    LibraryCalls(HttpClient http, String base, String password) {
      this.http = http;
      this.base = base;
      this.password = password;
    }

    private synchronized void login() throws IOException, InterruptedException {
      if (token != null) {
        return;
      }
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/auth/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ferry\",\"password\":\"" + password
              + "\",\"loginMode\":1}")).build(), HttpResponse.BodyHandlers.ofString());
      token = answer.headers().firstValue("X-MSTR-AuthToken").orElseThrow();
      cookie = answer.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    JsonNode get(String path) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
    }

    JsonNode post(String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)),
          headers);
    }

    JsonNode patch(String path, String body) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(base + path))
          .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), Map.of());
    }

    JsonNode put(String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(body)),
          headers);
    }

    private JsonNode send(HttpRequest.Builder request, Map<String, String> headers)
        throws IOException, InterruptedException {
      login();
      request.header("X-MSTR-AuthToken", token).header("Cookie", cookie).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(60));
      headers.forEach(request::header);
      HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() >= 400) {
        throw new IOException(answer.statusCode() + " " + answer.body());
      }
      return answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
    }
  }
}
