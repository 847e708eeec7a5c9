package dev.ferry.engine;

import org.springframework.stereotype.Component;

/** Configuration the models read in expressions, e.g. {@code ${settings.cleanupEnabled}}. */
@Component("settings")
public class Settings {

  private final FerryProperties properties;

  public Settings(FerryProperties properties) {
    this.properties = properties;
  }

  /** {@code ferry.validation.enabled}: validate single migrations on the target before approval. */
  public boolean isValidationEnabled() {
    return properties.getValidation().isEnabled();
  }

  /** {@code ferry.edit-window} as an ISO-8601 duration for the edit task's timer. */
  public String getEditWindow() {
    return properties.getEditWindow().toString();
  }

  public boolean isCleanupEnabled() {
    return properties.getCleanup().isDeletePackages();
  }
}
