package dev.ferry.migration;

import dev.ferry.library.LibraryScope;
import dev.ferry.migration.FerryVariables.Typed;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The source and target of a running migration, with the project header that project packages need. */
public final class Scopes {

  private Scopes() {
  }

  public static LibraryScope source(VariableScope vars) {
    return LibraryScope.of(Typed.SOURCE_ENVIRONMENT.getOrNull(vars),
        Typed.SOURCE_PROJECT_ID.getOrNull(vars));
  }

  public static LibraryScope target(VariableScope vars) {
    return LibraryScope.of(Typed.TARGET_ENVIRONMENT.getOrNull(vars),
        Typed.TARGET_PROJECT_ID.getOrNull(vars));
  }

  public static String migrationId(VariableScope vars) {
    return Typed.MIGRATION_ID.getOrNull(vars);
  }
}
