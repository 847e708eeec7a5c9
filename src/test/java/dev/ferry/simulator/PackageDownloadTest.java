package dev.ferry.simulator;

import static dev.ferry.simulator.FileSandbox.readAll;
import static dev.ferry.simulator.Sandbox.projectPackage;
import static dev.ferry.simulator.Sandbox.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** {@code GET /api/migrations/packages/{packageId}/binary}: made-up, deterministic, streamed bytes. */
class PackageDownloadTest {

  private final Sandbox sandbox = new Sandbox();

  @AfterEach
  void deleteFiles() {
    sandbox.simulator.close();
  }

  @Test
  void aCreatedPackageDownloadsItsStorageSizeInTheSameBytesEveryTime() {
    String id = built("Sales");
    String packageId = id.split(":")[0];

    Binary first = sandbox.dev.downloadPackage(sandbox.devSession, packageId);
    byte[] bytes = readAll(first);
    byte[] again = readAll(sandbox.dev.downloadPackage(sandbox.devSession, packageId));

    long storageSize = sandbox.onDev(id).path("packageInfo").path("storage").path("size").asLong();
    assertThat(storageSize).isEqualTo(64 * 1024);
    assertThat(first.size()).isEqualTo(storageSize);
    assertThat(first.fileName()).isEqualTo(packageId + ".mmp");
    assertThat(bytes).hasSize((int) storageSize).isEqualTo(again);
    assertThat(sandbox.dev.accepted(Endpoint.DOWNLOAD_PACKAGE)).isEqualTo(2);
  }

  @Test
  void differentPackagesHaveDifferentBytesButAPackageIsTheSameOnEveryLibrary() throws IOException {
    String sales = built("Sales").split(":")[0];
    String stock = built("Stock").split(":")[0];

    byte[] salesBytes = readAll(sandbox.dev.downloadPackage(sandbox.devSession, sales));

    assertThat(readAll(sandbox.dev.downloadPackage(sandbox.devSession, stock))).isNotEqualTo(salesBytes);
    try (InputStream same = PackageBytes.of(sales, salesBytes.length)) {
      assertThat(same.readAllBytes()).isEqualTo(salesBytes);
    }
  }

  @Test
  void theSizeMarkerSetsStorageSizeAndLength() {
    String id = built("Sales size-3m");
    Binary binary = sandbox.dev.downloadPackage(sandbox.devSession, id.split(":")[0]);

    assertThat(sandbox.onDev(id).path("packageInfo").path("storage").path("size").asLong()).isEqualTo(3 << 20);
    assertThat(binary.size()).isEqualTo(3 << 20);
    assertThat(readAll(binary)).hasSize(3 << 20);
  }

  @Test
  void sizeMarkersInEveryUnitAndAnyCase() {
    assertThat(FailureMarkers.packageSize("a SIZE-300K b", 7)).isEqualTo(300L * 1024);
    assertThat(FailureMarkers.packageSize("size-300m", 7)).isEqualTo(300L << 20);
    assertThat(FailureMarkers.packageSize("Sales size-5g", 7)).isEqualTo(5L << 30);
    assertThat(FailureMarkers.packageSize("Sales size-5", 7)).isEqualTo(7);
    assertThat(FailureMarkers.packageSize(null, 7)).isEqualTo(7);
  }

  @Test
  void thePackageSizePropertyIsTheDefault() {
    Sandbox small = new Sandbox(properties -> properties.setPackageSize(DataSize.ofBytes(1000)));
    String id = small.create(projectPackage("Sales"));
    small.clock.advance(Sandbox.CREATE);

    assertThat(small.onDev(id).path("packageInfo").path("storage").path("size").asLong()).isEqualTo(1000);
    assertThat(readAll(small.dev.downloadPackage(small.devSession, id.split(":")[0]))).hasSize(1000);
  }

  @Test
  void aLockedPackageStillDownloads() {
    String id = sandbox.approved(projectPackage("Sales"));

    assertThat(sandbox.onDev(id).path("packageInfo").path("status").asText()).isEqualTo("locked");
    assertThat(readAll(sandbox.dev.downloadPackage(sandbox.devSession, id.split(":")[0]))).hasSize(64 * 1024);
  }

  @Test
  void aPackageNotBuiltYetIsRefused() {
    String id = sandbox.create(projectPackage("Sales"));

    SimulatorError error = refusal(() -> sandbox.dev.downloadPackage(sandbox.devSession, id.split(":")[0]));

    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("'creating'", "once it is 'created'");
  }

  @Test
  void aFailedPackageHasNoBinary() {
    String id = built("Sales fail-create");

    SimulatorError error = refusal(() -> sandbox.dev.downloadPackage(sandbox.devSession, id.split(":")[0]));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("'create_failed'");
  }

  @Test
  void anUnknownPackageIsNotFound() {
    SimulatorError error = refusal(() -> sandbox.dev.downloadPackage(sandbox.devSession, "0123456789ABCDEF0123456789ABCDEF"));

    assertThat(error.httpStatus()).isEqualTo(404);
    assertThat(error.code()).isEqualTo("ERR004");
    assertThat(sandbox.dev.received(Endpoint.DOWNLOAD_PACKAGE)).isEqualTo(1);
    assertThat(sandbox.dev.accepted(Endpoint.DOWNLOAD_PACKAGE)).isZero();
  }

  @Test
  void aDownloadNeedsTheSession() {
    String packageId = built("Sales").split(":")[0];

    SimulatorError error = refusal(() -> sandbox.dev.downloadPackage(new SessionKey(null, null), packageId));
    SimulatorError tokenOnly = refusal(() -> sandbox.dev.downloadPackage(
        new SessionKey(sandbox.devSession.token(), null), packageId));

    assertThat(error.code()).isEqualTo("ERR009");
    assertThat(tokenOnly.code()).isEqualTo("ERR009");
  }

  @Test
  void failDownloadBreaksOffAfterHalfTheBytes() throws IOException {
    String packageId = built("Sales fail-download size-1m").split(":")[0];
    Binary binary = sandbox.dev.downloadPackage(sandbox.devSession, packageId);
    byte[] whole;
    try (InputStream intact = PackageBytes.of(packageId, 1 << 20)) {
      whole = intact.readAllBytes();
    }

    ByteArrayOutputStream received = new ByteArrayOutputStream();
    IOException broken = null;
    try (InputStream content = binary.content()) {
      byte[] buffer = new byte[8192];
      for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
        received.write(buffer, 0, read);
      }
    } catch (IOException e) {
      broken = e;
    }

    assertThat(binary.size()).isEqualTo(1 << 20);
    assertThat(broken).isInstanceOf(PackageBytes.BrokenDownload.class).hasMessageContaining("524288 of 1048576");
    assertThat(received.toByteArray()).isEqualTo(Arrays.copyOf(whole, 1 << 19));
  }

  /**
   * The generator keeps no buffer: 200 MB — more than a small test heap — come out of it through
   * an 8 KB buffer, the right count and the same digest twice.
   */
  @Test
  void theGeneratorStreams200MegabytesInConstantMemory() throws IOException {
    long size = 200L << 20;

    String first = digestOf(PackageBytes.of("C337C6D1FAC94E1998DB162B20D6B95E", size), size);
    String second = digestOf(PackageBytes.of("C337C6D1FAC94E1998DB162B20D6B95E", size), size);

    assertThat(first).isEqualTo(second).hasSize(64);
  }

  private static String digestOf(InputStream content, long expected) throws IOException {
    MessageDigest digest = FileSandbox.digest();
    byte[] buffer = new byte[8192];
    long count = 0;
    try (content) {
      for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
        digest.update(buffer, 0, read);
        count += read;
      }
    }
    assertThat(count).isEqualTo(expected);
    return HexFormat.of().formatHex(digest.digest());
  }

  private String built(String name) {
    String id = sandbox.create(projectPackage(name));
    sandbox.clock.advance(Sandbox.CREATE);
    return id;
  }
}
