package dev.ferry.migration;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What a {@code migration} instance moves: one package ({@code migration}, the default), a
 * migration group ({@code group}, set by the {@code migration-group} model that calls it), or a
 * package uploaded to the target's shared file store ({@code transfer}, set by
 * {@code package-transfer}). The lifecycle is the same; the Library endpoints and status rules differ.
 */
public enum Kind {
  MIGRATION, GROUP, TRANSFER;

  public static final String VARIABLE = "kind";

  public static Kind of(VariableScope vars) {
    Object kind = vars.getVariable(VARIABLE);
    return "group".equals(kind) ? GROUP : "transfer".equals(kind) ? TRANSFER : MIGRATION;
  }

  public String value() {
    return name().toLowerCase();
  }
}
