package dev.ferry.migration;

import dev.ferry.engine.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.LibraryException;
import dev.ferry.library.LibraryScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What a {@code migration} instance moves, and everything Ferry does differently for it: the
 * Library endpoints and bodies, the request rules, the approver's summary, the edit rules, the
 * clean-up. The lifecycle (the models and their delegates) is the same for every kind; a delegate
 * asks the kind of its instance ({@link PackageKinds#of}) and holds no kind branch itself.
 *
 * <p>One Spring bean per kind, named by the {@code kind} variable the calling model sets:
 * {@code migration} (one package, the default), {@code group} (a migration group, set by
 * {@code migration-group}), {@code transfer} (a package uploaded to the target's shared file store,
 * set by {@code package-transfer}). A new kind is one new implementation (and its tests).
 *
 * <p>Methods that call the Library return the status variables to publish; the delegate publishes them.
 */
public interface PackageKind {

  /** The process variable that names the kind. */
  String VARIABLE = FerryVariables.KIND;

  /** The value of the {@code kind} variable: {@code migration}, {@code group}, {@code transfer}. */
  String name();

  // ---- the request (readRequest) ----

  /**
   * Whether {@code readRequest} checks the {@code request} variable; false when the calling model
   * checked its own request already and passed on what it read.
   */
  default boolean checksRequest() {
    return true;
  }

  /** Every problem with the request body, with the same rules as Ferry REST. */
  List<Violation> checkRequest(JsonNode body);

  /** The variables a valid request fills ({@code valid}, {@code packageName}, the environments …). */
  Map<String, Object> requestVariables(JsonNode body);

  // ---- the Library steps ----

  /**
   * {@code createPackage}: starts building the package on the source. {@code earlier} is when an
   * earlier attempt of this step began, if one did: the package may exist already.
   */
  Map<String, Object> create(DelegateExecution execution, Optional<Instant> earlier);

  /**
   * {@code patchImportInfo}: records {@code field = value} (an import or undo request status) at
   * the Library of {@code scope}, unless an earlier attempt got it there already.
   */
  void patchImportInfo(DelegateExecution execution, LibraryScope scope, String field, String value,
      Optional<Instant> earlier);

  /** {@code summarizePackage}: what the approver sees; {@code from} and {@code to} label the environments. */
  Map<String, Object> summarize(DelegateExecution execution, String from, String to);

  /** {@code replicatePackage}: sends the approved package to the target, which then imports it. */
  Map<String, Object> replicate(DelegateExecution execution);

  /** {@code deletePackages}: deletes what the migration left at the Libraries; what is gone already counts as deleted. */
  void delete(DelegateExecution execution);

  // ---- approval and edit ----

  /** Why the approver cannot send this kind back for changes, if they cannot. */
  default Optional<String> sendBackRefusal() {
    return Optional.empty();
  }

  /** Why this kind cannot be edited at all, if it cannot. */
  default Optional<Violation> editRefusal() {
    return Optional.empty();
  }

  /** What the requester edits, for messages: "package" or "group". */
  default String noun() {
    return "package";
  }

  /** Whether each edited object must name the package it belongs to (one of {@link #packageLabels}). */
  default boolean objectsNamePackages() {
    return false;
  }

  /** The labels of the packages the edited objects name ({@code Tutorial (B19D…)}); empty when they name none. */
  Set<String> packageLabels(String sourceEnvironment, String migrationId);

  /** {@code readPackageContent}: the package as it is on the source, for the requester to edit. */
  EditContent readForEdit(LibraryScope source, String migrationId);

  /**
   * {@code applyEdit}: sends {@code edit} to the source unless a retry finds the Library took it
   * already; returns the progress the Library answered, if it answered one.
   */
  Optional<Integer> applyEdit(LibraryScope source, String migrationId, PackageEdit edit, boolean retried);

  /** The package offered for editing: the current content, the package labels rows name, the settings as text. */
  record EditContent(PackageEdit current, List<String> packages, List<String> settings) {
  }

  /** Runs a Library delete; a package that is gone already (404) counts as deleted, so a retried job finishes. */
  static void deleteIgnoringMissing(Runnable delete) {
    try {
      delete.run();
    } catch (LibraryException e) {
      if (e.httpStatus() != 404) {
        throw e;
      }
    }
  }

  /** The kind named by {@code vars}' {@code kind} variable, as text; null when it names none. */
  static String nameIn(VariableScope vars) {
    return vars.getVariable(VARIABLE) instanceof String name ? name : null;
  }
}
