package dev.ferry.transfer;

import static dev.ferry.migration.FerryVariables.*;
import static dev.ferry.migration.FerryVariables.*;

import org.camunda.bpm.engine.delegate.VariableScope;

/** What the approver of a transfer sees: the package as uploaded, where it came from, where it goes. */
public final class TransferSummary {

  private TransferSummary() {
  }

  public static String markdown(VariableScope vars, String from, String to) {
    Object project = vars.getVariable(TARGET_PROJECT_ID);
    return "| Package | " + vars.getVariable(PACKAGE_NAME) + " (uploaded to the target's shared file store) |\n"
        + "|---|---|\n"
        + "| Type | " + vars.getVariable(PACKAGE_TYPE) + " (" + vars.getVariable(PURPOSE) + ") |\n"
        + "| From | " + from + " |\n"
        + "| To | " + to + (project == null ? "" : " / project " + project) + " |\n"
        + "| Size | " + vars.getVariable(PACKAGE_SIZE) + " bytes, sha256 " + vars.getVariable(PACKAGE_SHA256) + " |\n"
        + "| Undo | known after the import: a package with keep_both rules gets no undo package |\n";
  }
}
