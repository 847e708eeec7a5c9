package dev.ferry.simulator;

/**
 * What a simulated Library measured while an upload streamed to disk: the byte count and the
 * SHA-256 (64 lower-case hex digits) of what it really received, whatever it answered.
 */
public record UploadedBytes(long size, String sha256) {
}
