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
    String source = (String) execution.getVariable(SOURCE_ENVIRONMENT);
    LibraryEnvironment from = environments.get(source != null ? source : (String) execution.getVariable(TARGET_ENVIRONMENT));
    ObjectNode metadata = JsonNodeFactory.instance.objectNode()
        .put("name", (String) execution.getVariable(PACKAGE_NAME))
        .put("type", "migrations.packages")
        .put("size", ((Number) execution.getVariable(PACKAGE_SIZE)).longValue())
        .put("sha256", (String) execution.getVariable(PACKAGE_SHA256))
        .put("extension", "mmp");
    metadata.putObject("environment").put("id", from.url()).put("name", from.name());
    metadata.putObject("extraInfo").put("packageType", (String) execution.getVariable(PACKAGE_TYPE))
        .put("packagePurpose", (String) execution.getVariable(PURPOSE));
    String target = (String) execution.getVariable(TARGET_ENVIRONMENT);
    Optional<Instant> earlier = attempts.begin(execution.getProcessInstanceId(), "create-shared-file");
    Optional<JsonNode> made = earlier.flatMap(since -> lookups.fileSince(target,
        (String) execution.getVariable(PACKAGE_NAME), (String) execution.getVariable(PACKAGE_SHA256), since));
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
