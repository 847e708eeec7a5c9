package dev.ferry.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared file store of one simulated Library ({@code /api/mstrServices/library/storage/
 * sharedFileStore}): file metadata in memory, binaries on disk in a temporary directory of this
 * store, created at the first upload and deleted by {@link #close}. Uploads and downloads are
 * streamed, never held in memory; an upload is measured (size, SHA-256) on its way to disk and
 * kept only if it matches the metadata. Thread-safe: metadata changes are serialised on
 * {@code this}, the bytes flow outside the lock.
 */
final class SharedFileStore {

  private static final int BUFFER = 64 * 1024;

  private final String libraryName;
  private final Clock clock;
  private volatile int maxFiles;
  /** By file id, oldest first; guarded by {@code this}. */
  private final Map<String, SharedFile> files = new LinkedHashMap<>();
  /** Guarded by {@code this}; null until the first upload. */
  private Path directory;

  private static final class SharedFile {
    final ObjectNode record;
    /** The stored binary, once an upload was accepted. */
    Path stored;
    /** What was measured of the stored binary. */
    UploadedBytes measured;

    SharedFile(ObjectNode record) {
      this.record = record;
    }

    String objectId() {
      String path = record.path("path").asText();
      return path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('.'));
    }

    String name() {
      return record.path("name").asText();
    }
  }

  /** Lowers or raises the cap on stored files, so tests can reach it without storing a thousand files. */
  void limit(int maxFiles) {
    this.maxFiles = maxFiles;
  }

  SharedFileStore(String libraryName, Clock clock, int maxFiles) {
    if (maxFiles < 1) {
      throw new IllegalArgumentException("ferry.simulator.max-uploaded-packages must be at least 1, was " + maxFiles);
    }
    this.libraryName = libraryName;
    this.clock = clock;
    this.maxFiles = maxFiles;
  }

  /** {@code POST …/files}: the metadata, {@code existing: false}; refused once the store is full. */
  synchronized ObjectNode create(JsonNode body, Creator creator) {
    ObjectNode record = SharedFileRequest.record(body, creator, clock.instant());
    if (files.size() >= maxFiles) {
      throw SimulatorError.invalidInput("The shared file store is full: it holds " + files.size() + " migration "
          + "packages and at most " + maxFiles + " are allowed (storage.sharedFileStore.migrations.packages.maxNumber)."
          + " Delete unused packages with DELETE /api/mstrServices/library/storage/sharedFileStore/files/{fileId} "
          + "to free space");
    }
    files.put(record.path("id").asText(), new SharedFile(record));
    return record.deepCopy();
  }

  /**
   * {@code PUT …/files/{fileId}/binary}: streams {@code content} to disk, measuring it. Kept
   * only if size and SHA-256 are the declared ones; otherwise refused ({@code ERR006}) and the
   * file stays as it was. A second accepted upload replaces the first.
   */
  ObjectNode upload(String fileId, InputStream content) {
    SharedFile file;
    Path dir;
    synchronized (this) {
      file = require(fileId);
      dir = directory();
    }
    long declaredSize = file.record.path("size").asLong();
    String declaredSha = file.record.path("sha256").asText();
    Path part = null;
    try {
      part = Files.createTempFile(dir, file.objectId() + "-", ".part");
      UploadedBytes measured = copy(content, part, declaredSize);
      if (measured.size() != declaredSize) {
        throw SimulatorError.invalidInput("size mismatch: the metadata of file " + fileId + " declares "
            + declaredSize + " bytes, the upload had " + measured.size());
      }
      if (!measured.sha256().equals(declaredSha)) {
        throw SimulatorError.invalidInput("sha256 mismatch: the metadata of file " + fileId + " declares "
            + declaredSha + ", the uploaded bytes have " + measured.sha256());
      }
      synchronized (this) {
        if (files.get(fileId) != file) {
          throw SimulatorError.notFound("File '" + fileId + "' was deleted during the upload");
        }
        Path target = dir.resolve(file.objectId() + "." + SharedFileRequest.EXTENSION);
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        file.stored = target;
        file.measured = measured;
        file.record.put("sha256", reported(file, measured));
        file.record.put("existing", true);
        file.record.put("size", measured.size());
        file.record.put("lastUpdatedDate", LibraryTime.timestamp(clock.instant()));
        return file.record.deepCopy();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store the upload of file " + fileId, e);
    } finally {
      deleteQuietly(part);
    }
  }

  /** {@code GET …/files/{fileId}/binary}: the stored binary; {@code ERR006} while none was uploaded. */
  synchronized Binary download(String fileId) {
    SharedFile file = require(fileId);
    if (file.stored == null) {
      throw SimulatorError.invalidInput("File '" + fileId + "' has no binary yet (existing: false): upload it with "
          + "PUT /api/mstrServices/library/storage/sharedFileStore/files/{fileId}/binary first");
    }
    return binary(file);
  }

  /** The stored binary of the file at {@code path} (a migration's {@code storage.path}), if there is one. */
  synchronized Optional<Binary> binaryAt(String path) {
    return files.values().stream()
        .filter(file -> file.stored != null && file.record.path("path").asText().equals(path))
        .findFirst()
        .map(this::binary);
  }

  /**
   * {@code GET …/files?type=&offset=&limit=}: {@code {"total", "data": [<metadata>…]}}, oldest first,
   * each with its {@code id} and {@code path}, as mstrio-py reads it ({@code list_storage_files}).
   * A negative limit means the Library's largest page.
   */
  synchronized ObjectNode list(String type, int offset, int limit) {
    if (type != null && !type.isBlank() && !SharedFileRequest.TYPE.equals(type)) {
      throw SimulatorError.invalidInput("type '" + type + "' is not supported: use '" + SharedFileRequest.TYPE + "'");
    }
    ListPage.check(offset, limit);
    return ListPage.of(files.size(), files.values().stream().skip(offset).limit(ListPage.size(limit))
        .map(file -> file.record.deepCopy()));
  }

  /** {@code DELETE …/files/{fileId}}: the metadata and the binary on disk. */
  synchronized void delete(String fileId) {
    SharedFile file = require(fileId);
    files.remove(fileId);
    deleteQuietly(file.stored);
  }

  /** The metadata of a file whose binary is uploaded, for a migration from the shared file store. */
  synchronized ObjectNode uploaded(String fileId) {
    SharedFile file = fileId == null ? null : files.get(fileId);
    if (file == null) {
      throw SimulatorError.invalidInput("packageInfo.storage.sharedFileStore.files.id: file '" + fileId
          + "' is not in the shared file store of this Library");
    }
    if (file.stored == null) {
      throw SimulatorError.invalidInput("packageInfo.storage.sharedFileStore.files.id: file '" + fileId
          + "' has no binary yet (existing: false): upload it before migrating it");
    }
    return file.record.deepCopy();
  }

  synchronized Optional<ObjectNode> file(String fileId) {
    return Optional.ofNullable(files.get(fileId)).map(file -> file.record.deepCopy());
  }

  synchronized List<ObjectNode> files() {
    return files.values().stream().map(file -> file.record.deepCopy()).toList();
  }

  synchronized Optional<UploadedBytes> uploadedBytes(String fileId) {
    return Optional.ofNullable(files.get(fileId)).map(file -> file.measured);
  }

  /** Forgets every file and deletes the directory with the binaries. */
  synchronized void close() {
    files.clear();
    TempDirectories.delete(directory);
    directory = null;
  }

  // ---------------------------------------------------------------------------------------------

  private SharedFile require(String fileId) {
    SharedFile file = fileId == null ? null : files.get(fileId);
    if (file == null) {
      throw SimulatorError.notFound("File '" + fileId + "' not found");
    }
    return file;
  }

  private Path directory() {
    if (directory == null) {
      directory = TempDirectories.create("ferry-simulator-" + libraryName + "-");
    }
    return directory;
  }

  private Binary binary(SharedFile file) {
    try {
      InputStream content = Files.newInputStream(file.stored);
      if (FailureMarkers.breaksDownload(file.name())) {
        content = new BreakingHalfway(content, file.measured.size());
      }
      return new Binary(file.measured.size(), file.objectId() + "." + SharedFileRequest.EXTENSION, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the stored binary of file " + file.record.path("id").asText(), e);
    }
  }

  /** The measured SHA-256, or — for a {@code corrupt-upload} file — one the simulator pretends it stored. */
  private static String reported(SharedFile file, UploadedBytes measured) {
    if (!FailureMarkers.corruptsUpload(file.name())) {
      return measured.sha256();
    }
    return hex(sha256().digest(("corrupted:" + measured.sha256()).getBytes(StandardCharsets.US_ASCII)));
  }

  /** Streams to {@code target}, at most one byte more than declared, hashing on the way. */
  private static UploadedBytes copy(InputStream content, Path target, long declaredSize) throws IOException {
    MessageDigest sha = sha256();
    long count = 0;
    try (OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[BUFFER];
      int read;
      while ((read = readUpload(content, buffer)) >= 0) {
        count += read;
        if (count > declaredSize) {
          throw SimulatorError.invalidInput("size mismatch: the metadata declares " + declaredSize
              + " bytes, the upload has more");
        }
        sha.update(buffer, 0, read);
        out.write(buffer, 0, read);
      }
    }
    return new UploadedBytes(count, hex(sha.digest()));
  }

  private static int readUpload(InputStream content, byte[] buffer) {
    try {
      return content.read(buffer);
    } catch (IOException e) {
      throw SimulatorError.invalidInput("The upload broke off: " + e.getMessage());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // the directory goes at shutdown anyway
      }
    }
  }

  /** A stored binary whose download breaks off after half of its bytes ({@code fail-download}). */
  private static final class BreakingHalfway extends java.io.FilterInputStream {
    private final long size;
    private long delivered;

    BreakingHalfway(InputStream in, long size) {
      super(in);
      this.size = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      long half = size / 2;
      if (delivered >= half) {
        throw new PackageBytes.BrokenDownload(delivered, size);
      }
      int read = super.read(buffer, offset, (int) Math.min(length, half - delivered));
      if (read > 0) {
        delivered += read;
      }
      return read;
    }
  }
}
