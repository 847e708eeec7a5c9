package dev.ferry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.FerryProperties;
import dev.ferry.engine.Violation;
import dev.ferry.transfer.PackageStore;
import dev.ferry.transfer.TransferRules;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /ferry/api/transfers}: starts a {@code package-transfer}, either from a migration on a
 * source Library (JSON) or from a {@code .mmp} file handed to Ferry (multipart). A handed file is
 * streamed into Ferry's package store before the process starts, so a restart loses nothing.
 */
@RestController
public class TransfersController {

  private final ProcessStarter starter;
  private final TransferRules rules;
  private final PackageStore store;
  private final FerryProperties properties;
  private final ObjectMapper mapper;

  public TransfersController(ProcessStarter starter, TransferRules rules, PackageStore store,
      FerryProperties properties, ObjectMapper mapper) {
    this.starter = starter;
    this.rules = rules;
    this.store = store;
    this.properties = properties;
    this.mapper = mapper;
  }

  @PostMapping(path = "/ferry/api/transfers", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> fromLibrary(@RequestBody String body, @RequestParam(required = false) String businessKey,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return starter.start("package-transfer", "The transfer request", body, businessKey, idempotencyKey, rules::check,
        json -> json.path("name").asText(json.path("source").path("migrationId").asText("transfer")));
  }

  @PostMapping(path = "/ferry/api/transfers", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> fromFile(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) String packageType, @RequestParam(required = false) String packagePurpose,
      @RequestParam(required = false) String targetEnvironment, @RequestParam(required = false) String targetProject,
      @RequestParam(required = false) String targetProjectName, @RequestParam(required = false) String name,
      @RequestParam(required = false) String businessKey,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
    List<Violation> early = new ArrayList<>();
    if (file == null || file.isEmpty()) {
      early.add(new Violation("file", "is required: the .mmp package, as the multipart part 'file'"));
    } else {
      String fileName = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
      if (!fileName.toLowerCase().endsWith(".mmp")) {
        early.add(new Violation("file", "'" + fileName + "' is not a migration package: the file must end in .mmp"));
      }
      if (file.getSize() > properties.getTransfer().getMaxPackageSize()) {
        early.add(new Violation("file", file.getSize() + " bytes is over the limit of "
            + properties.getTransfer().getMaxPackageSize() + " bytes (2 GB): a Library accepts no larger package"));
      }
    }
    if (!early.isEmpty()) {
      return Problems.invalid("The transfer request", early);
    }
    PackageStore.StoredPackage stored;
    try (InputStream content = file.getInputStream()) {
      stored = store.write(UUID.randomUUID() + ".mmp", content);
    }
    ObjectNode request = mapper.createObjectNode();
    if (name != null) {
      request.put("name", name);
    }
    request.putObject("file").put("name", file.getOriginalFilename()).put("size", stored.size())
        .put("sha256", stored.sha256()).put("stored", stored.name());
    request.put("packageType", packageType);
    request.put("packagePurpose", packagePurpose);
    ObjectNode target = request.putObject("target").put("environment", targetEnvironment);
    if (targetProject != null) {
      target.putObject("project").put("id", targetProject).put("name", targetProjectName);
    }
    ResponseEntity<?> answer = starter.start("package-transfer", "The transfer request", request.toString(),
        businessKey, idempotencyKey, rules::check, json -> json.path("name").asText(file.getOriginalFilename().replaceFirst(
            "(?i)\\.mmp$", "")));
    if (answer.getStatusCode().value() != 201) {
      // refused, or a replayed key whose first request brought its own copy
      store.discard(stored.name());
    }
    return answer;
  }
}
