package dev.ferry.observability;

import dev.ferry.engine.ParseListeners;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.Environments;
import dev.ferry.migration.FerryVariables;
import dev.ferry.migration.RequestVariable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of the processes, without touching the BPMN: a parse listener adds built-in
 * listeners to the deployed models. Each metric is recorded once the engine's transaction has
 * committed, so a job that rolls back and runs again is not counted twice.
 *
 * <ul>
 *   <li>{@code ferry_migrations_started_total{process,target}} and
 *       {@code ferry_migrations_finished_total{process,target,outcome}}: top-level instances of
 *       {@code migration}, {@code migration-group} and {@code package-transfer};</li>
 *   <li>{@code ferry_approval_wait_seconds{kind,decision}}: from {@code request-import} completed to
 *       {@code approve-import} completed;</li>
 *   <li>{@code ferry_import_duration_seconds} / {@code ferry_undo_duration_seconds{kind,target,result}}:
 *       how long the Library took, from the start to the end of the polling loop;</li>
 *   <li>{@code ferry_polls{check,kind,result}}: polls per polling loop, recorded when the loop ends;</li>
 *   <li>{@code ferry_validations_total{result}}: validations on the target by result ({@code validated},
 *       {@code validation_failed}, {@code not_validated});</li>
 *   <li>{@code ferry_edits_total{kind,result}}: edits sent to the Library ({@code sent}), refused
 *       ({@code refused}) and rebuilds that failed ({@code rebuild_failed}).</li>
 * </ul>
 */
@Component
public class ProcessMetrics extends AbstractProcessEnginePlugin {

  static final Set<String> TRACKED = Set.of("migration", "migration-group", "package-transfer");

  private final MeterRegistry registry;
  private final Environments environments;

  public ProcessMetrics(MeterRegistry registry, Environments environments) {
    this.registry = registry;
    this.environments = environments;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseListeners.add(configuration, new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element element, ProcessDefinitionEntity process) {
        if (TRACKED.contains(process.getKey())) {
          process.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) e -> started(process.getKey(), e));
          process.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) e -> finished(process.getKey(), e));
        } else if ("library-poll".equals(process.getKey())) {
          process.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) ProcessMetrics.this::pollingEnded);
        }
      }

      @Override
      public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
        if ("validation-done".equals(activity.getId())) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) ProcessMetrics.this::validated);
        }
      }

      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if ("apply-edit".equals(activity.getId())) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) e -> edit(e, "sent"));
        } else if ("note-rebuild-failed".equals(activity.getId())) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) e -> edit(e, "rebuild_failed"));
        }
      }

      @Override
      public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if ("edit-refused".equals(activity.getId())) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) e -> edit(e, "refused"));
        }
      }

      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if ("approve-import".equals(activity.getId())) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) ProcessMetrics.this::approved);
        }
      }
    });
  }

  private void started(String process, DelegateExecution execution) {
    if (isTopLevel(execution)) {
      Counter counter = Counter.builder("ferry.migrations.started").description("Migrations started")
          .tag("process", process).tag("target", target(execution)).register(registry);
      afterCommit(counter::increment);
    }
  }

  private void finished(String process, DelegateExecution execution) {
    if (isTopLevel(execution)) {
      Object outcome = execution.getVariable(FerryVariables.OUTCOME);
      Counter counter = Counter.builder("ferry.migrations.finished").description("Migrations ended, by outcome")
          .tag("process", process).tag("target", target(execution))
          .tag("outcome", outcome != null ? outcome.toString() : execution.isCanceled() ? "cancelled" : "unknown")
          .register(registry);
      afterCommit(counter::increment);
    }
  }

  private void validated(DelegateExecution execution) {
    Object result = execution.getVariable(FerryVariables.VALIDATION_STATUS);
    if (result != null) {
      Counter counter = Counter.builder("ferry.validations").description("Validations on the target, by result")
          .tag("result", result.toString()).register(registry);
      afterCommit(counter::increment);
    }
  }

  private void edit(DelegateExecution execution, String result) {
    Counter counter = Counter.builder("ferry.edits").description("Package edits: sent, refused, rebuild failed")
        .tag("kind", text(execution.getVariable(FerryVariables.KIND), "migration")).tag("result", result).register(registry);
    afterCommit(counter::increment);
  }

  /** From the latest request (or resubmitted edit) to the approver's decision. */
  private void approved(DelegateExecution execution) {
    Date requested = Context.getProcessEngineConfiguration().getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKeyIn("request-import", "edit-package")
        .finished().list()
        .stream().map(HistoricTaskInstance::getEndTime).filter(Objects::nonNull).max(Comparator.naturalOrder())
        .orElse(null);
    if (requested == null) {
      return;
    }
    Duration wait = Duration.ofMillis(ClockUtil.getCurrentTime().getTime() - requested.getTime());
    Timer timer = Timer.builder("ferry.approval.wait").description("From import requested to approved or rejected")
        .tag("kind", text(execution.getVariable(FerryVariables.KIND), "migration"))
        .tag("decision", text(execution.getVariable(FerryVariables.DECISION),
            Boolean.TRUE.equals(execution.getVariable(FerryVariables.APPROVED)) ? "approved" : "rejected"))
        .register(registry);
    afterCommit(() -> timer.record(wait));
  }

  private void pollingEnded(DelegateExecution execution) {
    String check = text(execution.getVariable(FerryVariables.CHECK), "unknown");
    String kind = text(execution.getVariable(FerryVariables.KIND), "migration");
    String result = text(execution.getVariable(FerryVariables.POLL_OUTCOME), "unknown");
    Object count = execution.getVariable(FerryVariables.POLL_COUNT);
    DistributionSummary polls = DistributionSummary.builder("ferry.polls").description("Polls per polling loop")
        .tag("check", check).tag("kind", kind).tag("result", result).register(registry);
    afterCommit(() -> polls.record(count instanceof Number n ? n.doubleValue() : 0));

    String name = switch (check) {
      case "import-finished" -> "ferry.import.duration";
      case "undo-finished" -> "ferry.undo.duration";
      default -> null;
    };
    HistoricProcessInstance loop = name == null ? null : Context.getProcessEngineConfiguration().getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId()).singleResult();
    if (loop != null && loop.getStartTime() != null) {
      Duration took = Duration.ofMillis(ClockUtil.getCurrentTime().getTime() - loop.getStartTime().getTime());
      Timer timer = Timer.builder(name).description("Time the Library took, followed by polling")
          .tag("kind", kind).tag("target", environment(execution.getVariable(FerryVariables.TARGET_ENVIRONMENT)))
          .tag("result", result).register(registry);
      afterCommit(() -> timer.record(took));
    }
  }

  private static boolean isTopLevel(DelegateExecution execution) {
    return execution.getSuperExecution() == null;
  }

  /** The target environment's id, known environments only (a request naming anything else is "unknown"). */
  private String target(DelegateExecution execution) {
    Object resolved = execution.getVariable(FerryVariables.TARGET_ENVIRONMENT);
    if (resolved != null) {
      return environment(resolved);
    }
    try {
      JsonNode body = RequestVariable.read(execution);
      if (body == null) {
        return "unknown";
      }
      // a migration names its target in importInfo.environment, a group in targetEnvironment, a transfer in target
      for (JsonNode named : new JsonNode[] {body.at("/importInfo/environment/id"), body.at("/targetEnvironment/id"),
          body.at("/target/environment")}) {
        if (named.isTextual()) {
          return environment(named.asText());
        }
      }
      return "unknown";
    } catch (Exception e) {
      return "unknown";
    }
  }

  private String environment(Object named) {
    return named == null ? "unknown" : environments.find(named.toString()).map(e -> e.id()).orElse("unknown");
  }

  private static String text(Object value, String otherwise) {
    return value == null ? otherwise : value.toString();
  }

  private static void afterCommit(Runnable record) {
    Context.getCommandContext().getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, context -> record.run());
  }
}
