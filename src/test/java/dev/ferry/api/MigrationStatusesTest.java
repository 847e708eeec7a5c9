package dev.ferry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.engine.FerryProperties;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;

/**
 * The status is read in several queries, and each sees what was committed when it ran. Here the
 * step that ends the import (it sets {@code importStatus} to {@code imported} and creates
 * <i>Review import</i> in one transaction) commits right after the first of the reads.
 */
class MigrationStatusesTest {

  private final AtomicBoolean committed = new AtomicBoolean();
  private final HistoryService history = mock(HistoryService.class, RETURNS_DEEP_STUBS);
  private final RuntimeService runtime = mock(RuntimeService.class, RETURNS_DEEP_STUBS);
  private final TaskService tasks = mock(TaskService.class, RETURNS_DEEP_STUBS);
  private final MigrationStatuses statuses = new MigrationStatuses(history, runtime, tasks,
      mock(RepositoryService.class), new FerryProperties(), new ObjectMapper());

  @Test
  void aStepThatCommitsBetweenTheReadsNeverShowsItsTaskWithTheVariablesFromBeforeIt() {
    HistoricProcessInstance root = mock(HistoricProcessInstance.class);
    when(root.getId()).thenReturn("root");
    when(root.getBusinessKey()).thenReturn("CHG-1");
    when(root.getProcessDefinitionKey()).thenReturn("migration");
    when(root.getStartTime()).thenReturn(new Date(0));
    when(history.createHistoricProcessInstanceQuery().rootProcessInstanceId("root").list()).thenReturn(List.of(root));
    when(runtime.getActivityInstance(any())).thenReturn(null);
    when(history.createHistoricVariableInstanceQuery().processInstanceIdIn(any()).disableCustomObjectDeserialization()
        .list()).thenAnswer(read -> thenTheStepCommits(
            () -> List.of(variable("importStatus", committed.get() ? "imported" : "importing"))));
    TaskQuery query = mock(TaskQuery.class, RETURNS_SELF);
    when(tasks.createTaskQuery()).thenReturn(query);
    when(tasks.getIdentityLinksForTask(any())).thenReturn(List.of());
    when(query.list()).thenAnswer(read -> thenTheStepCommits(
        () -> committed.get() ? List.of(task("review-import")) : List.of()));

    MigrationStatus status = statuses.status(root, false);

    assertThat(committed).as("the step committed during the read").isTrue();
    assertThat(tuple(status.task() == null ? null : status.task().key(), status.status().get("importStatus")))
        .as("waiting task and import status: a task is never shown with the variables from before it")
        .isIn(tuple(null, "importing"), tuple(null, "imported"), tuple("review-import", "imported"));
  }

  private <T> T thenTheStepCommits(Supplier<T> read) {
    T answer = read.get();
    committed.set(true);
    return answer;
  }

  private static HistoricVariableInstance variable(String name, String value) {
    HistoricVariableInstance variable = mock(HistoricVariableInstance.class);
    when(variable.getName()).thenReturn(name);
    when(variable.getValue()).thenReturn(value);
    when(variable.getProcessInstanceId()).thenReturn("root");
    when(variable.getCreateTime()).thenReturn(new Date(0));
    return variable;
  }

  private static Task task(String key) {
    Task task = mock(Task.class);
    when(task.getId()).thenReturn("task-1");
    when(task.getTaskDefinitionKey()).thenReturn(key);
    when(task.getName()).thenReturn("Review import");
    when(task.getCreateTime()).thenReturn(new Date(1000));
    return task;
  }
}
