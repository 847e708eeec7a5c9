package dev.ferry.simulator;

import java.io.InputStream;

/**
 * A binary a simulated Library answers with: its length (the {@code Content-Length}), the file
 * name it offers and its content, already opened; whoever streams it closes it.
 */
public record Binary(long size, String fileName, InputStream content) {
}
