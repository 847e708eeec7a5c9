package dev.ferry.api;

import static dev.ferry.support.Problems.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.FerryProperties;
import dev.ferry.support.FerryHttp;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code POST /ferry/api/transfers}: from a source migration (JSON) or a handed {@code .mmp} (multipart). */
class TransfersApiTest extends MigrationScenario {

  @LocalServerPort int port;
  @Autowired FerryProperties properties;
  FerryHttp http;

  @BeforeEach
  void client() {
    http = new FerryHttp(port);
  }

  Map<String, String> projectTarget() {
    return Map.of("packageType", "project", "packagePurpose", "object_migration", "targetEnvironment", "prod",
        "targetProject", Requests.TARGET_PROJECT);
  }

  long storedFiles() throws Exception {
    Path store = Path.of(properties.getTransfer().getStore());
    if (!Files.exists(store)) {
      return 0;
    }
    try (var files = Files.list(store)) {
      return files.count();
    }
  }

  @Test
  void handedPackageIsStoredAndTheTransferStarts() {
    FerryHttp.Answer answer = http.postFile(REQUESTER, "rita", "/ferry/api/transfers", "Sales.mmp",
        new byte[] {1, 2, 3, 4}, projectTarget());

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(answer.json().get("businessKey").asText()).isEqualTo("Sales");
    String id = answer.json().get("processInstanceId").asText();
    assertThat(runtime.getVariable(id, "packageSha256"))
        .isEqualTo("9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a");
    assertThat(runtime.getVariable(id, "packageSize")).isEqualTo(4L);
  }

  @Test
  void wrongExtensionIsRefusedAndNothingIsKept() throws Exception {
    long before = storedFiles();
    FerryHttp.Answer answer = http.postFile(REQUESTER, "rita", "/ferry/api/transfers", "Sales.zip", new byte[] {1},
        projectTarget());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("must end in .mmp");
    assertThat(storedFiles()).isEqualTo(before);
  }

  @Test
  void packageOverTheSizeLimitIsRefused() {
    long limit = properties.getTransfer().getMaxPackageSize();
    properties.getTransfer().setMaxPackageSize(3);
    try {
      FerryHttp.Answer answer = http.postFile(REQUESTER, "rita", "/ferry/api/transfers", "Big.mmp",
          new byte[] {1, 2, 3, 4}, projectTarget());
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.body()).contains("over the limit").contains("2 GB");
    } finally {
      properties.getTransfer().setMaxPackageSize(limit);
    }
  }

  @Test
  void unknownTypePurposeAndEnvironmentAreEachNamedAndTheFileIsNotKept() throws Exception {
    long before = storedFiles();
    FerryHttp.Answer answer = http.postFile(REQUESTER, "rita", "/ferry/api/transfers", "Sales.mmp", new byte[] {1},
        Map.of("packageType", "cube", "packagePurpose", "teleport", "targetEnvironment", "qa"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(fields(answer.json())).containsExactlyInAnyOrder("packageType", "packagePurpose", "target.environment");
    assertThat(storedFiles()).isEqualTo(before);
  }

  @Test
  void missingFileIsRefused() {
    FerryHttp.Answer answer = http.postFile(REQUESTER, "rita", "/ferry/api/transfers", null, null, projectTarget());
    assertThat(answer.status()).isEqualTo(400);
    assertThat(fields(answer.json())).containsExactly("file");
  }

  @Test
  void transferFromASourceMigrationNeedsAProjectForProjectPackages() {
    FerryHttp.Answer answer = http.post(REQUESTER, "rita", "/ferry/api/transfers",
        "{\"source\": {\"environment\": \"dev\", \"packageId\": \"ABC\"}, \"packageType\": \"project\","
            + " \"packagePurpose\": \"object_migration\", \"target\": {\"environment\": \"prod\"}}");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(fields(answer.json())).containsExactly("target.project.id");
  }
}
