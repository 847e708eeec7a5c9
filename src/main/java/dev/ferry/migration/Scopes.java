package dev.ferry.migration;

import dev.ferry.library.LibraryScope;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The source and target of a running migration, with the project header that project packages need. */
public final class Scopes {

  private Scopes() {
  }

  public static LibraryScope source(VariableScope vars) {
    return LibraryScope.of((String) vars.getVariable(MigrationVariables.SOURCE_ENVIRONMENT),
        (String) vars.getVariable(MigrationVariables.SOURCE_PROJECT_ID));
  }

  public static LibraryScope target(VariableScope vars) {
    return LibraryScope.of((String) vars.getVariable(MigrationVariables.TARGET_ENVIRONMENT),
        (String) vars.getVariable(MigrationVariables.TARGET_PROJECT_ID));
  }

  public static String migrationId(VariableScope vars) {
    return (String) vars.getVariable(MigrationVariables.MIGRATION_ID);
  }
}
