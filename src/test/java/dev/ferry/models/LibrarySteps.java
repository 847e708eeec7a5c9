package dev.ferry.models;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ferry.approval.ApprovalDecision;
import dev.ferry.approval.FourEyes;
import dev.ferry.edit.PackageEdits;
import dev.ferry.engine.FerryProperties;
import dev.ferry.engine.Settings;
import dev.ferry.group.PackageGroup;
import dev.ferry.migration.PackageKinds;
import dev.ferry.migration.SinglePackage;
import dev.ferry.queue.EnvironmentQueues;
import dev.ferry.transfer.UploadedPackage;
import dev.ferry.queue.ImportAtCheck;
import dev.ferry.transfer.PackageStore;
import dev.ferry.undo.UndoWindow;
import dev.ferry.validation.ValidationOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * Every bean the models name, registered with {@link Mocks} for one test. The steps that call a
 * Library (or Ferry's queue, mail or file store) are stand-ins that set what the real step would
 * set and record that they ran, in order ({@link #calls}); a test scripts their answers
 * ({@link #poll}, {@link #refuse}, {@link #queue}, {@link #invalid}). Ferry's own rules that run
 * inside a model (four eyes, the approval decision, the edit checks, the undo window, the
 * settings) are the real classes.
 */
public final class LibrarySteps {

  /** The Library steps that ran, in order: {@code createPackage}, {@code patchImportInfo importRequestStatus=requested}, ... */
  public final List<String> calls = new ArrayList<>();
  public final FerryProperties properties = new FerryProperties();
  public final EnvironmentQueues queues = mock(EnvironmentQueues.class);
  public final PackageStore packageStore = mock(PackageStore.class);

  /** What a finished look finds, as the real status checks publish it. */
  private static final Map<String, String[]> STATUS = Map.of(
      "package-created=done", new String[] {"packageStatus", "created"},
      "package-created=failed", new String[] {"packageStatus", "create_failed"},
      "import-finished=done", new String[] {"importStatus", "imported"},
      "import-finished=failed", new String[] {"importStatus", "import_failed"},
      "undo-finished=done", new String[] {"importStatus", "undone"},
      "undo-finished=failed", new String[] {"importStatus", "undo_failed"},
      "validation-finished=done", new String[] {"validationStatus", "validated"},
      "validation-finished=failed", new String[] {"validationStatus", "validation_failed"});

  private final Map<String, Deque<String>> polls = new HashMap<>();
  private final Map<String, String> refusals = new HashMap<>();
  private final Deque<String> queueStates = new ArrayDeque<>();
  private boolean valid = true;

  public LibrarySteps() {
    when(queues.undoStartsAt(any())).thenAnswer(call -> ClockUtil.getCurrentTime());
    when(queues.forecast(any())).thenReturn("next in line");
  }

  /** The polling loop named {@code check} sees these outcomes, one per look; after the last, {@code done}. */
  public LibrarySteps poll(String check, String... outcomes) {
    polls.computeIfAbsent(check, c -> new ArrayDeque<>()).addAll(List.of(outcomes));
    return this;
  }

  /** The step (bean name) throws this BPMN error, as the real one does when the Library refuses; null: no more. */
  public LibrarySteps refuse(String bean, String errorCode) {
    if (errorCode == null) {
      refusals.remove(bean);
    } else {
      refusals.put(bean, errorCode);
    }
    return this;
  }

  /** The import queue answers these states in turn ({@code scheduled}, {@code busy}); then {@code granted}. */
  public LibrarySteps queue(String... states) {
    queueStates.addAll(List.of(states));
    return this;
  }

  /** The request fails Ferry's checks. */
  public LibrarySteps invalid() {
    valid = false;
    return this;
  }

  public void register() {
    FourEyes fourEyes = new FourEyes();
    Mocks.register("settings", new Settings(properties));
    Mocks.register("fourEyes", fourEyes);
    // the kinds' rules are real; their Library calls are the steps stood in for below
    PackageKinds kinds = new PackageKinds(List.of(new SinglePackage(null, null, null, null, null),
        new PackageGroup(null, null, null, null, null), new UploadedPackage(null, null, null, null, null, null)));
    Mocks.register("approvalDecision", new ApprovalDecision(fourEyes, kinds));
    Mocks.register("packageEdits", new PackageEdits(fourEyes, kinds));
    Mocks.register("undoWindow", new UndoWindow(properties));
    Mocks.register("validationOutcome", new ValidationOutcome());
    Mocks.register("queues", queues);
    Mocks.register("importAtCheck", new ImportAtCheck());
    Mocks.register("packageStore", packageStore);

    // migration
    step("readRequest", execution -> {
      execution.setVariable("valid", valid);
      if (valid) {
        execution.setVariables(Map.of("packageName", "Sales dashboards", "sourceEnvironment", "dev",
            "targetEnvironment", "prod", "purpose", "object_migration"));
      } else {
        execution.setVariable("violations", "packageInfo.name: must not be blank");
      }
    });
    step("createPackage", execution -> execution.setVariables(Map.of("migrationId", "M-1", "packageId", "P-1",
        "packageStatus", "creating")));
    step("summarizePackage", execution -> execution.setVariables(Map.of("summary", "2 objects: replace: 1",
        "objectCount", 2, "actionCounts", "replace: 1, use_existing: 1", "undoPossible", true)));
    step("replicatePackage", execution -> execution.setVariable("importStatus", "importing"));
    step("patchImportInfo", execution -> {
      String field = (String) execution.getVariable("field");
      Object value = execution.getVariable("value");
      execution.setVariable(field, value);
      calls.set(calls.size() - 1, "patchImportInfo " + field + "=" + value);
    });
    step("deletePackages", execution -> { });
    step("enqueueImport", execution -> { });
    step("tryImportSlot", execution -> {
      String state = queueStates.isEmpty() ? "granted" : queueStates.poll();
      execution.setVariable("queueState", state);
      if (!"granted".equals(state)) {
        execution.setVariable("queueNextTry", new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
      }
    });
    // the creation and validation queues (queue-slot.bpmn): no limit, a slot at once
    // (Ferry's own queue rows, not a Library call: not recorded)
    Mocks.register("trySlot", (JavaDelegate) execution -> execution.setVariable("queueState", "granted"));
    Mocks.register("releaseSlots", (ExecutionListener) execution -> { });

    // library-poll
    step("startPolling", execution -> execution.setVariable("pollInterval", "PT1S"));
    step("checkStatus", execution -> {
      String check = (String) execution.getVariable("check");
      Deque<String> outcomes = polls.get(check);
      String outcome = outcomes == null || outcomes.isEmpty() ? "done" : outcomes.poll();
      calls.set(calls.size() - 1, "checkStatus " + check + "=" + outcome);
      // the real check publishes what it found to the instance that waits for it
      RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
      ProcessInstance caller = runtime.createProcessInstanceQuery()
          .subProcessInstanceId(execution.getProcessInstanceId()).singleResult();
      String waiting = caller == null ? execution.getProcessInstanceId() : caller.getId();
      if (!"waiting".equals(outcome) && !"done".equals(outcome)) {
        execution.setVariable("failureMessage", check + " " + outcome);
        runtime.setVariable(waiting, "failureMessage", check + " " + outcome);
      }
      String[] status = STATUS.get(check + "=" + outcome);
      if (status != null) {
        runtime.setVariable(waiting, status[0], status[1]);
      }
      execution.setVariable("pollOutcome", outcome);
    });

    // import-approval: validation and edit
    step("setImportTarget", execution -> { });
    step("startValidation", execution -> execution.setVariable("validationStatus", "validating"));
    step("markValidating", execution -> { });
    step("readPackageContent", execution -> {
      execution.setVariable("editName", "Sales dashboards");
      execution.setVariable("editObjects", "[{\"id\": \"A1\", \"type\": 3, \"action\": \"replace\"}]");
      execution.setVariable("resubmit", null);
      execution.setVariable("approved", false);
    });
    step("applyEdit", execution -> {
      execution.setVariable("packageStatus", "creating");
      execution.setVariable("decision", null);
      execution.setVariable("comment", null);
      execution.setVariable("editFirst", null);
    });

    // package-transfer
    step("readTransferRequest", execution -> execution.setVariable("valid", valid));
    step("describeSource", execution -> execution.setVariable("packageId", "P-9"));
    step("downloadPackage", execution -> execution.setVariable("storedPackage", "stored-1"));
    step("createSharedFile", execution -> execution.setVariable("fileId", "F-1"));
    step("uploadPackage", execution -> execution.setVariables(Map.of("packageSize", 42L, "packageSha256", "ab12")));

    // notification
    step("sendNotification", execution -> { });
  }

  /** A stand-in for the Library step {@code bean}: records the call, throws a scripted refusal or has its effect. */
  private void step(String bean, JavaDelegate effect) {
    Mocks.register(bean, (JavaDelegate) execution -> {
      calls.add(bean);
      String error = refusals.get(bean);
      if (error != null) {
        calls.set(calls.size() - 1, bean + " refused");
        throw new BpmnError(error, "The Library refused " + bean);
      }
      effect.execute(execution);
    });
  }
}
