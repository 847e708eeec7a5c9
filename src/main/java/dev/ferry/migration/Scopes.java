package dev.ferry.migration;

import dev.ferry.library.LibraryScope;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The source and target of a running migration, with the project header that project packages need. */
public final class Scopes {

  private Scopes() {
  }

  public static LibraryScope source(VariableScope vars) {
    return LibraryScope.of((String) vars.getVariable(FerryVariables.SOURCE_ENVIRONMENT),
        (String) vars.getVariable(FerryVariables.SOURCE_PROJECT_ID));
  }

  public static LibraryScope target(VariableScope vars) {
    return LibraryScope.of((String) vars.getVariable(FerryVariables.TARGET_ENVIRONMENT),
        (String) vars.getVariable(FerryVariables.TARGET_PROJECT_ID));
  }

  public static String migrationId(VariableScope vars) {
    return (String) vars.getVariable(FerryVariables.MIGRATION_ID);
  }
}
