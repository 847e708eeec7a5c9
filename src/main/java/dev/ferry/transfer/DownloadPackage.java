package dev.ferry.transfer;

import static dev.ferry.migration.FerryVariables.*;
import static dev.ferry.migration.FerryVariables.*;

import dev.ferry.library.SharedFileStoreClient;
import dev.ferry.migration.FerryVariables.Typed;
import dev.ferry.migration.StatusVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/migrations/packages/{packageId}/binary} on the source, streamed into Ferry's
 * package store with its size and sha256 computed on the way. A download that breaks off midway
 * leaves no file and is retried.
 */
@Component("downloadPackage")
public class DownloadPackage implements JavaDelegate {

  private final SharedFileStoreClient files;
  private final PackageStore store;

  public DownloadPackage(SharedFileStoreClient files, PackageStore store) {
    this.files = files;
    this.store = store;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String name = execution.getProcessInstanceId() + ".mmp";
    PackageStore.StoredPackage stored = files.download(Typed.SOURCE_ENVIRONMENT.getOrNull(execution),
        Typed.SOURCE_PACKAGE_ID.getOrNull(execution), body -> store.write(name, body));
    StatusVariables.publish(execution, StatusVariables.of(STORED_PACKAGE, stored.name(), PACKAGE_SIZE, stored.size(),
        PACKAGE_SHA256, stored.sha256(), PACKAGE_STATUS, "downloaded"));
  }
}
