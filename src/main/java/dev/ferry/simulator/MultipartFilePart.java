package dev.ferry.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content of the part named {@code file} of a {@code multipart/form-data} body, read
 * straight from the request stream: nothing is buffered beyond a small window, so an upload of
 * any size passes through in constant memory. Parts before it are skipped; the body is not read
 * beyond the end of the part. A body without such a part is refused with {@code ERR007}
 * ({@code file}), one that ends before the part's closing boundary with {@code ERR006}.
 */
final class MultipartFilePart extends InputStream {

  static final String PART = "file";

  private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]+)\"|[^;\\s]+)");
  private static final Pattern NAME = Pattern.compile("(?i);\\s*name=(\"([^\"]*)\"|[^;\\s]+)");
  private static final int WINDOW = 64 * 1024;
  private static final int MAX_HEADERS = 16 * 1024;

  private final InputStream body;
  /** {@code CRLF--boundary}: what ends a part. */
  private final byte[] delimiter;
  private final byte[] buffer = new byte[WINDOW];
  private int start;
  private int end;
  private boolean eof;
  private boolean positioned;
  private boolean finished;

  private MultipartFilePart(InputStream body, String boundary) {
    this.body = body;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    // The first boundary has no CRLF before it: pretend it has one.
    buffer[0] = '\r';
    buffer[1] = '\n';
    end = 2;
  }

  /** The {@code file} part of {@code body}, whose type must be {@code multipart/form-data; boundary=…}. */
  static InputStream of(String contentType, InputStream body) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw SimulatorError.invalidInput("Content-Type must be multipart/form-data with the package binary in the part '"
          + PART + "', was '" + contentType + "'");
    }
    Matcher boundary = BOUNDARY.matcher(contentType);
    if (!boundary.find()) {
      throw SimulatorError.invalidInput("Content-Type multipart/form-data needs a boundary");
    }
    String value = boundary.group(2) != null ? boundary.group(2) : boundary.group(1);
    if (value.isEmpty() || value.length() > 70) {
      throw SimulatorError.invalidInput("The multipart boundary must have 1 to 70 characters");
    }
    return new MultipartFilePart(body, value);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read;
    do {
      read = read(one, 0, 1);
    } while (read == 0);
    return read < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (!positioned) {
      findFilePart();
      positioned = true;
    }
    if (finished) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    while (true) {
      int found = indexOfDelimiter(start);
      int available = found >= 0 ? found - start : end - start - (delimiter.length - 1);
      if (found == start) {
        finished = true;
        return -1;
      }
      if (available > 0) {
        int count = Math.min(length, available);
        System.arraycopy(buffer, start, into, offset, count);
        start += count;
        return count;
      }
      if (eof) {
        throw SimulatorError.invalidInput("The multipart body ends inside the part '" + PART
            + "', before its closing boundary: the upload is incomplete");
      }
      fill();
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
  }

  /** Skips to the content of the part named {@code file}. */
  private void findFilePart() throws IOException {
    while (true) {
      skipPastDelimiter();
      if (!ensure(2)) {
        throw missingPart();
      }
      if (buffer[start] == '-' && buffer[start + 1] == '-') {
        throw missingPart(); // the closing boundary: no more parts
      }
      String headers = readHeaders();
      if (PART.equals(partName(headers))) {
        return;
      }
    }
  }

  /** Discards everything up to and including the next delimiter and the rest of its line. */
  private void skipPastDelimiter() throws IOException {
    while (true) {
      int found = indexOfDelimiter(start);
      if (found >= 0) {
        start = found + delimiter.length;
        return;
      }
      start = Math.max(start, end - (delimiter.length - 1));
      if (eof) {
        throw missingPart();
      }
      fill();
    }
  }

  /** The part's header lines, up to the empty line; {@code start} is left at the content. */
  private String readHeaders() throws IOException {
    while (true) {
      int found = indexOf(new byte[] {'\r', '\n', '\r', '\n'}, start);
      if (found >= 0) {
        String headers = new String(buffer, start, found - start, StandardCharsets.UTF_8);
        start = found + 4;
        return headers;
      }
      if (end - start > MAX_HEADERS) {
        throw SimulatorError.invalidInput("A multipart part has more than " + MAX_HEADERS + " bytes of headers");
      }
      if (eof) {
        throw missingPart();
      }
      fill();
    }
  }

  private static String partName(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        Matcher name = NAME.matcher(line);
        if (name.find()) {
          return name.group(2) != null ? name.group(2) : name.group(1);
        }
      }
    }
    return null;
  }

  private boolean ensure(int bytes) throws IOException {
    while (end - start < bytes && !eof) {
      fill();
    }
    return end - start >= bytes;
  }

  /** Moves the unread bytes to the front and reads more; sets {@link #eof} at the end of the body. */
  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      throw new IllegalStateException("multipart window full");
    }
    int read = body.read(buffer, end, buffer.length - end);
    if (read < 0) {
      eof = true;
    } else {
      end += read;
    }
  }

  private int indexOfDelimiter(int from) {
    return indexOf(delimiter, from);
  }

  private int indexOf(byte[] pattern, int from) {
    int last = end - pattern.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (buffer[i] != pattern[0]) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (buffer[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static SimulatorError missingPart() {
    return SimulatorError.missingField(PART, "the multipart/form-data part with the package binary");
  }
}
