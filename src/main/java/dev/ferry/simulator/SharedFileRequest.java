package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.object;
import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /api/mstrServices/library/storage/sharedFileStore/files}: checks the metadata the
 * way the documentation states it ({@code type} {@code migrations.packages}, {@code extension}
 * {@code mmp}, at most 2 GB, {@code packageType} and {@code packagePurpose} from their lists)
 * and turns it into the documented record, fields in the documented order, {@code existing}
 * false until the binary is uploaded. Each broken rule is refused on its own, naming the field:
 * {@code ERR007} when it is missing, {@code ERR006} when it is wrong.
 */
final class SharedFileRequest {

  static final String TYPE = "migrations.packages";
  static final String EXTENSION = "mmp";
  /** 2 GB: "The size of the file should be equal to or less than 2GB." */
  static final long MAX_SIZE = 2L * 1024 * 1024 * 1024;
  static final Set<String> PACKAGE_TYPES = Set.of("project", "project_security", "configuration");
  static final Set<String> PACKAGE_PURPOSES = Set.of("object_migration", "project_merge");

  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private SharedFileRequest() {
  }

  /** The record of a new file: its id is {@code base64("migrations.packages:" + objectId)}. */
  static ObjectNode record(JsonNode body, Creator creator, Instant now) {
    if (body == null || !body.isObject()) {
      throw SimulatorError.invalidInput("Invalid JSON: the body must be the file's metadata object");
    }
    String name = required(body, "name");
    String type = required(body, "type");
    if (!TYPE.equals(type)) {
      throw SimulatorError.invalidInput("type '" + type + "' is not supported: use '" + TYPE + "'");
    }
    long size = size(body);
    String sha256 = required(body, "sha256");
    if (!SHA256.matcher(sha256).matches()) {
      throw SimulatorError.invalidInput("sha256 '" + sha256 + "' is not a SHA-256: give the 64 hex digits of the "
          + "package file's SHA-256");
    }
    String extension = required(body, "extension");
    if (!EXTENSION.equals(extension)) {
      throw SimulatorError.invalidInput("extension '" + extension + "' is not supported: use '" + EXTENSION + "'");
    }
    ObjectNode environment = object(body, "environment");
    if (environment == null) {
      throw SimulatorError.missingField("environment", "the id (URL) and name of the environment the package "
          + "comes from");
    }
    if (text(environment, "id") == null) {
      throw SimulatorError.missingField("environment.id", "the URL of the environment the package comes from");
    }
    ObjectNode extraInfo = object(body, "extraInfo");
    String packageType = oneOf(extraInfo, "packageType", PACKAGE_TYPES);
    String packagePurpose = oneOf(extraInfo, "packagePurpose", PACKAGE_PURPOSES);

    String objectId = RandomIds.objectId();
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    record.put("id", Base64.getEncoder().encodeToString((TYPE + ":" + objectId).getBytes(StandardCharsets.US_ASCII)));
    record.put("type", TYPE);
    record.put("name", name);
    record.put("path", "mstr/shared/migrations/packages/" + LibraryTime.day(now) + "/" + objectId + "." + EXTENSION);
    record.put("sha256", sha256.toLowerCase(Locale.ROOT));
    record.put("existing", false);
    record.put("size", size);
    record.put("extension", EXTENSION);
    record.set("creator", creator.json());
    record.set("environment", environment.deepCopy());
    record.put("creationDate", LibraryTime.timestamp(now));
    record.put("lastUpdatedDate", LibraryTime.timestamp(now));
    ObjectNode extra = record.putObject("extraInfo");
    extra.put("packageId", RandomIds.objectId());
    extra.put("packageType", packageType);
    extra.put("packagePurpose", packagePurpose);
    return record;
  }

  private static String required(JsonNode body, String field) {
    String value = text(body, field);
    if (value == null) {
      throw SimulatorError.missingField(field);
    }
    return value;
  }

  private static long size(JsonNode body) {
    JsonNode size = body.path("size");
    if (size.isMissingNode() || size.isNull()) {
      throw SimulatorError.missingField("size", "the package file's length in bytes");
    }
    if (!size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 1) {
      throw SimulatorError.invalidInput("size " + size + " is not a file length: give the package file's length in "
          + "bytes, at least 1");
    }
    if (size.asLong() > MAX_SIZE) {
      throw SimulatorError.invalidInput("size " + size.asLong() + " exceeds the maximum package size of 2 GB ("
          + MAX_SIZE + " bytes)");
    }
    return size.asLong();
  }

  private static String oneOf(ObjectNode extraInfo, String field, Set<String> allowed) {
    String value = extraInfo == null ? null : text(extraInfo, field);
    if (value == null) {
      throw SimulatorError.missingField("extraInfo." + field);
    }
    if (!allowed.contains(value)) {
      throw SimulatorError.invalidInput("extraInfo." + field + " '" + value + "' is not supported: use one of "
          + allowed.stream().sorted().map(v -> "'" + v + "'").toList());
    }
    return value;
  }
}
