package dev.ferry.engine;

import org.springframework.stereotype.Component;

/** Configuration the models read in expressions, e.g. {@code ${settings.cleanupEnabled}}. */
@Component("settings")
public class Settings {

  private final FerryProperties properties;

  public Settings(FerryProperties properties) {
    this.properties = properties;
  }

  public boolean isCleanupEnabled() {
    return properties.getCleanup().isDeletePackages();
  }
}
