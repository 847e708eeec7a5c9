package dev.ferry.transfer;

import static dev.ferry.migration.FerryVariables.*;
import static dev.ferry.migration.FerryVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.library.Environments;
import dev.ferry.library.LibraryEnvironment;
import dev.ferry.library.LibraryException;
import dev.ferry.library.SharedFileStoreClient;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.reliability.Attempts;
import dev.ferry.reliability.LibraryLookups;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code POST …/sharedFileStore/files} on the target: the package file's metadata ({@code type}
 * {@code migrations.packages}, {@code extension} {@code mmp}, its size and sha256, the package type
 * and purpose). A refusal (the target's cap on uploaded packages, a bad field) ends the transfer
 * with the Library's message; nothing was stored, so nothing is left behind.
 */
@Component("createSharedFile")
public class CreateSharedFile implements JavaDelegate {

  private final SharedFileStoreClient files;
  private final Environments environments;
  private final Attempts attempts;
  private final LibraryLookups lookups;

  public CreateSharedFile(SharedFileStoreClient files, Environments environments, Attempts attempts,
      LibraryLookups lookups) {
    this.files = files;
    this.environments = environments;
    this.attempts = attempts;
    this.lookups = lookups;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String source = Typed.SOURCE_ENVIRONMENT.getOrNull(execution);
    LibraryEnvironment from = environments.get(source != null ? source : Typed.TARGET_ENVIRONMENT.getOrNull(execution));
    ObjectNode metadata = JsonNodeFactory.instance.objectNode()
        .put("name", Typed.PACKAGE_NAME.getOrNull(execution))
        .put("type", "migrations.packages")
        .put("size", Typed.PACKAGE_SIZE.get(execution))
        .put("sha256", Typed.PACKAGE_SHA256.getOrNull(execution))
        .put("extension", "mmp");
    metadata.putObject("environment").put("id", from.url()).put("name", from.name());
    metadata.putObject("extraInfo").put("packageType", Typed.PACKAGE_TYPE.getOrNull(execution))
        .put("packagePurpose", Typed.PURPOSE.getOrNull(execution));
    String target = Typed.TARGET_ENVIRONMENT.getOrNull(execution);
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "create-shared-file");
    Optional<JsonNode> made = earlier.flatMap(since -> lookups.fileSince(target,
        Typed.PACKAGE_NAME.getOrNull(execution), Typed.PACKAGE_SHA256.getOrNull(execution), since));
    if (made.isPresent()) {
      execution.setVariable(FILE_ID, made.get().path("id").asText());
      return;
    }
    JsonNode created;
    try {
      created = files.create(target, metadata);
    } catch (LibraryException e) {
      if (e.httpStatus() == 400 || e.httpStatus() == 403 || e.httpStatus() == 409) {
        throw TransferFailure.of("The target refused the package file: " + e.getMessage());
      }
      throw e;
    }
    execution.setVariable(FILE_ID, created.path("id").asText());
  }
}
