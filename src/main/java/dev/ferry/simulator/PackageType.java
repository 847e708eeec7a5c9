package dev.ferry.simulator;

/**
 * {@code packageInfo.type}. A project package names its project in {@code X-MSTR-ProjectID};
 * a configuration package belongs to no project, and the Library refuses the header for it.
 * {@code project_security} exists only for packages uploaded to the shared file store; it is a
 * project package as far as the header goes.
 */
enum PackageType {
  PROJECT("project"), PROJECT_SECURITY("project_security"), CONFIGURATION("configuration");

  private final String json;

  PackageType(String json) {
    this.json = json;
  }

  /** The type of a package built by {@code POST /api/migrations}: {@code project} or {@code configuration}. */
  static PackageType of(String type) {
    for (PackageType candidate : new PackageType[] {PROJECT, CONFIGURATION}) {
      if (candidate.json.equals(type)) {
        return candidate;
      }
    }
    throw SimulatorError.invalidInput(
        "packageInfo.type '" + type + "' is not supported: use 'project' or 'configuration'");
  }

  /** The type of an uploaded package ({@code extraInfo.packageType}), any of the three. */
  static PackageType ofSharedFile(String type) {
    for (PackageType candidate : values()) {
      if (candidate.json.equals(type)) {
        return candidate;
      }
    }
    throw SimulatorError.invalidInput("extraInfo.packageType '" + type
        + "' is not supported: use 'project', 'project_security' or 'configuration'");
  }

  /** Whether packages of this type belong to a project, so calls on them name it in {@code X-MSTR-ProjectID}. */
  static boolean ofProject(String type) {
    return PROJECT.json.equals(type) || PROJECT_SECURITY.json.equals(type);
  }

  String json() {
    return json;
  }

  /** Checks the project header of a call that creates or imports a package of this type. */
  void checkProjectHeader(String projectId, String call) {
    boolean present = projectId != null && !projectId.isBlank();
    if (this != CONFIGURATION && !present) {
      throw SimulatorError.invalidInput("X-MSTR-ProjectID header is required to " + call + " a project package");
    }
    if (this == CONFIGURATION && present) {
      throw SimulatorError.invalidInput("X-MSTR-ProjectID header must not be sent to " + call
          + " a configuration package: configuration packages belong to no project");
    }
  }
}
