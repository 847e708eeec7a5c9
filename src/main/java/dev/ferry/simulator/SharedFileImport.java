package dev.ferry.simulator;

import static dev.ferry.simulator.JsonFields.object;
import static dev.ferry.simulator.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.Function;

/**
 * {@code POST /api/migrations} with {@code packageInfo.purpose: migration_from_shared_file_store}
 * on the target: the package is a file uploaded to this Library's shared file store, so the
 * migration starts right away as an approved import ({@code packageInfo.status: locked},
 * {@code importInfo.status: importing}), as the documented sample shows. The record follows the
 * documented {@code GET} sample: package id, name, type, creator and storage come from the
 * file's metadata, {@code replicated: true}, {@code purpose: migration_from_shared_file_store}
 * (the sample's value; the file's {@code packagePurpose} is not repeated), {@code version: "2"}.
 */
final class SharedFileImport {

  static final String PURPOSE = "migration_from_shared_file_store";
  private static final String FILE_ID = "packageInfo.storage.sharedFileStore.files.id";

  private SharedFileImport() {
  }

  /** Whether a create body asks for a migration from the shared file store. */
  static boolean asks(JsonNode body) {
    return body != null && PURPOSE.equals(text(body.path("packageInfo"), "purpose"));
  }

  /**
   * The record of the import; {@code uploadedFile} finds the metadata of an uploaded file on
   * this Library or refuses ({@code ERR006}).
   */
  static ObjectNode record(JsonNode body, String projectId, Function<String, ObjectNode> uploadedFile,
      Creator importer, Instant now) {
    if (body == null || !body.isObject()) {
      throw SimulatorError.invalidInput("Invalid JSON: the body must be a migration object");
    }
    String fileId = text(body.path("packageInfo").path("storage").path("sharedFileStore").path("files"), "id");
    if (fileId == null) {
      throw SimulatorError.missingField(FILE_ID, "the id of the uploaded package file");
    }
    ObjectNode file = uploadedFile.apply(fileId);
    ObjectNode importRequest = object(body, "importInfo");
    if (importRequest == null || object(importRequest, "environment") == null
        || text(importRequest.path("environment"), "id") == null) {
      throw SimulatorError.invalidInput("importInfo.environment is required: give the id (the environment URL) and "
          + "name of the target environment");
    }
    JsonNode extraInfo = file.path("extraInfo");
    PackageType type = PackageType.ofSharedFile(extraInfo.path("packageType").asText());
    type.checkProjectHeader(projectId, "import");

    String packageId = extraInfo.path("packageId").asText();
    String importId = RandomIds.objectId();
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    record.put("id", packageId + ":" + importId);
    record.set("packageInfo", packageInfo(file, packageId, type));
    record.set("importInfo", importInfo(importRequest, importId, type, projectId, importer, now));
    record.put("version", "2");
    return record;
  }

  private static ObjectNode packageInfo(ObjectNode file, String packageId, PackageType type) {
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("id", packageId);
    info.put("name", file.path("name").asText());
    info.put("replicated", true);
    info.put("purpose", PURPOSE);
    info.put("type", type.json());
    info.set("creator", file.path("creator").deepCopy());
    info.put("creationDate", file.path("creationDate").asText());
    info.put("lastUpdatedDate", file.path("lastUpdatedDate").asText());
    ObjectNode storage = info.putObject("storage");
    storage.put("size", file.path("size").asLong());
    storage.put("path", file.path("path").asText());
    info.put("status", "locked");
    info.put("message", "");
    info.put("progress", 100);
    info.put("deleted", false);
    info.put("existing", true);
    return info;
  }

  private static ObjectNode importInfo(ObjectNode request, String importId, PackageType type, String projectId,
      Creator importer, Instant now) {
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("id", importId);
    info.set("creator", importer.json());
    info.put("creationDate", LibraryTime.timestamp(now));
    info.put("lastUpdatedDate", LibraryTime.timestamp(now));
    info.set("environment", request.get("environment").deepCopy());
    info.put("status", "importing");
    info.put("importRequestStatus", "approved");
    info.put("undoRequestStatus", "pending");
    info.put("progress", 0);
    info.put("message", "");
    info.putObject("undoStorage"); // written when the import finishes
    ObjectNode given = object(request, "project");
    if (type != PackageType.CONFIGURATION) {
      ObjectNode project = given == null ? JsonNodeFactory.instance.objectNode() : given.deepCopy();
      if (text(project, "id") == null) {
        project.put("id", projectId);
      }
      info.set("project", project);
    } else if (given != null) {
      info.set("project", given.deepCopy());
    }
    info.put("deleted", false);
    return info;
  }
}
