package dev.ferry.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary directories the simulated shared file stores keep uploads in. Each is deleted
 * when its {@link Simulator} closes (Spring closes it at shutdown); whatever is left — a
 * simulator a test never closed — is deleted by one JVM shutdown hook.
 */
final class TempDirectories {

  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  static {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(TempDirectories::deleteQuietly),
          "ferry-simulator-temp-cleanup"));
    } catch (IllegalStateException shuttingDown) {
      // first used while the JVM shuts down (a simulator closed before any upload): nothing to clean up later
    }
  }

  private TempDirectories() {
  }

  static Path create(String prefix) {
    try {
      Path directory = Files.createTempDirectory(prefix);
      LIVE.add(directory);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the simulator's shared file store directory", e);
    }
  }

  static void delete(Path directory) {
    if (directory != null) {
      deleteQuietly(directory);
      LIVE.remove(directory);
    }
  }

  private static void deleteQuietly(Path directory) {
    try {
      Files.walkFileTree(directory, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException gone) {
      // already deleted
    } catch (IOException e) {
      // best effort: a temporary directory the OS will clean up eventually
    }
  }
}
