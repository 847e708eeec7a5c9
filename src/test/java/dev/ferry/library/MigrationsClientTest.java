package dev.ferry.library;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.ferry.library.LibraryFixture.JSESSIONID;
import static dev.ferry.library.LibraryFixture.MIGRATIONS;
import static dev.ferry.library.LibraryFixture.MIGRATION_ID;
import static dev.ferry.library.LibraryFixture.PACKAGE_ID;
import static dev.ferry.library.LibraryFixture.PROD_TOKEN;
import static dev.ferry.library.LibraryFixture.PROJECT_ID;
import static dev.ferry.library.LibraryFixture.TOKEN;
import static dev.ferry.library.LibraryFixture.cookieHeader;
import static dev.ferry.library.LibraryFixture.json;
import static dev.ferry.library.LibraryFixture.sample;
import static dev.ferry.library.LibraryFixture.sampleJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@code /api/migrations} call of "Object migration between environments" and "Project
 * merge", checked against the exact request the Library receives and the documented answers.
 */
class MigrationsClientTest {

  private static final String TARGET_PROJECT = "A0C4F1E211D4E0EFC000EB9495D0F44F";

  private final LibraryFixture library = new LibraryFixture();
  private final LibraryScope sourceProject = LibraryScope.of("dev", PROJECT_ID);
  private final LibraryScope targetProject = LibraryScope.of("prod", TARGET_PROJECT);

  @BeforeEach
  void librariesAcceptLogin() {
    library.libraryAcceptsLogin();
  }

  @AfterEach
  void stop() throws IOException {
    library.close();
  }

  // --- create --------------------------------------------------------------------------------

  @Test
  void createsAProjectPackageOnTheSourceWithTheDocumentedBodyAndTheSourceProjectHeader() {
    library.dev.stubFor(post(urlEqualTo(MIGRATIONS)).willReturn(json(201, "migration/create-response.json")));

    Migration created = library.migrations().create(sourceProject, sampleJson("migration/create-request.json"));

    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(MIGRATIONS))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Prefer", equalTo("respond-async")) // as mstrio-py's Migration.create sends it
        .withHeader("X-MSTR-ProjectID", equalTo(PROJECT_ID))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID)))
        .withRequestBody(equalToJson(sample("migration/create-request.json"))));
    assertThat(created.id()).isEqualTo(MIGRATION_ID);
    assertThat(created.packageId()).isEqualTo(PACKAGE_ID);
    assertThat(created.packageStatus()).isEqualTo("creating");
    assertThat(created.packageProgress()).isZero();
    assertThat(created.importStatus()).isEqualTo("pending");
    assertThat(created.importRequestStatus()).isEqualTo("pending");
    assertThat(created.undoRequestStatus()).isEqualTo("pending");
  }

  @Test
  void createsAProjectMergePackageWithTheDocumentedBodyUnchanged() {
    library.dev.stubFor(post(urlEqualTo(MIGRATIONS)).willReturn(json(201, "migration/create-response.json")));

    library.migrations().create(sourceProject, sampleJson("merge/create-request.json"));

    library.dev.verify(postRequestedFor(urlEqualTo(MIGRATIONS))
        .withHeader("X-MSTR-ProjectID", equalTo(PROJECT_ID))
        .withRequestBody(equalToJson(sample("merge/create-request.json"))));
  }

  @Test
  void createsAConfigurationPackageWithoutAnyProjectHeader() {
    // Not a documented sample: the docs only say a configuration package must not send X-MSTR-ProjectID.
    String configurationPackage = """
        {"packageInfo": {"type": "configuration", "name": "Users and groups",
           "environment": {"id": "Source Environment URL", "name": "environment name"},
           "tocView": {"settings": {"defaultAction": "replace"},
                       "content": [{"id": "54F3D26011D2896560009A8E67019608", "type": 34, "action": "replace"}]}},
         "importInfo": {"environment": {"id": "Target Environment URL", "name": "environment name"}}}
        """;
    library.dev.stubFor(post(urlEqualTo(MIGRATIONS)).willReturn(json(201, "migration/create-response.json")));

    library.migrations().create(LibraryScope.of("dev", null), parse(configurationPackage));
    library.migrations().create(LibraryScope.of("dev", "  "), parse(configurationPackage));

    library.dev.verify(exactly(2), postRequestedFor(urlEqualTo(MIGRATIONS))
        .withoutHeader("X-MSTR-ProjectID")
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withRequestBody(equalToJson(configurationPackage)));
  }

  // --- get -----------------------------------------------------------------------------------

  @Test
  void readsTheCreationStatusWithoutAskingForTheFullContent() {
    library.dev.stubFor(get(migration("")).willReturn(json("migration/get-created-response.json")));

    Migration migration = library.migrations().get(sourceProject, MIGRATION_ID, false);

    library.dev.verify(exactly(1), getRequestedFor(migration(""))
        .withHeader("X-MSTR-ProjectID", equalTo(PROJECT_ID))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withQueryParam("showContent", absent()));
    assertThat(migration.id()).isEqualTo(MIGRATION_ID);
    assertThat(migration.packageId()).isEqualTo(PACKAGE_ID);
    assertThat(migration.packageStatus()).isEqualTo("created");
    assertThat(migration.packageProgress()).isEqualTo(100);
    assertThat(migration.packageMessage()).isEmpty();
    assertThat(migration.importStatus()).isEqualTo("pending");
    assertThat(migration.importRequestStatus()).isEqualTo("pending");
    assertThat(migration.undoRequestStatus()).isEqualTo("pending");
    assertThat(migration.importProgress()).isZero();
    assertThat(migration.hasUndoPackage()).as("undoStorage is {}").isFalse();
  }

  @Test
  void readsTheFullDefinitionWithShowContentAll() {
    library.dev.stubFor(get(migration("?showContent=all"))
        .willReturn(json("merge/get-show-content-all-response.json")));

    Migration migration = library.migrations().get(sourceProject, MIGRATION_ID, true);

    library.dev.verify(exactly(1), getRequestedFor(migration("?showContent=all"))
        .withHeader("X-MSTR-ProjectID", equalTo(PROJECT_ID)));
    assertThat(migration.body()).isEqualTo(sampleJson("merge/get-show-content-all-response.json"));
    assertThat(migration.packageStatus()).isEqualTo("locked");
  }

  @Test
  void theMigrationIdWithItsColonReachesTheLibraryAsOnePathSegment() {
    library.dev.stubFor(get(migration("")).willReturn(json("migration/get-created-response.json")));

    library.migrations().get(sourceProject, MIGRATION_ID, false);

    List<LoggedRequest> gets = library.dev.findAll(getRequestedFor(urlPathMatching(MIGRATIONS + "/.*")));
    assertThat(gets).hasSize(1);
    // Feign percent-encodes the colon (%3A); the Library's router decodes the segment back.
    String path = URI.create(gets.get(0).getUrl()).getPath();
    assertThat(path).isEqualTo(MIGRATIONS + "/" + MIGRATION_ID);
    assertThat(path.substring(MIGRATIONS.length() + 1)).doesNotContain("/");
  }

  @Test
  void readsTheImportStatusAndUndoPackageOnTheTarget() {
    library.prod.stubFor(get(migration("")).willReturn(json("migration/get-imported-on-target-response.json")));

    Migration migration = library.migrations().get(targetProject, MIGRATION_ID, false);

    library.prod.verify(getRequestedFor(migration(""))
        .withHeader("X-MSTR-ProjectID", equalTo(TARGET_PROJECT))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN)));
    assertThat(migration.importStatus()).isEqualTo("imported");
    assertThat(migration.importProgress()).isEqualTo(100);
    assertThat(migration.importMessage()).isEmpty();
    assertThat(migration.hasUndoPackage()).isTrue();
    assertThat(migration.packageStatus()).as("the sample has no packageInfo").isNull();
  }

  @Test
  void listsOnePageOfMigrationsOfTheAskedPurposesAsMstrioDoes() {
    library.dev.stubFor(get(urlPathEqualTo(MIGRATIONS)).willReturn(json("migration/list-response.json")));

    JsonNode page = library.migrations().list(LibraryScope.of("dev", null), "object_migration,project_merge", 20, 10);

    library.dev.verify(getRequestedFor(urlPathEqualTo(MIGRATIONS))
        .withQueryParam("offset", equalTo("20"))
        .withQueryParam("limit", equalTo("10"))
        .withQueryParam("packageInfo.purpose", equalTo("object_migration,project_merge"))
        .withoutHeader("X-MSTR-ProjectID"));
    assertThat(page.path("total").asInt()).isEqualTo(21);
    assertThat(page.path("data").get(0).path("id").asText()).isEqualTo(MIGRATION_ID);
  }

  @Test
  void asksForNoMoreThanTheLibraryListsInOnePage() {
    assertThatThrownBy(() -> library.migrations().list(LibraryScope.of("dev", null), "object_migration", 0, 1001))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 1000");
  }

  // --- patch ---------------------------------------------------------------------------------

  @Test
  void requestsThenApprovesTheImportOnTheSourceWithTheExactDocumentedBodies() {
    library.dev.stubFor(patch(migration(""))
        .withRequestBody(equalToJson(sample("migration/patch-import-requested-request.json")))
        .willReturn(json("migration/patch-import-requested-response.json")));
    library.dev.stubFor(patch(migration(""))
        .withRequestBody(equalToJson(sample("migration/patch-import-approved-request.json")))
        .willReturn(json("migration/patch-import-approved-response.json")));

    Migration requested = library.migrations().patchImportInfo(sourceProject, MIGRATION_ID, "importRequestStatus", "requested");
    Migration approved = library.migrations().patchImportInfo(sourceProject, MIGRATION_ID, "importRequestStatus", "approved");

    assertThat(requested.importRequestStatus()).isEqualTo("requested");
    assertThat(approved.importRequestStatus()).isEqualTo("approved");
    assertThat(approved.packageStatus()).isEqualTo("locked");
    library.dev.verify(exactly(1), patchRequestedFor(migration(""))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("X-MSTR-ProjectID", equalTo(PROJECT_ID))
        .withRequestBody(equalToJson("{\"importInfo\":{\"importRequestStatus\":\"requested\"}}")));
    library.dev.verify(exactly(1), patchRequestedFor(migration(""))
        .withRequestBody(equalToJson("{\"importInfo\":{\"importRequestStatus\":\"approved\"}}")));
    List<LoggedRequest> patches = library.dev.findAll(patchRequestedFor(migration("")));
    assertThat(patches).extracting(r -> r.getBodyAsString().contains("requested") ? "requested" : "approved")
        .as("requested first, then approved").containsExactly("requested", "approved");
  }

  @Test
  void requestsThenApprovesTheUndoOnTheTargetWithTheTargetProjectHeader() {
    library.prod.stubFor(patch(migration(""))
        .withRequestBody(equalToJson(sample("migration/patch-undo-requested-request.json")))
        .willReturn(json("migration/patch-undo-requested-response.json")));
    library.prod.stubFor(patch(migration(""))
        .withRequestBody(equalToJson(sample("migration/patch-undo-approved-request.json")))
        .willReturn(json("migration/patch-undo-approved-response.json")));

    Migration requested = library.migrations().patchImportInfo(targetProject, MIGRATION_ID, "undoRequestStatus", "requested");
    Migration approved = library.migrations().patchImportInfo(targetProject, MIGRATION_ID, "undoRequestStatus", "approved");

    assertThat(requested.undoRequestStatus()).isEqualTo("requested");
    assertThat(approved.undoRequestStatus()).isEqualTo("approved");
    assertThat(approved.importStatus()).isEqualTo("undoing");
    library.prod.verify(exactly(1), patchRequestedFor(migration(""))
        .withHeader("X-MSTR-ProjectID", equalTo(TARGET_PROJECT))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Prefer", equalTo("respond-async")) // as mstrio-py's Migration.reverse sends it
        .withRequestBody(equalToJson("{\"importInfo\":{\"undoRequestStatus\":\"requested\"}}")));
    library.prod.verify(exactly(1), patchRequestedFor(migration(""))
        .withHeader("X-MSTR-ProjectID", equalTo(TARGET_PROJECT))
        .withHeader("Prefer", equalTo("respond-async"))
        .withRequestBody(equalToJson("{\"importInfo\":{\"undoRequestStatus\":\"approved\"}}")));
    library.dev.verify(exactly(0), patchRequestedFor(migration("")));
  }

  // --- put -----------------------------------------------------------------------------------

  @Test
  void startsTheImportOnTheTargetWithTheFullDefinitionMarkedReplicatedAndRespondAsync() {
    library.dev.stubFor(get(migration("?showContent=all"))
        .willReturn(json("merge/get-show-content-all-response.json")));
    library.prod.stubFor(put(migration("?generateUndo=true")).willReturn(json(202, "migration/put-response.json")));

    Migration definition = library.migrations().get(sourceProject, MIGRATION_ID, true);
    Migration importing = library.migrations().put(targetProject, MIGRATION_ID, definition.asReplica());

    // generateUndo: as a query parameter (mstrio-py start_migration) and as a header (the group page)
    library.prod.verify(exactly(1), putRequestedFor(migration("?generateUndo=true"))
        .withHeader("Prefer", equalToIgnoreCase("respond-async"))
        .withHeader("generateUndo", equalTo("true"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("X-MSTR-ProjectID", equalTo(TARGET_PROJECT))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION")))
        .withRequestBody(equalToJson(sample("merge/put-request.json"))));
    library.dev.verify(exactly(0), putRequestedFor(migration("?generateUndo=true")));
    assertThat(importing.importStatus()).isEqualTo("importing");
    assertThat(importing.importRequestStatus()).isEqualTo("approved");
  }

  @Test
  void startsTheObjectMigrationImportWithTheDocumentedPutBody() {
    library.dev.stubFor(get(migration("?showContent=all"))
        .willReturn(json("migration/get-show-content-all-response.json")));
    library.prod.stubFor(put(migration("?generateUndo=true")).willReturn(json(202, "migration/put-response.json")));

    Migration definition = library.migrations().get(sourceProject, MIGRATION_ID, true);
    library.migrations().put(targetProject, MIGRATION_ID, definition.asReplica());

    library.prod.verify(putRequestedFor(migration("?generateUndo=true"))
        .withRequestBody(equalToJson(sample("migration/put-request.json"))));
  }

  @Test
  void theReplicaChangesOnlyReplicatedAndKeepsEveryFieldFerryDoesNotKnow() {
    Migration definition = new Migration(sampleJson("merge/get-show-content-all-response.json"));

    JsonNode replica = definition.asReplica();

    assertThat(replica.path("packageInfo").path("replicated").asBoolean()).isTrue();
    assertThat(replica).isEqualTo(sampleJson("merge/put-request.json"));
    assertThat(replica.path("packageInfo").path("tocView"))
        .isEqualTo(definition.body().path("packageInfo").path("tocView")).isNotEmpty();
    assertThat(replica.path("packageInfo").has("treeView")).isTrue();
    assertThat(replica.path("version").asText()).isEqualTo("2");
    ObjectNode withoutFlag = replica.deepCopy();
    ((ObjectNode) withoutFlag.get("packageInfo")).remove("replicated");
    ObjectNode originalWithoutFlag = definition.body().deepCopy();
    ((ObjectNode) originalWithoutFlag.get("packageInfo")).remove("replicated");
    assertThat(withoutFlag).isEqualTo(originalWithoutFlag);
  }

  @Test
  void theReplicaKeepsFieldsAFutureLibraryMightAdd() {
    ObjectNode body = (ObjectNode) sampleJson("merge/get-show-content-all-response.json");
    body.putObject("validation").put("status", "passed").putArray("warnings").add("w1");
    ((ObjectNode) body.get("packageInfo")).put("checksum", "sha256:abc");

    JsonNode replica = new Migration(body).asReplica();

    assertThat(replica.path("validation")).isEqualTo(body.path("validation"));
    assertThat(replica.path("packageInfo").path("checksum").asText()).isEqualTo("sha256:abc");
  }

  @Test
  void makingTheReplicaLeavesTheSourceDefinitionUntouched() {
    Migration definition = new Migration(sampleJson("merge/get-show-content-all-response.json"));

    definition.asReplica();

    assertThat(definition.body().path("packageInfo").path("replicated").asBoolean()).isFalse();
    assertThat(definition.body()).isEqualTo(sampleJson("merge/get-show-content-all-response.json"));
  }

  // --- delete --------------------------------------------------------------------------------

  @Test
  void deletesThePackageOnTheSourceAndOnTheTargetByPackageId() {
    library.dev.stubFor(delete(urlEqualTo(MIGRATIONS + "?packageId=" + PACKAGE_ID)).willReturn(aResponse().withStatus(204)));
    library.prod.stubFor(delete(urlEqualTo(MIGRATIONS + "?packageId=" + PACKAGE_ID)).willReturn(aResponse().withStatus(204)));

    library.migrations().delete(sourceProject, PACKAGE_ID);
    library.migrations().delete(targetProject, PACKAGE_ID);

    library.dev.verify(exactly(1), deleteRequestedFor(urlEqualTo(MIGRATIONS + "?packageId=" + PACKAGE_ID))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID)))
        .withHeader("X-MSTR-ProjectID", equalTo(PROJECT_ID)));
    library.prod.verify(exactly(1), deleteRequestedFor(urlEqualTo(MIGRATIONS + "?packageId=" + PACKAGE_ID))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("X-MSTR-ProjectID", equalTo(TARGET_PROJECT)));
  }

  @Test
  void deletingAConfigurationPackageSendsNoProjectHeader() {
    library.dev.stubFor(delete(urlEqualTo(MIGRATIONS + "?packageId=" + PACKAGE_ID)).willReturn(aResponse().withStatus(200)));

    library.migrations().delete(LibraryScope.of("dev", null), PACKAGE_ID);

    library.dev.verify(exactly(1), deleteRequestedFor(urlEqualTo(MIGRATIONS + "?packageId=" + PACKAGE_ID))
        .withoutHeader("X-MSTR-ProjectID"));
  }

  /** The migration's URL, whether the colon in its id travels as {@code :} or as {@code %3A}. */
  private static UrlPattern migration(String query) {
    String[] halves = MIGRATION_ID.split(":");
    return urlMatching(Pattern.quote(MIGRATIONS + "/" + halves[0]) + "(:|%3A|%3a)" + Pattern.quote(halves[1] + query));
  }

  private static JsonNode parse(String text) {
    try {
      return LibraryFixture.JSON.readTree(text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
