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
}
