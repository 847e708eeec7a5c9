package dev.ferry.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.library.LibraryException;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroup;
import dev.ferry.library.MigrationGroupsClient;
import dev.ferry.library.MigrationsClient;
import dev.ferry.library.SharedFileStoreClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Finds what an earlier attempt of a step may already have made at a Library: a package created
 * under the same name after the attempt started, an import already on the target, a file already
 * in the shared file store.
 */
@Component
public class LibraryLookups {

  /** Library and Ferry clocks differ; an earlier attempt's work may look a little older than the attempt. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final int PAGE = 200;
  private static final int MAX_PAGES = 25;
  private static final DateTimeFormatter LIBRARY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final MigrationsClient migrations;
  private final MigrationGroupsClient groups;
  private final SharedFileStoreClient files;

  public LibraryLookups(MigrationsClient migrations, MigrationGroupsClient groups, SharedFileStoreClient files) {
    this.migrations = migrations;
    this.groups = groups;
    this.files = files;
  }

  /** A group named {@code name} created on {@code environmentId} since {@code attempt}. */
  public Optional<MigrationGroup> groupCreatedSince(String environmentId, String name, Instant attempt) {
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode list = groups.list(environmentId, page * PAGE, PAGE).path("migrationGroups");
      for (JsonNode group : list) {
        if (name.equals(group.path("name").asText(null))
            && !createdBefore(group.path("creationDate").asText(null), attempt)) {
          return Optional.of(new MigrationGroup(group));
        }
      }
      if (list.size() < PAGE) {
        break;
      }
    }
    return Optional.empty();
  }

  /** The group with this id on {@code environmentId}, if the Library has it. */
  public Optional<MigrationGroup> group(String environmentId, String groupId) {
    try {
      return Optional.of(groups.get(environmentId, groupId, false));
    } catch (LibraryException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** A package named {@code name} that was created on {@code scope} since {@code attempt}. */
  public Optional<Migration> createdSince(LibraryScope scope, String name, Instant attempt) {
    return findMigration(scope, m -> name.equals(m.path("packageInfo").path("name").asText(null))
        && !createdBefore(m.path("packageInfo").path("creationDate").asText(null), attempt));
  }

  /** The migration whose package has this id on {@code scope}. */
  public Optional<Migration> withPackageId(LibraryScope scope, String packageId) {
    return findMigration(scope, m -> packageId.equals(m.path("packageInfo").path("id").asText(null)));
  }

  /** The migration with this id on {@code scope}, if the Library has it. */
  public Optional<Migration> migration(LibraryScope scope, String migrationId) {
    try {
      return Optional.of(migrations.get(scope, migrationId, false));
    } catch (LibraryException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** A shared-file-store file with this name and sha256, made since {@code attempt}. */
  public Optional<JsonNode> fileSince(String environmentId, String name, String sha256, Instant attempt) {
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode list = files.list(environmentId, page * PAGE, PAGE).path("files");
      for (JsonNode file : list) {
        if (name.equals(file.path("name").asText(null)) && sha256.equalsIgnoreCase(file.path("sha256").asText(""))
            && !createdBefore(file.path("creationDate").asText(null), attempt)) {
          return Optional.of(file);
        }
      }
      if (list.size() < PAGE) {
        break;
      }
    }
    return Optional.empty();
  }

  private Optional<Migration> findMigration(LibraryScope scope, Predicate<JsonNode> wanted) {
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode list = migrations.list(scope, page * PAGE, PAGE).path("migrations");
      for (JsonNode migration : list) {
        if (wanted.test(migration)) {
          return Optional.of(new Migration(migration));
        }
      }
      if (list.size() < PAGE) {
        break;
      }
    }
    return Optional.empty();
  }

  private static boolean createdBefore(String libraryTime, Instant attempt) {
    if (libraryTime == null) {
      return false;
    }
    try {
      return OffsetDateTime.parse(libraryTime, LIBRARY_TIME).toInstant().isBefore(attempt.minus(CLOCK_SKEW));
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
