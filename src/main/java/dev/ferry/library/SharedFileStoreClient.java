package dev.ferry.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.entity.mime.FileBody;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Package binaries and the shared file store, as documented in "Upload and download migration
 * packages". Binaries are streamed both ways, never held in memory: packages may be 2 GB.
 */
@Component
public class SharedFileStoreClient {

  static final String FILES = "/api/mstrServices/library/storage/sharedFileStore/files";

  /** Reads a streamed body; {@code IOException}s end the call as a Library failure. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(InputStream body) throws IOException;
  }

  private final LibraryClients clients;
  private final ObjectMapper mapper;

  public SharedFileStoreClient(LibraryClients clients, ObjectMapper mapper) {
    this.clients = clients;
    this.mapper = mapper;
  }

  /** {@code GET /api/migrations/packages/{packageId}/binary}: the package file, handed to {@code reader} as a stream. */
  public <T> T download(String environmentId, String packageId, BodyReader<T> reader) {
    LibrarySession session = clients.session(environmentId);
    String path = "/api/migrations/packages/" + UriUtils.encodePathSegment(packageId, StandardCharsets.UTF_8) + "/binary";
    String what = "GET " + path;
    try {
      return session.stream(what, () -> new HttpGet(session.url(path)), response -> {
        try (NetworkStream body = new NetworkStream(content(response, what))) {
          try {
            return reader.read(body);
          } catch (IOException e) {
            if (body.failed()) {
              throw e;
            }
            // the reader's own failure (a full disk), not the Library's
            throw new UncheckedIOException(e);
          }
        }
      });
    } catch (UncheckedIOException e) {
      throw new LibraryException(environmentId, what, 0, null, "the download could not be stored ("
          + e.getCause().getMessage() + ")", null, null, e.getCause());
    }
  }

  private static InputStream content(org.apache.hc.core5.http.ClassicHttpResponse response, String what)
      throws IOException {
    if (response.getEntity() == null) {
      throw new IOException("empty answer to " + what);
    }
    return response.getEntity().getContent();
  }

  /** Tells a failure reading from the network apart from one in whoever reads the stream. */
  private static final class NetworkStream extends FilterInputStream {
    private boolean failed;

    NetworkStream(InputStream in) {
      super(in);
    }

    boolean failed() {
      return failed;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }
  }

  /** {@code POST …/sharedFileStore/files}: the file's metadata; the answer carries its id. */
  public JsonNode create(String environmentId, JsonNode metadata) {
    return clients.session(environmentId).call(SharedFileStoreApi.class, "POST " + FILES, api -> api.create(metadata));
  }

  /** {@code PUT …/files/{fileId}/binary}: the file itself, as multipart with the key {@code file}, streamed from disk. */
  public JsonNode upload(String environmentId, String fileId, Path file, String fileName) {
    LibrarySession session = clients.session(environmentId);
    String path = FILES + "/" + UriUtils.encodePathSegment(fileId, StandardCharsets.UTF_8) + "/binary";
    return session.stream("PUT " + FILES + "/" + fileId + "/binary", () -> {
      HttpPut put = new HttpPut(session.url(path));
      // UTF-8 file names, as browsers send them, rather than ISO-8859-1 with '?' for the rest
      put.setEntity(MultipartEntityBuilder.create().setMode(HttpMultipartMode.LEGACY)
          .setCharset(StandardCharsets.UTF_8)
          .addPart("file", new FileBody(file.toFile(), ContentType.APPLICATION_OCTET_STREAM, fileName))
          .build());
      return put;
    }, response -> {
      try (InputStream body = content(response, "PUT " + FILES + "/" + fileId + "/binary")) {
        return mapper.readTree(body);
      }
    });
  }

  /** {@code DELETE …/files/{fileId}}: the metadata and the binary. */
  public void delete(String environmentId, String fileId) {
    clients.session(environmentId).call(SharedFileStoreApi.class, "DELETE " + FILES + "/" + fileId, api -> {
      api.delete(fileId);
      return null;
    });
  }

  /**
   * {@code GET …/files?type=migrations.packages&offset=&limit=}: one page, {@code {"total", "data"}},
   * each file with its {@code id} and {@code path} (mstrio-py {@code list_storage_files}).
   */
  public JsonNode list(String environmentId, int offset, int limit) {
    if (limit < 1 || limit > MigrationsClient.MAX_PAGE || offset < 0) {
      throw new IllegalArgumentException("A Library lists 1 to " + MigrationsClient.MAX_PAGE
          + " files from offset 0 on; asked for " + limit + " from " + offset);
    }
    return clients.session(environmentId).call(SharedFileStoreApi.class, "GET " + FILES,
        api -> api.list("migrations.packages", offset, limit));
  }
}
