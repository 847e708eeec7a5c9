package dev.ferry.transfer;

import dev.ferry.engine.FerryProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Ferry's folder for package files between download (or hand-in) and upload. Files are written
 * from a stream with their size and sha256 computed on the way, first under a temporary name, so
 * a download that breaks off midway never leaves a file that looks complete.
 */
@Component
public class PackageStore {

  /** A package file in the store. */
  public record StoredPackage(String name, long size, String sha256) {
  }

  private final Path folder;
  private final long maxSize;

  public PackageStore(FerryProperties properties) {
    this.folder = Path.of(properties.getTransfer().getStore()).toAbsolutePath().normalize();
    this.maxSize = properties.getTransfer().getMaxPackageSize();
  }

  /** Copies {@code content} into the store as {@code name}, replacing an earlier attempt. */
  public StoredPackage write(String name, InputStream content) throws IOException {
    Files.createDirectories(folder);
    Path target = path(name);
    Path partial = folder.resolve(name + ".partial");
    MessageDigest sha256 = sha256();
    try (InputStream in = new DigestInputStream(content, sha256)) {
      long size = Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      if (size > maxSize) {
        throw new IOException("the package has " + size + " bytes, more than the " + maxSize + " a Library accepts");
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new StoredPackage(name, size, HexFormat.of().formatHex(sha256.digest()));
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  public Path path(String name) {
    Path path = folder.resolve(name).normalize();
    if (!path.getParent().equals(folder)) {
      throw new IllegalArgumentException("'" + name + "' is not a file name in the package store");
    }
    return path;
  }

  public boolean exists(String name) {
    return name != null && Files.isRegularFile(path(name));
  }

  /** Removes a file once it is no longer needed; a missing one (or none: JUEL passes null as "") is fine. */
  public void discard(String name) {
    if (name == null || name.isBlank()) {
      return;
    }
    try {
      Files.deleteIfExists(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
