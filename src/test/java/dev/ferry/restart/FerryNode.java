package dev.ferry.restart;

import static org.awaitility.Awaitility.await;

import dev.ferry.support.FerryHttp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * One Ferry node in a JVM of its own ({@code dev.ferry.FerryApplication} on the test's classpath,
 * without the test classes), so a test can kill it hard and start another node on the same
 * database. Its output goes to {@link #logFile()}. Every node still running when the test JVM
 * exits is killed by a shutdown hook; tests still call {@link #close()} in {@code @AfterEach}.
 *
 * <pre>
 * FerryNode a = FerryNode.builder("A", workDir).datasource(url).args(library.ferryEnvironmentArgs()).start();
 * a.awaitReady();
 * a.kill();
 * </pre>
 */
public final class FerryNode implements AutoCloseable {

  public static final Duration STARTUP_PATIENCE = Duration.ofSeconds(120);
  private static final String TOMCAT_LOGGER = "org.springframework.boot.web.embedded.tomcat.TomcatWebServer";
  private static final java.util.regex.Pattern LISTENS = java.util.regex.Pattern.compile("Tomcat started on port (\\d+)");
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
        "ferry-node-reaper"));
  }

  private final String name;
  private final Process process;
  /** The port the node listens on: 0 until read from its log. */
  private volatile int port;
  private final Path logFile;
  private final String adminUser;
  private final String adminPassword;
  private final List<String> readinessUsers;
  private final Instant startedAt;
  private volatile Instant readyAt;

  private FerryNode(Builder builder, Process process, Path logFile, Instant startedAt) {
    this.name = builder.name;
    this.process = process;
    this.logFile = logFile;
    this.adminUser = builder.adminUser;
    this.adminPassword = builder.adminPassword;
    this.readinessUsers = builder.demoUsers ? List.of("rita", "abe") : List.of();
    this.startedAt = startedAt;
  }

  /** A node named {@code name} (for logs and messages) that keeps its log and package store under {@code workDir}. */
  public static Builder builder(String name, Path workDir) {
    return new Builder(name, workDir);
  }

  public static final class Builder {
    private final String name;
    private final Path workDir;
    private String datasourceUrl;
    private String datasourceUsername;
    private String datasourcePassword;
    private String adminUser = "admin";
    private String adminPassword = "admin-secret-for-restarts";
    private final List<String> jvmOptions = new ArrayList<>(
        List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    private final List<String> args = new ArrayList<>();
    private boolean demoUsers = true;

    private Builder(String name, Path workDir) {
      this.name = name;
      this.workDir = workDir;
    }

    /** The JDBC URL (and, for a server database, credentials); every node of one test shares it. */
    public Builder datasource(String url) {
      this.datasourceUrl = url;
      return this;
    }

    public Builder datasource(String url, String username, String password) {
      this.datasourceUrl = url;
      this.datasourceUsername = username;
      this.datasourcePassword = password;
      return this;
    }

    public Builder admin(String user, String password) {
      this.adminUser = user;
      this.adminPassword = password;
      return this;
    }

    /** Creates {@code rita} (requester) and {@code abe} (approver); on by default. */
    public Builder demoUsers(boolean on) {
      this.demoUsers = on;
      return this;
    }

    /** Replaces the JVM options (default {@code -Xmx512m}, C1 only, serial GC: a quick start on two cores). */
    public Builder jvmOptions(String... options) {
      jvmOptions.clear();
      jvmOptions.addAll(List.of(options));
      return this;
    }

    /** Spring arguments ({@code --name=value}); they win over the application.yml. */
    public Builder args(List<String> more) {
      args.addAll(more);
      return this;
    }

    public Builder args(String... more) {
      return args(List.of(more));
    }

    /** Starts the JVM; {@link FerryNode#awaitReady()} waits until it answers. */
    public FerryNode start() {
      if (datasourceUrl == null) {
        throw new IllegalStateException("FerryNode " + name + ": no datasource");
      }
      try {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("ferry-" + name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(workDir.resolve("tmp-" + name)));
        command.add("-cp");
        command.add(ferryClasspath());
        command.add("dev.ferry.FerryApplication");
        // The node takes a free port itself and logs it (read by port()): a port picked here could be
        // taken by another process before the node binds it.
        command.add("--server.port=0");
        command.add("--logging.level." + TOMCAT_LOGGER + "=info");
        command.add("--spring.datasource.url=" + datasourceUrl);
        if (datasourceUsername != null) {
          command.add("--spring.datasource.username=" + datasourceUsername);
          command.add("--spring.datasource.password=" + (datasourcePassword == null ? "" : datasourcePassword));
        }
        command.add("--ferry.admin.username=" + adminUser);
        command.add("--ferry.admin.password=" + adminPassword);
        command.add("--ferry.sandbox.demo-users=" + demoUsers);
        command.add("--ferry.transfer.store=" + workDir.resolve("packages"));
        command.addAll(args);
        Files.writeString(log, "# " + String.join(" ", redacted(command)) + System.lineSeparator(),
            StandardCharsets.UTF_8);
        Instant startedAt = Instant.now();
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        RUNNING.add(process);
        return new FerryNode(this, process, log, startedAt);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start Ferry node " + name, e);
      }
    }

    private static List<String> redacted(List<String> command) {
      List<String> shown = new ArrayList<>();
      for (int i = 0; i < command.size(); i++) {
        String c = command.get(i);
        boolean classpath = i > 0 && command.get(i - 1).equals("-cp");
        shown.add(classpath ? "<classpath>" : c.matches("--.*password=.*") ? c.replaceAll("password=.*", "password=***") : c);
      }
      return shown;
    }
  }

  /** Waits until the node answers {@code /engine-rest/engine} for the admin and for each demo user. */
  public FerryNode awaitReady() {
    return awaitReady(STARTUP_PATIENCE);
  }

  public FerryNode awaitReady(Duration patience) {
    FerryHttp http = http();
    try {
      await("Ferry node " + name + " answers").atMost(patience).pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .failFast("Ferry node " + name + " exited", () -> !process.isAlive())
          .until(() -> http.get(adminUser, adminPassword, "/engine-rest/engine").status() == 200
              && readinessUsers.stream().allMatch(u -> http.get(u, u, "/engine-rest/engine").status() == 200));
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError("Ferry node " + name + " did not become ready; log " + logFile + ":\n" + tail(60), e);
    }
    readyAt = Instant.now();
    return this;
  }

  /** {@code kill -9}: the JVM gets no chance to finish anything. Returns once it is gone. */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** {@code kill} (SIGTERM): Spring shuts down in order. Returns once it is gone. */
  public void stop() {
    process.destroy();
    awaitExit();
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      if (!process.isAlive()) {
        RUNNING.remove(process);
      }
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the node if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  public String name() {
    return name;
  }

  /** The port the node listens on; waits until its web server has started (its log says where). */
  public int port() {
    if (port == 0) {
      try {
        port = await("Ferry node " + name + " listens").atMost(STARTUP_PATIENCE).pollInterval(Duration.ofMillis(100))
            .failFast("Ferry node " + name + " exited", () -> !process.isAlive())
            .until(this::loggedPort, p -> p > 0);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("Ferry node " + name + " logged no port; log " + logFile + ":\n" + tail(60), e);
      }
    }
    return port;
  }

  private int loggedPort() throws IOException {
    java.util.regex.Matcher listens = LISTENS.matcher(new String(Files.readAllBytes(logFile), StandardCharsets.ISO_8859_1));
    return listens.find() ? Integer.parseInt(listens.group(1)) : 0;
  }

  public long pid() {
    return process.pid();
  }

  public URI baseUri() {
    return URI.create("http://localhost:" + port());
  }

  public FerryHttp http() {
    return new FerryHttp(port());
  }

  public String adminUser() {
    return adminUser;
  }

  public String adminPassword() {
    return adminPassword;
  }

  public Path logFile() {
    return logFile;
  }

  /** When the JVM was started. */
  public Instant startedAt() {
    return startedAt;
  }

  /** When {@link #awaitReady()} first saw it answer; null before. */
  public Instant readyAt() {
    return readyAt;
  }

  /** The last {@code lines} lines of its output, for failure messages. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public String toString() {
    return "Ferry node " + name + " (pid " + process.pid() + ", port " + port + ", log " + logFile + ")";
  }

  /**
   * The test JVM's classpath without the test classes: Ferry as it ships plus the test libraries,
   * which it does not use. The test classes stay out because Ferry scans {@code dev.ferry} and
   * would pick up the tests' own configurations. Surefire usually starts the fork with a
   * manifest-only jar; its {@code Class-Path} is read, or {@code surefire.test.class.path} when set.
   */
  public static String ferryClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    List<String> entries = surefire != null && !surefire.isBlank()
        ? Arrays.asList(surefire.split(File.pathSeparator))
        : expand(System.getProperty("java.class.path"));
    return entries.stream()
        .filter(e -> !e.isBlank())
        .filter(e -> !Paths.get(e).getFileName().toString().equals("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static List<String> expand(String classpath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      entries.add(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(Paths.get(entry))) {
        try (JarFile jar = new JarFile(entry)) {
          Manifest manifest = jar.getManifest();
          String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
          if (listed != null) {
            URI base = Paths.get(entry).toAbsolutePath().getParent().toUri();
            for (String url : listed.trim().split("\\s+")) {
              entries.add(Paths.get(base.resolve(url)).toString());
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("could not read the manifest of " + entry, e);
        }
      }
    }
    return entries;
  }

}
