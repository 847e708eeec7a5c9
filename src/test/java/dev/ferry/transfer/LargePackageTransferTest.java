package dev.ferry.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationsClient;
import dev.ferry.simulator.Simulator;
import dev.ferry.support.MigrationScenario;
import dev.ferry.support.Requests;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A package four times larger than this JVM's heap goes through download, sha256, upload and the
 * target's check. Maven runs this class in its own JVM with {@code -Xmx256m} (see the pom): if any
 * step held the package in memory, it would end in an OutOfMemoryError.
 */
class LargePackageTransferTest extends MigrationScenario {

  @Autowired Simulator simulator;
  @Autowired MigrationsClient migrations;

  @Test
  void packageFourTimesTheHeapIsTransferredWithoutHoldingItInMemory() {
    long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    long sizeMb = 4 * heapMb;
    Migration source = migrations.create(LibraryScope.of("dev", Requests.SOURCE_PROJECT),
        Requests.objectMigration("Huge size-" + sizeMb + "m"));
    migrations.get(LibraryScope.of("dev", Requests.SOURCE_PROJECT), source.id(), false);
    ObjectNode request = new ObjectMapper().createObjectNode();
    request.putObject("source").put("environment", "dev").put("migrationId", source.id());
    request.putObject("target").put("environment", "prod").putObject("project").put("id", Requests.TARGET_PROJECT);

    long started = System.nanoTime();
    ProcessInstance transfer = runtime.startProcessInstanceByKey("package-transfer",
        Map.of("request", SpinValues.jsonValue(request.toString()).create()));
    driver.runJobs(transfer.getId());
    long seconds = (System.nanoTime() - started) / 1_000_000_000;

    assertThat(transfer).hasPassed("upload-package");
    assertThat(variable(transfer, "packageSize")).isEqualTo(sizeMb * 1024 * 1024);
    var uploaded = simulator.environment("prod").uploadedBytes((String) variable(transfer, "fileId")).orElseThrow();
    assertThat(uploaded.size()).isEqualTo(sizeMb * 1024 * 1024);
    assertThat(uploaded.sha256()).isEqualTo(variable(transfer, "packageSha256"));
    System.out.printf("large package: %d MB through a %d MB heap in %d s%n", sizeMb, heapMb, seconds);
  }
}
