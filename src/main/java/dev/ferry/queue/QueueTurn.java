package dev.ferry.queue;

import java.time.Instant;

/**
 * What one try for a slot found: {@code granted} (go on), {@code scheduled} (wait for a maintenance
 * window or the chosen import time until {@code nextTry}) or {@code busy} (the target runs as many
 * as it may; try again at {@code nextTry} or when a slot is freed). {@code position} is the place in
 * line (1 = next), null once granted.
 */
public record QueueTurn(String state, Instant nextTry, Integer position, String message) {

  public static final String GRANTED = "granted";
  public static final String SCHEDULED = "scheduled";
  public static final String BUSY = "busy";

  static QueueTurn granted() {
    return new QueueTurn(GRANTED, null, null, null);
  }
}
