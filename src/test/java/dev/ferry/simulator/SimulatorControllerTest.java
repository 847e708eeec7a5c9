package dev.ferry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The HTTP contract of the simulated Library: headers, cookie, status codes and JSON error bodies. */
class SimulatorControllerTest {

  private final Sandbox sandbox = new Sandbox(Duration.ZERO, Duration.ZERO, Duration.ZERO);
  private MockMvc http;
  private String token;
  private Cookie session;

  @BeforeEach
  void logIn() throws Exception {
    http = MockMvcBuilders.standaloneSetup(new SimulatorController(sandbox.simulator)).build();
    MockHttpServletResponse login = http.perform(post("/simulator/dev/api/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .content(Sandbox.credentials("ferry", Sandbox.PASSWORD).toString()))
        .andExpect(status().isNoContent())
        .andExpect(header().exists("X-MSTR-AuthToken"))
        .andReturn().getResponse();
    token = login.getHeader("X-MSTR-AuthToken");
    assertThat(login.getHeader("Set-Cookie")).matches("JSESSIONID=[0-9A-F]{32}; Path=/simulator/dev; HttpOnly");
    session = login.getCookie("JSESSIONID");
  }

  @Test
  void aMigrationRunsOverHttp() throws Exception {
    String id = Sandbox.JSON.readTree(http.perform(authenticated(post("/simulator/dev/api/migrations"))
            .header("X-MSTR-ProjectID", Sandbox.SOURCE_PROJECT)
            .contentType(MediaType.APPLICATION_JSON)
            .content(Sandbox.projectPackage("Sales").toString()))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.packageInfo.status").value("creating"))
        .andReturn().getResponse().getContentAsString()).path("id").asText();

    http.perform(authenticated(get("/simulator/dev/api/migrations/" + id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(id))
        .andExpect(jsonPath("$.packageInfo.status").value("created"))
        .andExpect(jsonPath("$.packageInfo.tocView").doesNotExist());
    for (String step : new String[] {"requested", "approved"}) {
      http.perform(authenticated(patch("/simulator/dev/api/migrations/" + id))
              .contentType(MediaType.APPLICATION_JSON)
              .content("{\"importInfo\": {\"importRequestStatus\": \"" + step + "\"}}"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.importInfo.importRequestStatus").value(step));
    }
    ObjectNode definition = (ObjectNode) Sandbox.JSON.readTree(
        http.perform(authenticated(get("/simulator/dev/api/migrations/" + id).param("showContent", "all")))
            .andExpect(jsonPath("$.packageInfo.tocView").exists())
            .andReturn().getResponse().getContentAsString());
    ((ObjectNode) definition.get("packageInfo")).put("replicated", true);

    // The same session cannot import on prod: each Library has its own sessions.
    http.perform(authenticated(put("/simulator/prod/api/migrations/" + id))
            .header("X-MSTR-ProjectID", Sandbox.TARGET_PROJECT)
            .contentType(MediaType.APPLICATION_JSON)
            .content(definition.toString()))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("ERR009"));
    http.perform(authenticated(put("/simulator/dev/api/migrations/" + id))
            .header("X-MSTR-ProjectID", Sandbox.TARGET_PROJECT)
            .header("Prefer", "respond-async")
            .contentType(MediaType.APPLICATION_JSON)
            .content(definition.toString()))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.importInfo.status").value("importing"));

    http.perform(authenticated(get("/simulator/dev/api/migrations").param("offset", "0").param("limit", "10")
            .param("packageInfo.purpose", "object_migration,project_merge")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.data[0].importInfo.status").value("imported"));
    http.perform(authenticated(get("/simulator/dev/api/migrations").param("packageInfo.purpose", "project_merge")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(0))
        .andExpect(jsonPath("$.data").isEmpty());
    http.perform(authenticated(delete("/simulator/dev/api/migrations").param("packageId", id.split(":")[0])))
        .andExpect(status().isNoContent());
    http.perform(authenticated(get("/simulator/dev/api/migrations/" + id)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("ERR004"));
  }

  @Test
  void aValidationRunsOverHttpAndTheTargetAnswers204WithoutABody() throws Exception {
    String id = created();
    MockHttpServletResponse prodLogin = http.perform(post("/simulator/prod/api/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .content(Sandbox.credentials("ferry", Sandbox.PASSWORD).toString()))
        .andReturn().getResponse();

    http.perform(authenticated(patch("/simulator/dev/api/migrations/" + id))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"importInfo\": {\"environment\": {\"id\": \"http://localhost/simulator/prod\", "
                + "\"name\": \"prod\"}}}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.packageInfo.status").value("created"))
        .andExpect(jsonPath("$.validation").doesNotExist());
    ObjectNode record = (ObjectNode) Sandbox.JSON.readTree(http.perform(authenticated(
        get("/simulator/dev/api/migrations/" + id))).andReturn().getResponse().getContentAsString());
    ObjectNode body = Sandbox.JSON.createObjectNode().put("id", id);
    body.set("packageInfo", record.get("packageInfo"));
    body.set("importInfo", record.get("importInfo"));
    http.perform(put("/simulator/prod/api/migrations/" + id + "/validation")
            .header("X-MSTR-AuthToken", prodLogin.getHeader("X-MSTR-AuthToken")).cookie(prodLogin.getCookie("JSESSIONID"))
            .contentType(MediaType.APPLICATION_JSON).content(body.toString()))
        .andExpect(status().isNoContent())
        .andExpect(content().string(""));
    http.perform(authenticated(patch("/simulator/dev/api/migrations/" + id))
            .contentType(MediaType.APPLICATION_JSON).content("{\"validation\": {\"status\": \"validating\"}}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.validation.status").value("validating"))
        .andExpect(jsonPath("$.validation.progress").value(0));

    sandbox.clock.advance(Sandbox.VALIDATION);
    http.perform(authenticated(get("/simulator/dev/api/migrations/" + id)))
        .andExpect(jsonPath("$.validation.status").value("validated"))
        .andExpect(jsonPath("$.validation.progress").value(100));
    body.remove("importInfo");
    http.perform(put("/simulator/prod/api/migrations/" + id + "/validation")
            .header("X-MSTR-AuthToken", prodLogin.getHeader("X-MSTR-AuthToken")).cookie(prodLogin.getCookie("JSESSIONID"))
            .contentType(MediaType.APPLICATION_JSON).content(body.toString()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("ERR007"))
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith(
            "Missing required field: importInfo.id")));
  }

  @Test
  void anEditAnswers202WhenAskedForAsyncAnd200Otherwise() throws Exception {
    String id = created();
    String edit = """
        {"type": "project", "name": "Sales edited",
         "tocView": {"content": [{"id": "8D679D5111D3E4981000E787EC6DE8A4", "type": 12, "action": "use_existing"}]}}""";

    http.perform(authenticated(put("/simulator/dev/api/migrations/" + id + "/packageInfo"))
            .header("Prefer", "respond-async")
            .contentType(MediaType.APPLICATION_JSON).content(edit))
        .andExpect(status().isAccepted())
        .andExpect(content().json("{\"id\": \"" + id.split(":")[0] + "\", \"status\": \"creating\", "
            + "\"progress\": 0.0}", true));
    http.perform(authenticated(put("/simulator/dev/api/migrations/" + id + "/packageInfo"))
            .contentType(MediaType.APPLICATION_JSON).content(edit))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("creating"));
    http.perform(authenticated(get("/simulator/dev/api/migrations/" + id).param("showContent", "all")))
        .andExpect(jsonPath("$.packageInfo.name").value("Sales edited"))
        .andExpect(jsonPath("$.packageInfo.tocView.content[0].action").value("use_existing"))
        .andExpect(jsonPath("$.version").value("3"));
    http.perform(authenticated(put("/simulator/dev/api/migrations/A:B/packageInfo"))
            .contentType(MediaType.APPLICATION_JSON).content(edit))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("ERR004"));
    http.perform(authenticated(put("/simulator/dev/api/migrations/" + id + "/packageInfo"))
            .contentType(MediaType.APPLICATION_JSON).content(edit.replace("\"project\"", "\"configuration\"")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("ERR006"))
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("type 'configuration' differs")));
  }

  /** Created over HTTP on dev; built at the first read (the durations are zero). */
  private String created() throws Exception {
    return Sandbox.JSON.readTree(http.perform(authenticated(post("/simulator/dev/api/migrations"))
            .header("X-MSTR-ProjectID", Sandbox.SOURCE_PROJECT)
            .contentType(MediaType.APPLICATION_JSON)
            .content(Sandbox.projectPackage("Sales").toString()))
        .andExpect(status().isCreated())
        .andReturn().getResponse().getContentAsString()).path("id").asText();
  }

  @Test
  void refusalsAreLibraryErrorBodies() throws Exception {
    http.perform(get("/simulator/dev/api/migrations/A:B").header("X-MSTR-AuthToken", token))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.code").value("ERR009"))
        .andExpect(jsonPath("$.message").value("Session invalid or timeout"))
        .andExpect(jsonPath("$.ticketId").value(matchesPattern("[0-9a-f]{32}")));
    http.perform(authenticated(post("/simulator/dev/api/migrations"))
            .contentType(MediaType.APPLICATION_JSON).content("{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("ERR006"))
        .andExpect(jsonPath("$.message").value("Invalid JSON"));
    http.perform(post("/simulator/dev/api/auth/login")
            .contentType(MediaType.APPLICATION_JSON).content("{\"username\": \"ferry\", \"password\": \"no\"}"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("ERR003"))
        .andExpect(jsonPath("$.message").value("Login failed"));
    http.perform(post("/simulator/staging/api/auth/login")
            .contentType(MediaType.APPLICATION_JSON).content(Sandbox.credentials("ferry", Sandbox.PASSWORD).toString()))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("ERR004"));
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    http.perform(authenticated(post("/simulator/dev/api/auth/logout"))).andExpect(status().isNoContent());

    http.perform(authenticated(get("/simulator/dev/api/migrations")))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("ERR009"));
  }

  private MockHttpServletRequestBuilder authenticated(MockHttpServletRequestBuilder request) {
    return request.header("X-MSTR-AuthToken", token).cookie(session);
  }
}
