package dev.ferry.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code ferry.simulator.*}: which sandbox Libraries to serve and how slow they are. Without a
 * configured password one is generated at start; it is never logged.
 */
@ConfigurationProperties(prefix = "ferry.simulator")
public class SimulatorProperties {

  /** Serve the simulated Libraries under {@code /simulator/{environment}}. */
  private boolean enabled = true;
  private List<String> environments = new ArrayList<>(List.of("dev", "prod"));
  private String username = "ferry";
  private String password;
  private Duration createDuration = Duration.ofSeconds(10);
  private Duration importDuration = Duration.ofSeconds(15);
  private Duration undoDuration = Duration.ofSeconds(10);
  /**
   * How long a target takes to validate a package, from its {@code PUT /api/migrations/{id}/validation}
   * until the source shows {@code validated} or {@code validation_failed}.
   */
  private Duration validationDuration = Duration.ofSeconds(10);
  /**
   * How a step reports its progress over its duration: {@code linear}, {@code front-loaded},
   * {@code stalled-then-fast} or {@code none} (see {@link ProgressCurve}).
   */
  private String progressCurve = "linear";
  /** A session without a call for this long is gone ({@code ERR009}), like an HTTP session timeout. */
  private Duration sessionTimeout = Duration.ofMinutes(30);
  /** The share of API calls that fail with 503 ERR0016, spread evenly (0 to below 1). */
  private double errorRate;
  /** Added to every API call. */
  private Duration latency = Duration.ZERO;
  /**
   * Lost answers, by endpoint ({@code POST_MIGRATION}, {@code PUT_MIGRATION}, … as in
   * {@link Endpoint}): the next that many accepted calls are done, then the connection drops
   * without an answer, as when a network fails between the Library and Ferry. Only calls that
   * change a Library lose their answer; a {@code GET} always answers.
   */
  private java.util.Map<String, Integer> lostAnswers = new java.util.LinkedHashMap<>();
  /** At most this many packages in one migration group, as the Library's configuration file sets it. */
  private int maxGroupPackages = 100;
  /**
   * The size of a package a simulated Library builds, so of its binary download; a
   * {@code size-<n>k|m|g} marker in the package name overrides it.
   */
  private DataSize packageSize = DataSize.ofKilobytes(64);
  /**
   * At most this many files in a simulated Library's shared file store, as the Library's
   * {@code storage.sharedFileStore.migrations.packages.maxNumber} sets it.
   */
  private int maxUploadedPackages = 1000;

  Timings timings() {
    return new Timings(createDuration, importDuration, undoDuration, validationDuration,
        ProgressCurve.of(progressCurve));
  }

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public List<String> getEnvironments() { return environments; }
  public void setEnvironments(List<String> environments) { this.environments = environments; }
  public String getUsername() { return username; }
  public void setUsername(String username) { this.username = username; }
  public String getPassword() { return password; }
  public void setPassword(String password) { this.password = password; }
  public Duration getCreateDuration() { return createDuration; }
  public void setCreateDuration(Duration createDuration) { this.createDuration = createDuration; }
  public Duration getImportDuration() { return importDuration; }
  public void setImportDuration(Duration importDuration) { this.importDuration = importDuration; }
  public Duration getUndoDuration() { return undoDuration; }
  public void setUndoDuration(Duration undoDuration) { this.undoDuration = undoDuration; }
  public Duration getValidationDuration() { return validationDuration; }
  public void setValidationDuration(Duration validationDuration) { this.validationDuration = validationDuration; }
  public String getProgressCurve() { return progressCurve; }
  public void setProgressCurve(String progressCurve) { this.progressCurve = progressCurve; }
  public double getErrorRate() { return errorRate; }
  public void setErrorRate(double errorRate) { this.errorRate = errorRate; }
  public Duration getLatency() { return latency; }
  public java.util.Map<String, Integer> getLostAnswers() { return lostAnswers; }
  public void setLostAnswers(java.util.Map<String, Integer> lostAnswers) { this.lostAnswers = lostAnswers; }
  public void setLatency(Duration latency) { this.latency = latency; }
  public Duration getSessionTimeout() { return sessionTimeout; }
  public void setSessionTimeout(Duration sessionTimeout) { this.sessionTimeout = sessionTimeout; }
  public int getMaxGroupPackages() { return maxGroupPackages; }
  public void setMaxGroupPackages(int maxGroupPackages) { this.maxGroupPackages = maxGroupPackages; }
  public DataSize getPackageSize() { return packageSize; }
  public void setPackageSize(DataSize packageSize) { this.packageSize = packageSize; }
  public int getMaxUploadedPackages() { return maxUploadedPackages; }
  public void setMaxUploadedPackages(int maxUploadedPackages) { this.maxUploadedPackages = maxUploadedPackages; }
}
