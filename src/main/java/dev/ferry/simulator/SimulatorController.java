package dev.ferry.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * The HTTP face of the simulated Libraries: {@code /simulator/{env}/api/…} mapped onto
 * {@link SimulatedLibrary}, with the Library's headers, cookie and JSON error bodies. Binaries
 * are streamed both ways: downloads are copied from the Library's stream to the response in
 * small chunks, uploads are read from the request stream (see {@link RawUploadFilter}).
 */
@RestController
@ConditionalOnSimulator
@RequestMapping(path = "/simulator/{env}/api", produces = MediaType.APPLICATION_JSON_VALUE)
public class SimulatorController {

  static final String TOKEN_HEADER = "X-MSTR-AuthToken";
  static final String PROJECT_HEADER = "X-MSTR-ProjectID";
  static final String SESSION_COOKIE = "JSESSIONID";
  static final String FILES = "/mstrServices/library/storage/sharedFileStore/files";
  private static final int CHUNK = 64 * 1024;

  private final Simulator simulator;

  public SimulatorController(Simulator simulator) {
    this.simulator = simulator;
  }

  /**
   * Not a Library call: what happened to each migration here (steps with start, end and the first
   * GET that showed the end; calls per migration), for the benchmark. Needs the simulator's login.
   */
  @GetMapping("/journal")
  public JsonNode journal(@PathVariable String env, @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId) {
    return library(env).journal(new SessionKey(token, sessionId));
  }

  @PostMapping("/auth/login")
  public ResponseEntity<Void> login(@PathVariable String env, @RequestBody(required = false) JsonNode credentials,
      HttpServletRequest request) {
    SessionKey key = library(env).login(credentials);
    // Scoped to this environment, so two simulated Libraries on one host keep separate sessions in a browser.
    ResponseCookie cookie = ResponseCookie.from(SESSION_COOKIE, key.sessionId())
        .path(request.getContextPath() + "/simulator/" + env)
        .httpOnly(true)
        .build();
    return ResponseEntity.noContent()
        .header(TOKEN_HEADER, key.token())
        .header(HttpHeaders.SET_COOKIE, cookie.toString())
        .build();
  }

  @PostMapping("/auth/logout")
  public ResponseEntity<Void> logout(@PathVariable String env, @RequestHeader(name = TOKEN_HEADER, required = false)
      String token, @CookieValue(name = SESSION_COOKIE, required = false) String sessionId) {
    library(env).logout(new SessionKey(token, sessionId));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/migrations")
  public ResponseEntity<JsonNode> create(@PathVariable String env,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      @RequestHeader(name = PROJECT_HEADER, required = false) String projectId,
      @RequestBody(required = false) JsonNode body) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(library(env).create(new SessionKey(token, sessionId), projectId, body));
  }

  @GetMapping("/migrations/{id}")
  public JsonNode get(@PathVariable String env, @PathVariable String id,
      @RequestParam(required = false) String showContent,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId) {
    return library(env).get(new SessionKey(token, sessionId), id, "all".equalsIgnoreCase(showContent));
  }

  @GetMapping("/migrations")
  public JsonNode list(@PathVariable String env,
      @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "-1") int limit,
      @RequestParam(name = "packageInfo.purpose", required = false) String purposes,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId) {
    return library(env).list(new SessionKey(token, sessionId), offset, limit, purposes);
  }

  @PatchMapping("/migrations/{id}")
  public JsonNode patch(@PathVariable String env, @PathVariable String id,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      @RequestHeader(name = PROJECT_HEADER, required = false) String projectId,
      @RequestBody(required = false) JsonNode body) {
    return library(env).patch(new SessionKey(token, sessionId), projectId, id, body);
  }

  /** Answers 202 when the client asks for {@code Prefer: respond-async}, as Ferry does; 200 otherwise. */
  @PutMapping("/migrations/{id}")
  public ResponseEntity<JsonNode> importPackage(@PathVariable String env, @PathVariable String id,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      @RequestHeader(name = PROJECT_HEADER, required = false) String projectId,
      @RequestHeader(name = "Prefer", required = false) String prefer,
      @RequestBody(required = false) JsonNode body) {
    JsonNode answer = library(env).importPackage(new SessionKey(token, sessionId), projectId, id, body);
    return ResponseEntity.status(async(prefer) ? HttpStatus.ACCEPTED : HttpStatus.OK).body(answer);
  }

  /** Validates the migration here, on the target; answers 204 without a body, as documented. */
  @PutMapping("/migrations/{id}/validation")
  public ResponseEntity<Void> validate(@PathVariable String env, @PathVariable String id,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      @RequestBody(required = false) JsonNode body) {
    library(env).validate(new SessionKey(token, sessionId), id, body);
    return ResponseEntity.noContent().build();
  }

  /** Edits the migration's package on the source: 202 for {@code Prefer: respond-async}, 200 otherwise. */
  @PutMapping("/migrations/{id}/packageInfo")
  public ResponseEntity<JsonNode> editPackage(@PathVariable String env, @PathVariable String id,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      @RequestHeader(name = "Prefer", required = false) String prefer,
      @RequestBody(required = false) JsonNode body) {
    JsonNode answer = library(env).editPackage(new SessionKey(token, sessionId), id, body);
    return ResponseEntity.status(async(prefer) ? HttpStatus.ACCEPTED : HttpStatus.OK).body(answer);
  }

  @DeleteMapping("/migrations")
  public ResponseEntity<Void> delete(@PathVariable String env, @RequestParam(required = false) String packageId,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId) {
    library(env).delete(new SessionKey(token, sessionId), packageId);
    return ResponseEntity.noContent().build();
  }

  /** The package's binary, streamed with its {@code Content-Length}; refusals are JSON error bodies. */
  @GetMapping(path = "/migrations/packages/{packageId}/binary", produces = MediaType.ALL_VALUE)
  public void downloadPackage(@PathVariable String env, @PathVariable String packageId,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      HttpServletResponse response) throws IOException {
    stream(library(env).downloadPackage(new SessionKey(token, sessionId), packageId), response);
  }

  // --- /api/mstrServices/library/storage/sharedFileStore -----------------------------------------

  @PostMapping(FILES)
  public ResponseEntity<JsonNode> createFile(@PathVariable String env,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      @RequestBody(required = false) JsonNode body) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(library(env).createFile(new SessionKey(token, sessionId), body));
  }

  /** {@code multipart/form-data} with the binary in the part {@code file}, read as it arrives. */
  @PutMapping(FILES + "/{fileId}/binary")
  public JsonNode uploadFile(@PathVariable String env, @PathVariable String fileId,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      HttpServletRequest request) {
    return library(env).uploadFile(new SessionKey(token, sessionId), fileId, new FilePart(request));
  }

  @GetMapping(path = FILES + "/{fileId}/binary", produces = MediaType.ALL_VALUE)
  public void downloadFile(@PathVariable String env, @PathVariable String fileId,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      HttpServletResponse response) throws IOException {
    stream(library(env).downloadFile(new SessionKey(token, sessionId), fileId), response);
  }

  @GetMapping(FILES)
  public JsonNode listFiles(@PathVariable String env, @RequestParam(required = false) String type,
      @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "-1") int limit,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId) {
    return library(env).listFiles(new SessionKey(token, sessionId), type, offset, limit);
  }

  @DeleteMapping(FILES + "/{fileId}")
  public ResponseEntity<Void> deleteFile(@PathVariable String env, @PathVariable String fileId,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId) {
    library(env).deleteFile(new SessionKey(token, sessionId), fileId);
    return ResponseEntity.noContent().build();
  }

  // --- /api/migrationGroups: the project travels in the body, so no X-MSTR-ProjectID header ------

  @PostMapping("/migrationGroups")
  public ResponseEntity<JsonNode> createGroup(@PathVariable String env,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      @RequestBody(required = false) JsonNode body) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(library(env).createGroup(new SessionKey(token, sessionId), body));
  }

  @GetMapping("/migrationGroups")
  public JsonNode listGroups(@PathVariable String env,
      @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "-1") int limit,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId) {
    return library(env).listGroups(new SessionKey(token, sessionId), offset, limit);
  }

  @GetMapping("/migrationGroups/{id}")
  public JsonNode getGroup(@PathVariable String env, @PathVariable String id,
      @RequestParam(required = false) String showContent,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId) {
    return library(env).getGroup(new SessionKey(token, sessionId), id, "all".equalsIgnoreCase(showContent));
  }

  @PatchMapping("/migrationGroups/{id}")
  public JsonNode patchGroup(@PathVariable String env, @PathVariable String id,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      @RequestBody(required = false) JsonNode body) {
    return library(env).patchGroup(new SessionKey(token, sessionId), id, body);
  }

  /**
   * Imports a replicated group on the target, or edits a group on the source that created it
   * (see {@link SimulatedLibrary#putGroup}). Answers 202 for {@code Prefer: respond-async}, 200
   * otherwise; {@code generateUndo} (import only) absent means true.
   */
  @PutMapping("/migrationGroups/{id}")
  public ResponseEntity<JsonNode> putGroup(@PathVariable String env, @PathVariable String id,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId,
      @RequestHeader(name = "Prefer", required = false) String prefer,
      @RequestHeader(name = "generateUndo", required = false) String generateUndo,
      @RequestBody(required = false) JsonNode body) {
    JsonNode answer = library(env).putGroup(new SessionKey(token, sessionId), id, body, generateUndo);
    return ResponseEntity.status(async(prefer) ? HttpStatus.ACCEPTED : HttpStatus.OK).body(answer);
  }

  @DeleteMapping("/migrationGroups")
  public ResponseEntity<Void> deleteGroup(@PathVariable String env,
      @RequestParam(required = false) String packageGroupId,
      @RequestHeader(name = TOKEN_HEADER, required = false) String token,
      @CookieValue(name = SESSION_COOKIE, required = false) String sessionId) {
    library(env).deleteGroup(new SessionKey(token, sessionId), packageGroupId);
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(SimulatorError.class)
  public ResponseEntity<JsonNode> refused(SimulatorError error) {
    return error(error.httpStatus(), error.code(), error.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<JsonNode> unreadable(HttpMessageNotReadableException error) {
    return error(400, "ERR006", "Invalid JSON");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ResponseEntity<JsonNode> badParameter(MethodArgumentTypeMismatchException error) {
    return error(400, "ERR006", "Invalid value '" + error.getValue() + "' for " + error.getName());
  }

  /**
   * Copies the binary to the response in {@value #CHUNK}-byte chunks. A binary that breaks off
   * ({@code fail-download}) is rethrown once the bytes before the break are flushed: the response
   * is committed, so the container aborts the connection and the client gets a body shorter than
   * its {@code Content-Length}.
   */
  private static void stream(Binary binary, HttpServletResponse response) throws IOException {
    try (InputStream content = binary.content()) {
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
      response.setContentLengthLong(binary.size());
      response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment().filename(binary.fileName()).build().toString());
      OutputStream out = response.getOutputStream();
      byte[] chunk = new byte[CHUNK];
      try {
        for (int read = content.read(chunk); read >= 0; read = content.read(chunk)) {
          out.write(chunk, 0, read);
        }
      } catch (PackageBytes.BrokenDownload broken) {
        response.flushBuffer();
        throw broken;
      }
    }
  }

  /**
   * The part {@code file} of the upload, opened at its first read — after the Library has
   * checked the session and the file id. Taken from the raw multipart stream, or from Spring's
   * parsed multipart request if something resolved it already (as MockMvc's {@code multipart()}).
   */
  private static final class FilePart extends InputStream {
    private final HttpServletRequest request;
    private InputStream part;

    FilePart(HttpServletRequest request) {
      this.request = request;
    }

    @Override
    public int read() throws IOException {
      return open().read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return open().read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
      if (part != null) {
        part.close();
      }
    }

    private InputStream open() throws IOException {
      if (part == null) {
        MultipartHttpServletRequest parsed = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (parsed != null) {
          MultipartFile file = parsed.getFile(MultipartFilePart.PART);
          if (file == null) {
            throw SimulatorError.missingField(MultipartFilePart.PART,
                "the multipart/form-data part with the package binary");
          }
          part = file.getInputStream();
        } else {
          Object raw = request.getAttribute(RawUploadFilter.CONTENT_TYPE);
          part = MultipartFilePart.of(raw != null ? raw.toString() : request.getContentType(),
              request.getInputStream());
        }
      }
      return part;
    }
  }

  private static boolean async(String prefer) {
    return prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async");
  }

  private SimulatedLibrary library(String env) {
    return simulator.find(env).orElseThrow(() -> SimulatorError.notFound("HTTP 404 Not Found"));
  }

  private static ResponseEntity<JsonNode> error(int status, String code, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("code", code);
    body.put("message", message);
    body.put("ticketId", RandomIds.ticketId());
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
