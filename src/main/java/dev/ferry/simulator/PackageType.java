package dev.ferry.simulator;

/**
 * {@code packageInfo.type}. A project package names its project in {@code X-MSTR-ProjectID};
 * a configuration package belongs to no project, and the Library refuses the header for it.
 */
enum PackageType {
  PROJECT("project"), CONFIGURATION("configuration");

  private final String json;

  PackageType(String json) {
    this.json = json;
  }

  static PackageType of(String type) {
    for (PackageType candidate : values()) {
      if (candidate.json.equals(type)) {
        return candidate;
      }
    }
    throw SimulatorError.invalidInput(
        "packageInfo.type '" + type + "' is not supported: use 'project' or 'configuration'");
  }

  String json() {
    return json;
  }

  /** Checks the project header of a call that creates or imports a package of this type. */
  void checkProjectHeader(String projectId, String call) {
    boolean present = projectId != null && !projectId.isBlank();
    if (this == PROJECT && !present) {
      throw SimulatorError.invalidInput("X-MSTR-ProjectID header is required to " + call + " a project package");
    }
    if (this == CONFIGURATION && present) {
      throw SimulatorError.invalidInput("X-MSTR-ProjectID header must not be sent to " + call
          + " a configuration package: configuration packages belong to no project");
    }
  }
}
