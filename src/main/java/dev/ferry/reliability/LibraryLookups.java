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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Finds what an earlier attempt of a step may already have made at a Library: a package created
 * under the same name after the attempt started, an import already on the target, a file already
 * in the shared file store.
 *
 * <p>Lists are read the way the Library lists them ({@code docs/library-protocol.md}): pages of
 * {@code {"total": N, "data": [...]}}, by {@code offset} until {@code total}, at most 1000 a page,
 * migrations filtered by the purpose looked for. An answer in another shape is never taken for "not
 * there": that would repeat a create the Library may already have done. It ends the job with an
 * {@link UnreadableListException} instead, which becomes an incident once the retries are spent.
 */
@Component
public class LibraryLookups {

  /** Library and Ferry clocks differ; an earlier attempt's work may look a little older than the attempt. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  static final int PAGE = MigrationsClient.MAX_PAGE;
  /** A Library that never reaches its own total is not read for ever. */
  private static final int MAX_PAGES = 1000;
  private static final DateTimeFormatter LIBRARY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /** One page of a Library list, as {@code GET …?offset=&limit=} answers it. */
  @FunctionalInterface
  interface PageReader {
    JsonNode page(int offset, int limit);
  }

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
    // GET /api/migrationGroups is documented nowhere: "data" as every other list, else the older guess
    return find("GET /api/migrationGroups on '" + environmentId + "'", List.of("data", "migrationGroups"),
        (offset, limit) -> groups.list(environmentId, offset, limit),
        group -> name.equals(group.path("name").asText(null))
            && !createdBefore(group.path("creationDate").asText(null), attempt))
        .map(MigrationGroup::new);
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

  /** A package of this purpose named {@code name} that was created on {@code scope} since {@code attempt}. */
  public Optional<Migration> createdSince(LibraryScope scope, String purpose, String name, Instant attempt) {
    return findMigration(scope, purpose, m -> name.equals(m.path("packageInfo").path("name").asText(null))
        && !createdBefore(m.path("packageInfo").path("creationDate").asText(null), attempt));
  }

  /**
   * The import from the shared file store of the file with this id and path on {@code scope}: the
   * migration of purpose {@code migration_from_shared_file_store} whose package lies at the file's
   * {@code path} (how mstrio-py pairs a migration with its file) or, where the list leaves the
   * storage out, whose package has the file's package id.
   */
  public Optional<Migration> importOfFile(LibraryScope scope, String path, String packageId) {
    return findMigration(scope, "migration_from_shared_file_store", m -> {
      String storedAt = m.path("packageInfo").path("storage").path("path").asText("");
      if (path != null && !storedAt.isEmpty()) {
        return path.equals(storedAt);
      }
      return packageId != null && packageId.equals(m.path("packageInfo").path("id").asText(null));
    });
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

  /**
   * A {@code migrations.packages} file with this name and sha256, made since {@code attempt}: what
   * an earlier {@code POST …/files} made when its answer, with the new id and path, was lost.
   */
  public Optional<JsonNode> fileSince(String environmentId, String name, String sha256, Instant attempt) {
    return findFile(environmentId, file -> name.equals(file.path("name").asText(null))
        && sha256.equalsIgnoreCase(file.path("sha256").asText(""))
        && !createdBefore(file.path("creationDate").asText(null), attempt));
  }

  /** The {@code migrations.packages} file with this id. */
  public Optional<JsonNode> file(String environmentId, String fileId) {
    return findFile(environmentId, file -> fileId.equals(file.path("id").asText(null)));
  }

  private Optional<JsonNode> findFile(String environmentId, Predicate<JsonNode> wanted) {
    return find("GET …/sharedFileStore/files?type=migrations.packages on '" + environmentId + "'", List.of("data"),
        (offset, limit) -> files.list(environmentId, offset, limit), wanted);
  }

  private Optional<Migration> findMigration(LibraryScope scope, String purpose, Predicate<JsonNode> wanted) {
    return find("GET /api/migrations?packageInfo.purpose=" + purpose + " on '" + scope.environmentId() + "'",
        List.of("data"), (offset, limit) -> migrations.list(scope, purpose, offset, limit), wanted)
        .map(Migration::new);
  }

  /** Reads pages until {@code wanted} is found or {@code total} items were seen. */
  static Optional<JsonNode> find(String call, List<String> listFields, PageReader reader, Predicate<JsonNode> wanted) {
    int seen = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode answer = reader.page(seen, PAGE);
      JsonNode items = items(call, answer, listFields);
      for (JsonNode item : items) {
        if (wanted.test(item)) {
          return Optional.of(item);
        }
      }
      seen += items.size();
      JsonNode total = answer.path("total");
      boolean more = total.canConvertToLong() && total.isNumber() ? seen < total.asLong() : items.size() >= PAGE;
      if (items.isEmpty() || !more) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static JsonNode items(String call, JsonNode answer, List<String> listFields) {
    for (String field : listFields) {
      if (answer != null && answer.path(field).isArray()) {
        return answer.path(field);
      }
    }
    throw new UnreadableListException(call, listFields, answer);
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

  /**
   * A list answer without the list: Ferry cannot tell whether an earlier attempt already acted,
   * so it stops rather than act a second time.
   */
  public static class UnreadableListException extends IllegalStateException {
    UnreadableListException(String call, List<String> listFields, JsonNode answer) {
      super("Could not read the answer of " + call + " while checking whether an earlier attempt already acted: "
          + "expected {\"total\": N, \"data\": [...]}" + (listFields.size() > 1 ? " (or " + listFields.subList(1,
          listFields.size()) + ")" : "") + " but the Library answered " + shape(answer) + ". Ferry does not repeat "
          + "the call blindly, as the Library may have done it already: look at the Library, remove a duplicate if "
          + "there is one, and retry this job once the Library answers the documented list.");
    }

    private static String shape(JsonNode answer) {
      if (answer == null || answer.isMissingNode() || answer.isNull()) {
        return "nothing";
      }
      if (!answer.isObject()) {
        return "a JSON " + answer.getNodeType().toString().toLowerCase();
      }
      List<String> fields = new ArrayList<>();
      for (Iterator<String> names = answer.fieldNames(); names.hasNext() && fields.size() < 10; ) {
        fields.add(names.next());
      }
      return "an object with the fields " + fields;
    }
  }
}
