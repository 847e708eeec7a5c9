package dev.ferry.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
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

/** The HTTP face of /api/migrationGroups: status codes, headers, flat PATCH body, error bodies. */
class MigrationGroupHttpTest {

  private final Sandbox sandbox = new Sandbox(Duration.ZERO, Duration.ZERO, Duration.ZERO);
  private MockMvc http;
  private Session dev;
  private Session prod;

  private record Session(String token, Cookie cookie) {
  }

  @BeforeEach
  void logIn() throws Exception {
    http = MockMvcBuilders.standaloneSetup(new SimulatorController(sandbox.simulator)).build();
    dev = login("dev");
    prod = login("prod");
  }

  @Test
  void aGroupMigrationRunsOverHttp() throws Exception {
    String id = Sandbox.JSON.readTree(http.perform(as(dev, post("/simulator/dev/api/migrationGroups"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(GroupSandbox.threeProjects("Quarterly").toString()))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.importRequestStatus").value("pending"))
        .andExpect(jsonPath("$.migrations[0].packageInfo.status").value("creating"))
        .andExpect(jsonPath("$.migrations[1].packageInfo.status").value("empty"))
        .andReturn().getResponse().getContentAsString()).path("id").asText();

    http.perform(as(dev, get("/simulator/dev/api/migrationGroups/" + id)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(id))
        .andExpect(jsonPath("$.migrations[3].packageInfo.status").value("created"))
        .andExpect(jsonPath("$.migrations[3].packageInfo.tocView").doesNotExist());
    for (String step : new String[] {"requested", "approved"}) {
      http.perform(as(dev, patch("/simulator/dev/api/migrationGroups/" + id))
              .contentType(MediaType.APPLICATION_JSON)
              .content("{\"importRequestStatus\": \"" + step + "\"}"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.importRequestStatus").value(step));
    }
    ObjectNode definition = (ObjectNode) Sandbox.JSON.readTree(
        http.perform(as(dev, get("/simulator/dev/api/migrationGroups/" + id).param("showContent", "all")))
            .andExpect(jsonPath("$.migrations[1].packageInfo.tocView").exists())
            .andReturn().getResponse().getContentAsString());
    definition.get("migrations").forEach(m -> ((ObjectNode) m.get("packageInfo")).put("replicated", true));

    http.perform(as(dev, put("/simulator/prod/api/migrationGroups/" + id))
            .contentType(MediaType.APPLICATION_JSON).content(definition.toString()))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("ERR009"));
    http.perform(as(prod, put("/simulator/prod/api/migrationGroups/" + id))
            .header("Prefer", "respond-async")
            .header("generateUndo", "true")
            .contentType(MediaType.APPLICATION_JSON).content(definition.toString()))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.migrations[0].importInfo.status").value("importing"))
        .andExpect(jsonPath("$.migrations[1].importInfo.status").value("pending"));
    http.perform(as(prod, put("/simulator/prod/api/migrationGroups/" + id))
            .contentType(MediaType.APPLICATION_JSON).content(definition.toString()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("ERR006"));
    http.perform(as(prod, get("/simulator/prod/api/migrationGroups/" + id)))
        .andExpect(jsonPath("$.migrations[3].importInfo.status").value("imported"))
        .andExpect(jsonPath("$.migrations[3].importInfo.undoStorage.path").exists());

    for (String step : new String[] {"requested", "approved"}) {
      http.perform(as(prod, patch("/simulator/prod/api/migrationGroups/" + id))
              .contentType(MediaType.APPLICATION_JSON)
              .content("{\"undoRequestStatus\": \"" + step + "\"}"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.undoRequestStatus").value(step));
    }
    http.perform(as(prod, get("/simulator/prod/api/migrationGroups/" + id)))
        .andExpect(jsonPath("$.migrations[3].importInfo.status").value("undo_success"));

    String packageGroupId = id.split(":")[0];
    http.perform(as(dev, delete("/simulator/dev/api/migrationGroups").param("packageGroupId", packageGroupId)))
        .andExpect(status().isNoContent());
    http.perform(as(dev, get("/simulator/dev/api/migrationGroups/" + id)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("ERR004"));
    http.perform(as(dev, delete("/simulator/dev/api/migrationGroups").param("packageGroupId", packageGroupId)))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("ERR004"));
  }

  @Test
  void aPutWithoutPreferAnswers200AndRefusalsAreLibraryErrors() throws Exception {
    GroupSandbox groups = new GroupSandbox(sandbox);
    String id = groups.approved(GroupSandbox.threeProjects("Quarterly"));

    http.perform(as(prod, put("/simulator/prod/api/migrationGroups/" + id))
            .header("generateUndo", "false")
            .contentType(MediaType.APPLICATION_JSON).content(groups.replicaOf(id).toString()))
        .andExpect(status().isOk());
    assertThat(groups.prod.group(id).orElseThrow().path("migrations").path(1).path("importInfo")
        .path("undoStorage").isEmpty()).isTrue();
    http.perform(as(dev, post("/simulator/dev/api/migrationGroups"))
            .contentType(MediaType.APPLICATION_JSON)
            .content(GroupSandbox.group("G", GroupSandbox.project(GroupSandbox.projectId('A'), "Alpha"),
                GroupSandbox.configuration()).toString()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("ERR006"))
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("must come first")))
        .andExpect(jsonPath("$.ticketId").exists());
    http.perform(get("/simulator/dev/api/migrationGroups/" + id).header("X-MSTR-AuthToken", dev.token()))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("ERR009"));
  }

  @Test
  void aGroupEditOnTheSourceAnswers202WhenAskedForAsyncAnd200Otherwise() throws Exception {
    GroupSandbox groups = new GroupSandbox(sandbox);
    String id = groups.create(GroupSandbox.threeProjects("Quarterly"));
    String edit = GroupEditTest.edit("Quarterly edited", GroupSandbox.configuration(),
        GroupSandbox.project(GroupSandbox.projectId('A'), "Alpha")).toString();

    http.perform(as(dev, put("/simulator/dev/api/migrationGroups/" + id))
            .header("Prefer", "respond-async")
            .contentType(MediaType.APPLICATION_JSON).content(edit))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.id").value(id))
        .andExpect(jsonPath("$.name").value("Quarterly edited"))
        .andExpect(jsonPath("$.importRequestStatus").value("pending"))
        .andExpect(jsonPath("$.migrations.length()").value(2))
        .andExpect(jsonPath("$.migrations[0].packageInfo.status").value("creating"))
        .andExpect(jsonPath("$.migrations[1].packageInfo.status").value("empty"));
    http.perform(as(dev, put("/simulator/dev/api/migrationGroups/" + id))
            .contentType(MediaType.APPLICATION_JSON).content(edit))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("Quarterly edited"));
    http.perform(as(dev, get("/simulator/dev/api/migrationGroups/" + id)))
        .andExpect(jsonPath("$.migrations[1].packageInfo.status").value("created"))
        .andExpect(jsonPath("$.version").value("3"));
    assertThat(sandbox.dev.accepted(Endpoint.PUT_GROUP_EDIT)).isEqualTo(2);
    http.perform(as(dev, put("/simulator/dev/api/migrationGroups/" + id))
            .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Empty\", \"migrations\": []}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("ERR006"))
        .andExpect(jsonPath("$.message").value("A migration group needs at least one package in migrations"));
  }

  private Session login(String env) throws Exception {
    MockHttpServletResponse login = http.perform(post("/simulator/" + env + "/api/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .content(Sandbox.credentials("ferry", Sandbox.PASSWORD).toString()))
        .andExpect(status().isNoContent())
        .andReturn().getResponse();
    return new Session(login.getHeader("X-MSTR-AuthToken"), login.getCookie("JSESSIONID"));
  }

  private static MockHttpServletRequestBuilder as(Session session, MockHttpServletRequestBuilder request) {
    return request.header("X-MSTR-AuthToken", session.token()).cookie(session.cookie());
  }
}
