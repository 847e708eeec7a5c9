package dev.ferry.simulator;

import dev.ferry.simulator.TimedPhase.Outcome;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failures provoked on purpose through the package name, so that every failure path of a
 * process can be walked from Tasklist: {@code fail-create}, {@code fail-import},
 * {@code fail-undo} make that phase fail; {@code stall-create}, {@code stall-import},
 * {@code stall-undo} make it never finish. Case does not matter.
 *
 * <p>Validation: {@code fail-validation} in the name of the SOURCE package (the one on the
 * Library that received {@code PATCH {"validation": {"status": "validating"}}}) makes the
 * validation end {@code validation_failed}, with a message naming an object of the package that
 * conflicts on the target; {@code stall-validation} keeps it {@code validating} for ever. An edit
 * that renames the package changes its markers: they are read from the current name.
 *
 * <p>For package binaries and the shared file store: {@code size-<n>k}, {@code size-<n>m},
 * {@code size-<n>g} (e.g. {@code Sales size-300m}) sets the size of the package a create builds;
 * {@code fail-download} breaks a download off after half of its bytes; {@code corrupt-upload}
 * in a shared file's name makes the simulator report a different sha256 for what it stored.
 */
final class FailureMarkers {

  enum Phase {
    CREATE("create"), IMPORT("import"), UNDO("undo"), VALIDATION("validation");

    private final String marker;

    Phase(String marker) {
      this.marker = marker;
    }
  }

  private static final Pattern SIZE = Pattern.compile("size-(\\d{1,9})([kmg])", Pattern.CASE_INSENSITIVE);

  private FailureMarkers() {
  }

  /** The size a {@code size-<n>k|m|g} marker asks for (binary units), or {@code otherwise}. */
  static long packageSize(String name, long otherwise) {
    Matcher marker = SIZE.matcher(name == null ? "" : name);
    if (!marker.find()) {
      return otherwise;
    }
    int shift = switch (Character.toLowerCase(marker.group(2).charAt(0))) {
      case 'k' -> 10;
      case 'm' -> 20;
      default -> 30;
    };
    return Long.parseLong(marker.group(1)) << shift;
  }

  /** {@code fail-download}: the binary's download breaks off halfway. */
  static boolean breaksDownload(String name) {
    return has(name, "fail-download");
  }

  /** {@code corrupt-upload}: the simulator pretends the uploaded bytes it stored differ from those sent. */
  static boolean corruptsUpload(String name) {
    return has(name, "corrupt-upload");
  }

  private static boolean has(String name, String marker) {
    return name != null && name.toLowerCase(Locale.ROOT).contains(marker);
  }

  static Outcome outcome(String packageName, Phase phase) {
    String name = packageName == null ? "" : packageName.toLowerCase(Locale.ROOT);
    if (name.contains("stall-" + phase.marker)) {
      return Outcome.STALL;
    }
    if (name.contains("fail-" + phase.marker)) {
      return Outcome.FAIL;
    }
    return Outcome.SUCCEED;
  }
}
