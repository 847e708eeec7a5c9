package dev.ferry.simulator;

import static dev.ferry.simulator.FileSandbox.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The streaming reader of the multipart part {@code file}. */
class MultipartFilePartTest {

  @Test
  void findsTheFilePartAfterOtherPartsAndKeepsBoundaryLookalikes() throws IOException {
    byte[] file = bytes("line one\r\n--b\r\nnot the delimiter: it lacks the boundary's end? no: \r\n--bX\r\nend");
    byte[] body = FileSandbox.multipart("bX1", file);

    assertThat(readOneByteAtATime(MultipartFilePart.of("multipart/form-data; boundary=bX1", in(body))))
        .isEqualTo(file);
  }

  @Test
  void acceptsAQuotedBoundaryAPreambleAndAnEmptyFile() throws IOException {
    byte[] body = bytes("preamble to ignore\r\n--a b\r\nContent-Disposition: form-data; name=file; filename=x.mmp\r\n"
        + "\r\n\r\n--a b--\r\n");

    assertThat(MultipartFilePart.of("multipart/form-data; charset=UTF-8; boundary=\"a b\"", in(body)).readAllBytes())
        .isEmpty();
  }

  @Test
  void refusesWhatIsNotMultipartOrHasNoFilePart() {
    assertThat(refusal(() -> MultipartFilePart.of("application/json", in(new byte[0]))).code()).isEqualTo("ERR006");
    assertThat(refusal(() -> MultipartFilePart.of("multipart/form-data", in(new byte[0]))).getMessage())
        .contains("boundary");
    InputStream noFile = MultipartFilePart.of("multipart/form-data; boundary=z",
        in(bytes("--z\r\nContent-Disposition: form-data; name=\"files\"\r\n\r\nx\r\n--z--\r\n")));
    assertThat(refusal(() -> read(noFile)).code()).isEqualTo("ERR007");
  }

  @Test
  void aBodyCutInsideThePartIsAnIncompleteUpload() {
    byte[] body = FileSandbox.multipart("q", bytes("some content"));
    byte[] cut = java.util.Arrays.copyOf(body, body.length - 8);
    InputStream part = MultipartFilePart.of("multipart/form-data; boundary=q", in(cut));

    SimulatorError error = refusal(() -> read(part));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).contains("incomplete");
  }

  private static SimulatorError refusal(ThrowingRunnable call) {
    try {
      call.run();
    } catch (SimulatorError error) {
      return error;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a refusal");
  }

  private interface ThrowingRunnable {
    void run() throws IOException;
  }

  private static void read(InputStream part) throws IOException {
    part.readAllBytes();
  }

  private static byte[] readOneByteAtATime(InputStream part) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b = part.read(); b >= 0; b = part.read()) {
      out.write(b);
    }
    return out.toByteArray();
  }

  private static InputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }
}
