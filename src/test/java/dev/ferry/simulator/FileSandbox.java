package dev.ferry.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Shared-file-store steps and helpers for the tests of downloads, uploads and imports from files. */
final class FileSandbox {

  static final String DEV_URL = "http://localhost/simulator/dev";

  private FileSandbox() {
  }

  /** The documented metadata body of {@code content}. */
  static ObjectNode fileMeta(String name, byte[] content, String packageType) {
    return Sandbox.json("""
        {
          "name": "%s",
          "type": "migrations.packages",
          "size": %d,
          "sha256": "%s",
          "extension": "mmp",
          "environment": {"id": "%s", "name": "dev"},
          "extraInfo": {"packageType": "%s", "packagePurpose": "object_migration"}
        }
        """.formatted(name, content.length, sha256(content), DEV_URL, packageType));
  }

  /** The documented body of {@code POST /api/migrations} that imports an uploaded file. */
  static ObjectNode importBody(String fileId) {
    return Sandbox.json("""
        {
          "packageInfo": {
            "storage": {"sharedFileStore": {"files": {"id": "%s"}}},
            "purpose": "migration_from_shared_file_store"
          },
          "importInfo": {
            "environment": {"id": "http://localhost/simulator/prod", "name": "prod"},
            "project": {"id": "%s", "name": "MicroStrategy Tutorial"}
          }
        }
        """.formatted(fileId, Sandbox.TARGET_PROJECT));
  }

  /** Metadata created and binary uploaded on prod; answers the upload's answer. */
  static ObjectNode uploaded(Sandbox sandbox, String name, byte[] content, String packageType) {
    String fileId = sandbox.prod.createFile(sandbox.prodSession, fileMeta(name, content, packageType))
        .path("id").asText();
    return sandbox.prod.uploadFile(sandbox.prodSession, fileId, new ByteArrayInputStream(content));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] readAll(Binary binary) {
    try (InputStream content = binary.content()) {
      return content.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A multipart/form-data body with a field before the part {@code file}. */
  static byte[] multipart(String boundary, byte[] file) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(bytes("--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"comment\"\r\n\r\n"
        + "uploaded by a test\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\"package.mmp\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n"));
    body.writeBytes(file);
    body.writeBytes(bytes("\r\n--" + boundary + "--\r\n"));
    return body.toByteArray();
  }

  static String sha256(byte[] content) {
    return HexFormat.of().formatHex(digest().digest(content));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
