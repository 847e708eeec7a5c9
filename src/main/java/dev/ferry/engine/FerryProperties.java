package dev.ferry.engine;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Ferry's own knobs under {@code ferry.*} (the Library environments live in {@code LibraryProperties}). */
@ConfigurationProperties(prefix = "ferry")
public class FerryProperties {

  /** ISO-8601 retry cycle for every job that calls a Library, e.g. {@code R5/PT30S}. */
  private String retryCycle = "R5/PT30S";
  /** How long after an import the requester may still ask for undo. */
  private Duration undoWindow = Duration.ofDays(7);
  /** How long a sent-back or rejected migration waits for its requester to edit and resubmit it. */
  private Duration editWindow = Duration.ofDays(14);
  private final Validation validation = new Validation();
  private final Polling polling = new Polling();
  private final Cleanup cleanup = new Cleanup();
  private final Admin admin = new Admin();
  private final Sandbox sandbox = new Sandbox();
  private final Groups groups = new Groups();
  private final Transfer transfer = new Transfer();
  /** Where people reach Ferry (links in the status API and in notifications), without a trailing slash. */
  private String publicUrl = "http://localhost:8080";
  private final Queue queue = new Queue();

  public String getRetryCycle() { return retryCycle; }
  public void setRetryCycle(String retryCycle) { this.retryCycle = retryCycle; }
  public Duration getUndoWindow() { return undoWindow; }
  public void setUndoWindow(String undoWindow) { this.undoWindow = parseDuration(undoWindow); }
  public Duration getEditWindow() { return editWindow; }
  public void setEditWindow(String editWindow) { this.editWindow = parseDuration(editWindow); }
  public Validation getValidation() { return validation; }
  public Polling getPolling() { return polling; }
  public Cleanup getCleanup() { return cleanup; }
  public Admin getAdmin() { return admin; }
  public Sandbox getSandbox() { return sandbox; }
  public Groups getGroups() { return groups; }
  public Transfer getTransfer() { return transfer; }
  public String getPublicUrl() { return publicUrl; }
  public void setPublicUrl(String publicUrl) { this.publicUrl = publicUrl.replaceAll("/+$", ""); }
  public Queue getQueue() { return queue; }

  /** Accepts ISO durations with days ({@code P7D}) as well as times ({@code PT5S}) and Spring's {@code 5s}. */
  static Duration parseDuration(String text) {
    String value = text.trim();
    if (value.matches("(?i)P\\d+[DW]")) {
      Period period = Period.parse(value);
      return Duration.ofDays(period.getDays());
    }
    if (value.toUpperCase().startsWith("P")) {
      return Duration.parse(value);
    }
    return org.springframework.boot.convert.DurationStyle.detectAndParse(value);
  }

  /** Validation on the target before approval ("Validate migrations"), for single migrations. */
  public static class Validation {
    private boolean enabled = true;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
  }

  public static class Polling {
    /** The first look at a step whose duration Ferry cannot expect yet. */
    private Duration initialInterval = Duration.ofSeconds(2);
    private double multiplier = 1.5;
    private Duration maxInterval = Duration.ofMinutes(1);
    /** The shortest wait between two looks at one step. */
    private Duration minInterval = Duration.ofMillis(500);
    /** How late a finish may be seen: once the forecast is this precise, the next look aims just after it. */
    private Duration aimTolerance = Duration.ofMillis(600);
    /** The longest one polling loop may wait in total before it ends as timed out. */
    private Duration timeout = Duration.ofHours(4);

    public Duration getInitialInterval() { return initialInterval; }
    public void setInitialInterval(String v) { this.initialInterval = parseDuration(v); }
    public double getMultiplier() { return multiplier; }
    public void setMultiplier(double multiplier) { this.multiplier = multiplier; }
    public Duration getMaxInterval() { return maxInterval; }
    public void setMaxInterval(String v) { this.maxInterval = parseDuration(v); }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(String v) { this.timeout = parseDuration(v); }
    public Duration getMinInterval() { return minInterval; }
    public void setMinInterval(String v) { this.minInterval = parseDuration(v); }
    public Duration getAimTolerance() { return aimTolerance; }
    public void setAimTolerance(String v) { this.aimTolerance = parseDuration(v); }
  }

  public static class Cleanup {
    /** Delete the package on source and target when a migration ends. */
    private boolean deletePackages;

    public boolean isDeletePackages() { return deletePackages; }
    public void setDeletePackages(boolean deletePackages) { this.deletePackages = deletePackages; }
  }

  public static class Admin {
    private String username = "admin";
    private String password;

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
  }

  public static class Transfer {
    /**
     * Where downloaded and handed-in packages wait until they are uploaded. In a cluster every
     * node must see the same folder (shared storage): any node may run the upload.
     */
    private String store = "./data/packages";
    /** The Library's limit on one package. */
    private long maxPackageSize = 2L * 1024 * 1024 * 1024;

    public String getStore() { return store; }
    public void setStore(String store) { this.store = store; }
    public long getMaxPackageSize() { return maxPackageSize; }
    public void setMaxPackageSize(long maxPackageSize) { this.maxPackageSize = maxPackageSize; }
  }

  public static class Groups {
    /** The Library's own limit on packages in one migration group (configurable there too). */
    private int maxPackages = 100;

    public int getMaxPackages() { return maxPackages; }
    public void setMaxPackages(int maxPackages) { this.maxPackages = maxPackages; }
  }

  public static class Sandbox {
    /** Create the demo users rita (requester) and abe (approver). */
    private boolean demoUsers;

    public boolean isDemoUsers() { return demoUsers; }
    public void setDemoUsers(boolean demoUsers) { this.demoUsers = demoUsers; }
  }

  /**
   * The queues in front of each environment ({@code ferry.queue.*}): how many imports (and, if
   * wanted, validations and package creations) run against one environment at once, and when
   * imports may start. Read at every try, so a change applies to migrations already waiting.
   */
  public static class Queue {
    /** The Library advises one import per target at a time. 0 means no limit. */
    private final Limit imports = new Limit(1);
    private final Limit validations = new Limit(0);
    private final Limit creations = new Limit(0);
    /** Per environment id: its own limits and maintenance windows. */
    private java.util.Map<String, EnvironmentQueue> environments = new java.util.LinkedHashMap<>();
    /** Whether an undo waits for a maintenance window of its target too. */
    private boolean undoRespectsWindows;
    /** How often a migration waiting for a busy target tries again (a freed slot also wakes the next at once). */
    private Duration retryInterval = Duration.ofSeconds(10);
    /**
     * How long a slot stays held without news from its import; each poll of the import renews it.
     * Longer than a job's lock time plus the longest polling interval, so that a dead node's import,
     * taken over by another node, keeps its slot.
     */
    private Duration lease = Duration.ofMinutes(15);
    /** The longest a migration waits for a window or an import time before it looks at the configuration again. */
    private Duration recheckInterval = Duration.ofMinutes(5);

    public Limit getImports() { return imports; }
    public Limit getValidations() { return validations; }
    public Limit getCreations() { return creations; }
    public java.util.Map<String, EnvironmentQueue> getEnvironments() { return environments; }
    public void setEnvironments(java.util.Map<String, EnvironmentQueue> environments) { this.environments = environments; }
    public boolean isUndoRespectsWindows() { return undoRespectsWindows; }
    public void setUndoRespectsWindows(boolean undoRespectsWindows) { this.undoRespectsWindows = undoRespectsWindows; }
    public Duration getRetryInterval() { return retryInterval; }
    public void setRetryInterval(String v) { this.retryInterval = parseDuration(v); }
    public Duration getLease() { return lease; }
    public void setLease(String v) { this.lease = parseDuration(v); }
    public Duration getRecheckInterval() { return recheckInterval; }
    public void setRecheckInterval(String v) { this.recheckInterval = parseDuration(v); }

    /** The environment's own queue settings, or an empty one (the global limits, always open). */
    public EnvironmentQueue environment(String environmentId) {
      EnvironmentQueue own = environmentId == null ? null : environments.get(environmentId);
      return own == null ? new EnvironmentQueue() : own;
    }

    /** The limit for {@code queue} ({@code imports}, {@code validations}, {@code creations}) on this environment; 0 = none. */
    public int maxConcurrent(String queueName, String environmentId) {
      EnvironmentQueue own = environment(environmentId);
      Limit specific = switch (queueName) {
        case "imports" -> own.getImports();
        case "validations" -> own.getValidations();
        case "creations" -> own.getCreations();
        default -> throw new IllegalArgumentException("No queue '" + queueName + "'");
      };
      if (specific.getMaxConcurrent() != null) {
        return specific.getMaxConcurrent();
      }
      return switch (queueName) {
        case "imports" -> imports.getMaxConcurrent();
        case "validations" -> validations.getMaxConcurrent();
        default -> creations.getMaxConcurrent();
      };
    }
  }

  public static class Limit {
    /** At most this many at once; 0 means no limit; unset (per environment) means the global value. */
    private Integer maxConcurrent;

    public Limit() {
    }

    Limit(int maxConcurrent) {
      this.maxConcurrent = maxConcurrent;
    }

    public Integer getMaxConcurrent() { return maxConcurrent; }
    public void setMaxConcurrent(Integer maxConcurrent) {
      if (maxConcurrent != null && maxConcurrent < 0) {
        throw new IllegalArgumentException("max-concurrent must be 0 (no limit) or more, not " + maxConcurrent);
      }
      this.maxConcurrent = maxConcurrent;
    }
  }

  public static class EnvironmentQueue {
    private final Limit imports = new Limit();
    private final Limit validations = new Limit();
    private final Limit creations = new Limit();
    /** Maintenance windows such as {@code SAT 01:00-05:00 Europe/Berlin}; none means always open. */
    private java.util.List<String> windows = new java.util.ArrayList<>();

    public Limit getImports() { return imports; }
    public Limit getValidations() { return validations; }
    public Limit getCreations() { return creations; }
    public java.util.List<String> getWindows() { return windows; }
    public void setWindows(java.util.List<String> windows) { this.windows = windows; }
  }
}
