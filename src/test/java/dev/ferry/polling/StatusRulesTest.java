package dev.ferry.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.create.PackageCreated;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.replicate.ImportFinished;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which Library statuses end a wait, as done or failed, and what the model is told. */
@Tag("fast")
class StatusRulesTest {

  final MigrationsClient migrations = mock(MigrationsClient.class);
  final DelegateExecution execution = mock(DelegateExecution.class);

  StatusRulesTest() {
    Map<String, Object> variables = Map.of("migrationId", "M-1", "sourceEnvironment", "dev",
        "targetEnvironment", "prod");
    when(execution.getVariable(anyString())).thenAnswer(call -> variables.get((String) call.getArgument(0)));
  }

  void libraryAnswers(String json) throws Exception {
    when(migrations.get(any(), eq("M-1"), eq(false))).thenReturn(new Migration(new ObjectMapper().readTree(json)));
  }

  @Test
  void aPackageIsWaitedForUntilItIsCreatedOrItsCreationFailed() throws Exception {
    PackageCreated created = new PackageCreated(migrations);
    libraryAnswers("{\"id\": \"M-1\", \"packageInfo\": {\"status\": \"creating\", \"progress\": 40}}");
    PollResult waiting = created.check(execution);
    assertThat(waiting.state()).isEqualTo(PollResult.State.WAITING);
    assertThat(waiting.variables()).containsEntry("packageStatus", "creating").containsEntry("progress", 40);

    libraryAnswers("{\"id\": \"M-1\", \"packageInfo\": {\"status\": \"created\", \"progress\": 100}}");
    assertThat(created.check(execution).state()).isEqualTo(PollResult.State.DONE);

    libraryAnswers("{\"id\": \"M-1\", \"packageInfo\": {\"status\": \"create_failed\", \"message\": \"no such folder\"}}");
    PollResult failed = created.check(execution);
    assertThat(failed.state()).isEqualTo(PollResult.State.FAILED);
    assertThat(failed.message()).isEqualTo("Package creation failed on 'dev': no such folder");
    assertThat(failed.variables()).containsEntry("packageStatus", "create_failed");
  }

  @Test
  void anImportIsWatchedOnTheTargetAndAFailureWithoutReasonSaysSo() throws Exception {
    ImportFinished finished = new ImportFinished(migrations);
    libraryAnswers("{\"id\": \"M-1\", \"importInfo\": {\"status\": \"import_failed\"}}");
    PollResult failed = finished.check(execution);
    assertThat(failed.state()).isEqualTo(PollResult.State.FAILED);
    assertThat(failed.message()).isEqualTo("Import failed on 'prod': the Library gave no reason");
    assertThat(finished.awaited()).isEqualTo("import status 'imported' on the target");
  }
}
