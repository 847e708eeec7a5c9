package dev.ferry.library;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.ferry.library.LibraryFixture.CONTEXT;
import static dev.ferry.library.LibraryFixture.MIGRATIONS;
import static dev.ferry.library.LibraryFixture.sampleJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.reliability.LibraryLookups;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lookups an at-least-once retry makes, against lists in the shape mstrio-py reads from a real
 * Library: {@code {"total", "data"}}, paged by {@code offset} until {@code total}, migrations asked for
 * by {@code packageInfo.purpose}. A list in any other shape stops the retry: it is never read as
 * "the Library did nothing", which would repeat a create.
 */
class LibraryLookupsTest {

  static final String GROUPS = CONTEXT + "/api/migrationGroups";
  static final String FILES = CONTEXT + SharedFileStoreClient.FILES;
  /** Before the sample packages' creation dates (2022-…), less than the clock skew allowed. */
  static final Instant ATTEMPT = Instant.parse("2020-01-01T00:00:00Z");

  private final LibraryFixture library = new LibraryFixture();
  private final LibraryScope dev = LibraryScope.of("dev", LibraryFixture.PROJECT_ID);
  private LibraryLookups lookups;

  @BeforeEach
  void librariesAcceptLogin() {
    library.libraryAcceptsLogin();
    lookups = new LibraryLookups(library.migrations(), new MigrationGroupsClient(library.clients()),
        new SharedFileStoreClient(library.clients(), new ObjectMapper()));
  }

  @AfterEach
  void stop() throws IOException {
    library.close();
  }

  @Test
  void aProjectMergeCreatedByAnEarlierAttemptIsFoundOnTheSecondPageOfProjectMerges() {
    ObjectNode merge = (ObjectNode) sampleJson("merge/get-created-response.json");
    String name = merge.at("/packageInfo/name").asText();
    ObjectNode other = merge.deepCopy();
    ((ObjectNode) other.get("packageInfo")).put("name", "Another package");
    // a Library may answer fewer than asked for: the next page starts where this one ended
    library.dev.stubFor(get(urlPathEqualTo(MIGRATIONS)).withQueryParam("offset", equalTo("0"))
        .willReturn(page(2, other)));
    library.dev.stubFor(get(urlPathEqualTo(MIGRATIONS)).withQueryParam("offset", equalTo("1"))
        .willReturn(page(2, merge)));

    assertThat(lookups.createdSince(dev, "project_merge", name, ATTEMPT)).hasValueSatisfying(found ->
        assertThat(found.id()).isEqualTo(merge.path("id").asText()));

    library.dev.verify(2, getRequestedFor(urlPathEqualTo(MIGRATIONS))
        .withQueryParam("packageInfo.purpose", equalTo("project_merge"))
        .withQueryParam("limit", equalTo("1000")));
  }

  @Test
  void nothingIsFoundOnceTotalItemsWereRead() {
    ObjectNode migration = (ObjectNode) sampleJson("migration/get-created-response.json");
    library.dev.stubFor(get(urlPathEqualTo(MIGRATIONS)).willReturn(page(1, migration)));

    assertThat(lookups.createdSince(dev, "object_migration", "Not there", ATTEMPT)).isEmpty();

    library.dev.verify(1, getRequestedFor(urlPathEqualTo(MIGRATIONS))
        .withQueryParam("packageInfo.purpose", equalTo("object_migration")));
  }

  @Test
  void aListWithoutDataStopsTheRetryInsteadOfRepeatingTheCreate() {
    // the shape Ferry and its simulator once agreed on, which no Library answers
    library.dev.stubFor(get(urlPathEqualTo(MIGRATIONS)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"total\": 1, \"migrations\": [" + LibraryFixture.sample("migration/get-created-response.json")
            + "]}")));

    assertThatThrownBy(() -> lookups.createdSince(dev, "object_migration", "Sales", ATTEMPT))
        .isInstanceOf(LibraryLookups.UnreadableListException.class)
        .hasMessageContaining("Could not read the answer of GET /api/migrations?packageInfo.purpose=object_migration "
            + "on 'dev'")
        .hasMessageContaining("expected {\"total\": N, \"data\": [...]}")
        .hasMessageContaining("the fields [total, migrations]")
        .hasMessageContaining("does not repeat the call blindly");
  }

  @Test
  void groupsAreReadFromDataFirstAndFromTheOlderShapeToo() {
    ObjectNode group = (ObjectNode) sampleJson("groups/get-created-response.json");
    String name = group.path("name").asText();
    ObjectNode data = new ObjectMapper().createObjectNode().put("total", 1);
    data.putArray("data").add(group);
    library.dev.stubFor(get(urlPathEqualTo(GROUPS)).willReturn(json(data)));
    assertThat(lookups.groupCreatedSince("dev", name, ATTEMPT)).isPresent();

    ObjectNode older = new ObjectMapper().createObjectNode().put("total", 1);
    older.putArray("migrationGroups").add(group);
    library.dev.stubFor(get(urlPathEqualTo(GROUPS)).willReturn(json(older)));
    assertThat(lookups.groupCreatedSince("dev", name, ATTEMPT)).isPresent();

    library.dev.stubFor(get(urlPathEqualTo(GROUPS)).willReturn(json(new ObjectMapper().createArrayNode())));
    assertThatThrownBy(() -> lookups.groupCreatedSince("dev", name, ATTEMPT))
        .isInstanceOf(LibraryLookups.UnreadableListException.class)
        .hasMessageContaining("GET /api/migrationGroups on 'dev'").hasMessageContaining("a JSON array");
  }

  @Test
  void filesAreFoundByNameAndSha256ByIdAndTheirImportByPath() {
    JsonNode list = sampleJson("files/list-response.json");
    JsonNode file = list.path("data").get(0);
    library.prod.stubFor(get(urlPathEqualTo(FILES)).willReturn(json(list)));
    ObjectNode imported = (ObjectNode) sampleJson("migration/get-created-response.json");
    ((ObjectNode) imported.get("packageInfo")).put("purpose", "migration_from_shared_file_store")
        .putObject("storage").put("path", file.path("path").asText());
    library.prod.stubFor(get(urlPathEqualTo(MIGRATIONS)).willReturn(page(1, imported)));

    assertThat(lookups.fileSince("prod", file.path("name").asText(), file.path("sha256").asText().toUpperCase(),
        ATTEMPT)).contains(file);
    assertThat(lookups.file("prod", file.path("id").asText())).contains(file);
    assertThat(lookups.file("prod", "another")).isEmpty();
    assertThat(lookups.importOfFile(LibraryScope.of("prod", null), file.path("path").asText(), null))
        .hasValueSatisfying(found -> assertThat(found.id()).isEqualTo(imported.path("id").asText()));
    assertThat(lookups.importOfFile(LibraryScope.of("prod", null), "mstr/shared/elsewhere.mmp", null)).isEmpty();

    library.prod.verify(getRequestedFor(urlPathEqualTo(FILES)).withQueryParam("type", equalTo("migrations.packages")));
    library.prod.verify(getRequestedFor(urlPathEqualTo(MIGRATIONS))
        .withQueryParam("packageInfo.purpose", equalTo("migration_from_shared_file_store")));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(int total, JsonNode... items) {
    ObjectNode page = new ObjectMapper().createObjectNode().put("total", total);
    for (JsonNode item : items) {
      page.withArray("data").add(item);
    }
    return json(page);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(JsonNode body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString());
  }
}
