package dev.ferry.group;

import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.migration.FerryVariables;
import org.springframework.stereotype.Component;

/** Polls the source until every package of the group is {@code created}; the first {@code create_failed} ends it. */
@Component
public class GroupCreated extends GroupStatusCheck {
  public GroupCreated(MigrationGroupsClient groups) {
    super(groups, "package-created", false, FerryVariables.PACKAGE_STATUS, Migration::packageStatus, "created",
        "create_failed", "Package creation failed");
  }
}
