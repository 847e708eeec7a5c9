package dev.ferry.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The binary of a simulated package, made up on the fly: a SplitMix64 sequence seeded from the
 * SHA-256 of the package id, so the same package always gives the same bytes (on every simulated
 * Library and in every JVM) and a package of any size is streamed in constant memory. Nothing is
 * buffered: each {@code read} computes the bytes it returns.
 *
 * <p>A stream made with {@link #breakingHalfway} delivers the first half of the bytes and then
 * throws {@link BrokenDownload}, as a download whose connection is lost midway.
 */
final class PackageBytes extends InputStream {

  /** The failure a {@code fail-download} package's stream ends with, after half of its bytes. */
  static final class BrokenDownload extends IOException {
    BrokenDownload(long delivered, long size) {
      super("Simulated broken download: the connection was lost after " + delivered + " of " + size + " bytes");
    }
  }

  private final long size;
  /** Where the stream breaks off, or -1 if it does not. */
  private final long breakAt;
  private long state;
  private long position;
  private long word;

  private PackageBytes(String seed, long size, long breakAt) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be zero or positive, was " + size);
    }
    this.size = size;
    this.breakAt = breakAt;
    this.state = seed(seed);
  }

  /** The whole binary of {@code packageId}: {@code size} bytes. */
  static InputStream of(String packageId, long size) {
    return new PackageBytes(packageId, size, -1);
  }

  /** The first {@code size / 2} bytes of {@link #of}, then {@link BrokenDownload}. */
  static InputStream breakingHalfway(String packageId, long size) {
    return new PackageBytes(packageId, size, size / 2);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (offset < 0 || length < 0 || length > buffer.length - offset) {
      throw new IndexOutOfBoundsException();
    }
    if (breakAt >= 0 && position >= breakAt) {
      throw new BrokenDownload(position, size);
    }
    if (position >= size) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    long end = breakAt >= 0 ? breakAt : size;
    int count = (int) Math.min(length, end - position);
    for (int i = 0; i < count; i++) {
      int shift = (int) (position & 7);
      if (shift == 0) {
        word = next();
      }
      buffer[offset + i] = (byte) (word >>> (shift * 8));
      position++;
    }
    return count;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public int available() {
    long end = breakAt >= 0 ? breakAt : size;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
  }

  /** SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and fully specified, so the bytes never change. */
  private long next() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long seed(String packageId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(packageId.getBytes(StandardCharsets.UTF_8));
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = (seed << 8) | (digest[i] & 0xFF);
      }
      return seed;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
