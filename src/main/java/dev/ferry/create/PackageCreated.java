package dev.ferry.create;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.migration.FerryVariables;
import dev.ferry.polling.MigrationStatusCheck;
import org.springframework.stereotype.Component;

/** Polls the source until the package is {@code created} (or {@code create_failed}). */
@Component
public class PackageCreated extends MigrationStatusCheck {

  public PackageCreated(MigrationsClient migrations) {
    super(migrations, new Watch("package-created", false, FerryVariables.PACKAGE_STATUS, Migration::packageStatus,
        Migration::packageProgress, Migration::packageMessage, "created", "create_failed", "Package creation failed"));
  }
}
