package dev.ferry.simulator;

import static dev.ferry.simulator.FileSandbox.bytes;
import static dev.ferry.simulator.FileSandbox.fileMeta;
import static dev.ferry.simulator.FileSandbox.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Download, upload (multipart), list, delete and import from the shared file store over HTTP. */
class SharedFileHttpTest {

  private static final String FILES = "/simulator/prod/api/mstrServices/library/storage/sharedFileStore/files";
  private static final byte[] CONTENT = bytes("a package downloaded from dev\r\n--not-the-boundary\r\n and more");

  private final Sandbox sandbox = new Sandbox(Duration.ZERO, Duration.ZERO, Duration.ZERO);
  private MockMvc http;
  private String token;
  private Cookie session;

  @BeforeEach
  void logIn() throws Exception {
    http = MockMvcBuilders.standaloneSetup(new SimulatorController(sandbox.simulator))
        .addFilters(new RawUploadFilter())
        .build();
    MockHttpServletResponse login = http.perform(post("/simulator/prod/api/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .content(Sandbox.credentials("ferry", Sandbox.PASSWORD).toString()))
        .andExpect(status().isNoContent())
        .andReturn().getResponse();
    token = login.getHeader("X-MSTR-AuthToken");
    session = login.getCookie("JSESSIONID");
  }

  @AfterEach
  void deleteFiles() {
    sandbox.simulator.close();
  }

  @Test
  void aPackageIsDownloadedUploadedListedImportedAndDeletedOverHttp() throws Exception {
    // A built package downloads with its Content-Length.
    String migrationId = sandbox.create(Sandbox.projectPackage("Sales size-100k"));
    String packageId = migrationId.split(":")[0];
    http.perform(authenticated(get("/simulator/dev/api/migrations/packages/" + packageId + "/binary")))
        .andExpect(status().isUnauthorized()); // prod's session on dev
    byte[] downloaded = sandbox.dev.downloadPackage(sandbox.devSession, packageId).content().readAllBytes();
    assertThat(downloaded).hasSize(100 * 1024);

    // Metadata, then the binary as multipart/form-data, straight from the request stream.
    JsonNode meta = json(http.perform(authenticated(post(FILES))
            .contentType(MediaType.APPLICATION_JSON)
            .content(fileMeta("Sales", CONTENT, "project").toString()))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.existing").value(false))
        .andReturn().getResponse());
    String fileId = meta.path("id").asText();
    String boundary = "----FerryBoundary0123456789";
    http.perform(authenticated(put(FILES + "/" + fileId + "/binary"))
            .contentType("multipart/form-data; boundary=" + boundary)
            .content(FileSandbox.multipart(boundary, CONTENT)))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value(fileId))
        .andExpect(jsonPath("$.existing").value(true))
        .andExpect(jsonPath("$.size").value(CONTENT.length))
        .andExpect(jsonPath("$.sha256").value(sha256(CONTENT)));
    assertThat(sandbox.prod.uploadedBytes(fileId)).contains(new UploadedBytes(CONTENT.length, sha256(CONTENT)));

    MockHttpServletResponse binary = http.perform(authenticated(get(FILES + "/" + fileId + "/binary"))
            .accept(MediaType.APPLICATION_OCTET_STREAM))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_OCTET_STREAM))
        .andExpect(header().longValue("Content-Length", CONTENT.length))
        .andReturn().getResponse();
    assertThat(binary.getContentAsByteArray()).isEqualTo(CONTENT);
    assertThat(binary.getHeader("Content-Disposition")).startsWith("attachment; filename=").endsWith(".mmp\"");

    http.perform(authenticated(get(FILES).param("type", "migrations.packages").param("offset", "0")
            .param("limit", "10")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.data[0].id").value(fileId))
        .andExpect(jsonPath("$.data[0].existing").value(true));

    // Imported from the file on this Library, then the file and the record are deleted.
    String imported = json(http.perform(authenticated(post("/simulator/prod/api/migrations"))
            .header("X-MSTR-ProjectID", Sandbox.TARGET_PROJECT)
            .contentType(MediaType.APPLICATION_JSON)
            .content(FileSandbox.importBody(fileId).toString()))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.packageInfo.status").value("locked"))
        .andExpect(jsonPath("$.importInfo.status").value("importing"))
        .andExpect(jsonPath("$.importInfo.importRequestStatus").value("approved"))
        .andReturn().getResponse()).path("id").asText();
    http.perform(authenticated(get("/simulator/prod/api/migrations/" + imported)))
        .andExpect(jsonPath("$.importInfo.status").value("imported"))
        .andExpect(jsonPath("$.packageInfo.purpose").value("migration_from_shared_file_store"));
    http.perform(authenticated(get("/simulator/prod/api/migrations/packages/" + imported.split(":")[0] + "/binary")))
        .andExpect(status().isOk())
        .andExpect(content().bytes(CONTENT));

    http.perform(authenticated(delete(FILES + "/" + fileId))).andExpect(status().isNoContent());
    http.perform(authenticated(delete(FILES + "/" + fileId)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("ERR004"));
    http.perform(authenticated(delete("/simulator/prod/api/migrations").param("packageId", imported.split(":")[0])))
        .andExpect(status().isNoContent());
  }

  @Test
  void refusalsOfTheBinaryCallsAreJsonErrorBodies() throws Exception {
    String migrationId = sandbox.prod.create(sandbox.prodSession, Sandbox.TARGET_PROJECT,
        Sandbox.projectPackage("Sales")).path("id").asText();
    http.perform(authenticated(get("/simulator/prod/api/migrations/packages/0123456789ABCDEF0123456789ABCDEF/binary"))
            .accept(MediaType.APPLICATION_OCTET_STREAM))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.code").value("ERR004"));
    http.perform(get("/simulator/prod/api/migrations/packages/" + migrationId.split(":")[0] + "/binary"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("ERR009"));

    String fileId = sandbox.prod.createFile(sandbox.prodSession, fileMeta("Sales", CONTENT, "project")).path("id")
        .asText();
    http.perform(authenticated(put(FILES + "/" + fileId + "/binary"))
            .contentType(MediaType.APPLICATION_OCTET_STREAM)
            .content(CONTENT))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("ERR006"))
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("multipart/form-data")));
    http.perform(authenticated(put(FILES + "/" + fileId + "/binary"))
            .contentType("multipart/form-data; boundary=xyz")
            .content(bytes("--xyz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhello\r\n--xyz--\r\n")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("ERR007"))
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("file")));
    byte[] other = CONTENT.clone();
    other[3] ^= 1;
    http.perform(authenticated(put(FILES + "/" + fileId + "/binary"))
            .contentType("multipart/form-data; boundary=b")
            .content(FileSandbox.multipart("b", other)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("ERR006"))
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("sha256 mismatch")));
    http.perform(authenticated(post(FILES)).contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("ERR007"))
        .andExpect(jsonPath("$.message").value("Missing required field: type"));
  }

  @Test
  void anAlreadyParsedMultipartRequestWorksToo() throws Exception {
    String fileId = sandbox.prod.createFile(sandbox.prodSession, fileMeta("Sales", CONTENT, "configuration"))
        .path("id").asText();

    http.perform(authenticated(multipart(HttpMethod.PUT, FILES + "/" + fileId + "/binary")
            .file(new MockMultipartFile("file", "package.mmp", "application/octet-stream", CONTENT))))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.existing").value(true))
        .andExpect(jsonPath("$.sha256").value(sha256(CONTENT)));
  }

  private MockHttpServletRequestBuilder authenticated(MockHttpServletRequestBuilder request) {
    return request.header("X-MSTR-AuthToken", token).cookie(session);
  }

  private static JsonNode json(MockHttpServletResponse response) throws Exception {
    return Sandbox.JSON.readTree(response.getContentAsString());
  }
}
