package dev.ferry.migration;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What a {@code migration} instance moves: one package ({@code migration}, the default) or a
 * migration group ({@code group}, set by the {@code migration-group} model that calls it). The
 * lifecycle is the same; the Library endpoints and status rules differ.
 */
public enum Kind {
  MIGRATION, GROUP;

  public static final String VARIABLE = "kind";

  public static Kind of(VariableScope vars) {
    return "group".equals(vars.getVariable(VARIABLE)) ? GROUP : MIGRATION;
  }

  public String value() {
    return name().toLowerCase();
  }
}
