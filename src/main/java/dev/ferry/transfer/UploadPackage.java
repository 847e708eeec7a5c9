package dev.ferry.transfer;

import static dev.ferry.migration.FerryVariables.*;
import static dev.ferry.migration.FerryVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.LibraryException;
import dev.ferry.library.SharedFileStoreClient;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.StatusVariables;
import dev.ferry.reliability.Attempts;
import dev.ferry.reliability.LibraryLookups;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code PUT …/files/{fileId}/binary} on the target, streamed from the package store, then checks
 * that the Library says the file exists with the same size and sha256. A mismatch or a refusal
 * deletes the file on the target (nothing half-uploaded stays) and ends the transfer with what went
 * wrong. Once the upload is confirmed, Ferry's copy is no longer needed and is removed. A retry
 * first looks for the file: one an earlier attempt uploaded whole is not uploaded again.
 */
@Component("uploadPackage")
public class UploadPackage implements JavaDelegate {

  private final SharedFileStoreClient files;
  private final PackageStore store;
  private final Attempts attempts;
  private final LibraryLookups lookups;

  public UploadPackage(SharedFileStoreClient files, PackageStore store, Attempts attempts, LibraryLookups lookups) {
    this.files = files;
    this.store = store;
    this.attempts = attempts;
    this.lookups = lookups;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String target = Typed.TARGET_ENVIRONMENT.getOrNull(execution);
    String fileId = Typed.FILE_ID.getOrNull(execution);
    String stored = Typed.STORED_PACKAGE.getOrNull(execution);
    long size = Typed.PACKAGE_SIZE.get(execution);
    String sha256 = Typed.PACKAGE_SHA256.getOrNull(execution);
    // an earlier attempt may have uploaded the file and lost the answer: the file then exists, whole
    Optional<JsonNode> earlier = attempts.begin(execution.getProcessInstanceId(), "upload-package").isPresent()
        ? lookups.file(target, fileId).filter(file -> mismatch(file, size, sha256) == null) : Optional.empty();
    JsonNode uploaded;
    try {
      uploaded = earlier.isPresent() ? earlier.get()
          : files.upload(target, fileId, store.path(stored), execution.getVariable(PACKAGE_NAME) + ".mmp");
    } catch (LibraryException e) {
      if (e.httpStatus() != 400) {
        throw e;
      }
      files.delete(target, fileId);
      throw TransferFailure.of("The target refused the upload and the file was deleted there: " + e.getMessage());
    }
    String problem = mismatch(uploaded, size, sha256);
    if (problem != null) {
      files.delete(target, fileId);
      throw TransferFailure.of("The package arrived damaged on '" + target + "' (" + problem + "); the uploaded file "
          + "was deleted there. Start the transfer again.");
    }
    store.discard(stored);
    StatusVariables.publish(execution, StatusVariables.of(PACKAGE_STATUS, "uploaded", PACKAGE_ID,
        uploaded.path("extraInfo").path("packageId").asText(null)));
  }

  private static String mismatch(JsonNode uploaded, long size, String sha256) {
    if (!uploaded.path("existing").asBoolean(false)) {
      return "the Library does not report the file as existing";
    }
    if (uploaded.path("size").asLong(-1) != size) {
      return "size " + uploaded.path("size").asText() + " instead of " + size;
    }
    if (!sha256.equalsIgnoreCase(uploaded.path("sha256").asText(""))) {
      return "sha256 " + uploaded.path("sha256").asText() + " instead of " + sha256;
    }
    return null;
  }
}
