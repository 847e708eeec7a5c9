package dev.ferry.library;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.ferry.library.LibraryFixture.CONTEXT;
import static dev.ferry.library.LibraryFixture.JSESSIONID;
import static dev.ferry.library.LibraryFixture.JSON;
import static dev.ferry.library.LibraryFixture.LOGIN;
import static dev.ferry.library.LibraryFixture.LOGOUT;
import static dev.ferry.library.LibraryFixture.PROD_TOKEN;
import static dev.ferry.library.LibraryFixture.TOKEN;
import static dev.ferry.library.LibraryFixture.cookieHeader;
import static dev.ferry.library.LibraryFixture.json;
import static dev.ferry.library.LibraryFixture.sample;
import static dev.ferry.library.LibraryFixture.sampleJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@code /api/migrationGroups} call of "Object Migration Groups Between Environments"
 * (/work/shared/library-api/migration-groups.md), checked against the exact request each Library
 * receives and the documented answers in {@code src/test/resources/library/groups/}.
 */
class MigrationGroupsClientTest {

  static final String GROUPS = CONTEXT + "/api/migrationGroups";
  static final String GROUP_ID = "11C09927B0B748A6970AE958CBD44FCE:FB6A954D2AB14BB09E2F98B72E634224";
  static final String PACKAGE_GROUP_ID = "11C09927B0B748A6970AE958CBD44FCE";
  static final String IMPORT_GROUP_ID = "FB6A954D2AB14BB09E2F98B72E634224";
  static final String CONFIGURATION_MIGRATION = "ACEE65A19AD34FA38200A3D59BA879A9:0AE4FFDD4289481084005D39EF516FB4";
  static final String PROJECT_MIGRATION = "61794A98597D45B684BB9C711295BB9B:597576B451BB46CFBDD29FB71EC5CC98";

  private final LibraryFixture library = new LibraryFixture();
  private MigrationGroupsClient groups;

  @BeforeEach
  void librariesAcceptLogin() {
    library.libraryAcceptsLogin();
    groups = new MigrationGroupsClient(library.clients());
  }

  @AfterEach
  void stop() throws IOException {
    library.close();
  }

  // --- create --------------------------------------------------------------------------------

  @Test
  void createsTheGroupOnTheSourceWithTheDocumentedBodyUnchangedAndNoProjectHeader() {
    library.dev.stubFor(post(urlEqualTo(GROUPS)).willReturn(json(201, "groups/create-response.json")));

    MigrationGroup created = groups.create("dev", sampleJson("groups/create-request.json"));

    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(GROUPS))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID)))
        .withoutHeader("X-MSTR-ProjectID")
        .withRequestBody(equalToJson(sample("groups/create-request.json"))));
    assertThat(bodyOf(onlyApiCall(library.dev))).isEqualTo(sampleJson("groups/create-request.json"));
    assertThat(apiCalls(library.prod)).as("nothing goes to the target").isEmpty();

    assertThat(created.body()).isEqualTo(sampleJson("groups/create-response.json"));
    assertThat(created.id()).isEqualTo(GROUP_ID);
    assertThat(created.packageGroupId()).isEqualTo(PACKAGE_GROUP_ID);
    assertThat(created.importRequestStatus()).isEqualTo("pending");
    List<Migration> migrations = created.migrations();
    assertThat(migrations).hasSize(2);
    assertThat(migrations).extracting(Migration::id).containsExactly(CONFIGURATION_MIGRATION, PROJECT_MIGRATION);
    assertThat(migrations).extracting(Migration::packageId)
        .containsExactly("ACEE65A19AD34FA38200A3D59BA879A9", "61794A98597D45B684BB9C711295BB9B");
    assertThat(migrations).extracting(Migration::packageStatus).containsExactly("creating", "empty");
    assertThat(migrations).extracting(Migration::packageProgress).containsExactly(0, 0);
    assertThat(migrations).extracting(Migration::importStatus).containsExactly("pending", "pending");
  }

  // --- get -----------------------------------------------------------------------------------

  @Test
  void readsTheCreationStatusWithoutShowContent() {
    library.dev.stubFor(get(group("")).willReturn(json("groups/get-created-response.json")));

    MigrationGroup group = groups.get("dev", GROUP_ID, false);

    library.dev.verify(exactly(1), getRequestedFor(group(""))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID)))
        .withoutHeader("X-MSTR-ProjectID")
        .withQueryParam("showContent", absent()));
    assertThat(URI.create(onlyApiCall(library.dev).getUrl()).getRawQuery()).as("no query at all").isNull();
    assertThat(group.body()).isEqualTo(sampleJson("groups/get-created-response.json"));
    assertThat(group.id()).isEqualTo(GROUP_ID);
    assertThat(group.packageGroupId()).isEqualTo(PACKAGE_GROUP_ID);
    assertThat(group.importRequestStatus()).isEqualTo("pending");
    assertThat(group.migrations()).extracting(Migration::packageStatus).containsExactly("created", "created");
    assertThat(group.migrations()).extracting(Migration::packageProgress).containsExactly(100, 100);
    assertThat(group.migrations()).extracting(Migration::importStatus).containsExactly("pending", "pending");
  }

  @Test
  void readsTheFullDefinitionWithShowContentAll() {
    library.dev.stubFor(get(group("?showContent=all")).willReturn(json("groups/get-show-content-all-response.json")));

    MigrationGroup group = groups.get("dev", GROUP_ID, true);

    library.dev.verify(exactly(1), getRequestedFor(group("?showContent=all"))
        .withQueryParam("showContent", equalTo("all"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withoutHeader("X-MSTR-ProjectID"));
    assertThat(group.body()).isEqualTo(sampleJson("groups/get-show-content-all-response.json"));
    assertThat(group.importRequestStatus()).isEqualTo("approved");
    assertThat(group.migrations()).extracting(Migration::packageStatus).containsExactly("locked", "locked");
  }

  @Test
  void theGroupIdWithItsColonReachesTheLibraryAsOnePathSegment() {
    library.dev.stubFor(get(group("")).willReturn(json("groups/get-created-response.json")));
    library.dev.stubFor(get(group("?showContent=all")).willReturn(json("groups/get-show-content-all-response.json")));

    groups.get("dev", GROUP_ID, false);
    groups.get("dev", GROUP_ID, true);

    List<LoggedRequest> gets = library.dev.findAll(getRequestedFor(urlPathMatching(GROUPS + "/.*")));
    assertThat(gets).hasSize(2);
    for (LoggedRequest request : gets) {
      // Feign may send the colon as ':' or '%3A'; either way the decoded path is the group id.
      URI uri = URI.create(request.getUrl());
      assertThat(uri.getPath()).isEqualTo(GROUPS + "/" + GROUP_ID);
      assertThat(uri.getRawPath()).matches(Pattern.quote(GROUPS + "/" + PACKAGE_GROUP_ID) + "(:|%3A|%3a)"
          + Pattern.quote(IMPORT_GROUP_ID));
    }
  }

  @Test
  void readsTheImportStatusOnTheTarget() {
    library.prod.stubFor(get(group("")).willReturn(json("groups/get-imported-on-target-response.json")));

    MigrationGroup group = groups.get("prod", GROUP_ID, false);

    library.prod.verify(exactly(1), getRequestedFor(group(""))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION")))
        .withoutHeader("X-MSTR-ProjectID"));
    assertThat(apiCalls(library.dev)).isEmpty();
    assertThat(group.migrations()).extracting(Migration::importStatus).containsExactly("imported", "imported");
    assertThat(group.migrations()).allMatch(Migration::hasUndoPackage, "has an undo package");
  }

  // --- patch ---------------------------------------------------------------------------------

  @Test
  void requestsThenApprovesTheImportOnTheSourceWithTheFlatDocumentedBodies() {
    library.dev.stubFor(patch(group(""))
        .withRequestBody(equalToJson(sample("groups/patch-import-requested-request.json")))
        .willReturn(json("groups/patch-import-requested-response.json")));
    library.dev.stubFor(patch(group(""))
        .withRequestBody(equalToJson(sample("groups/patch-import-approved-request.json")))
        .willReturn(json("groups/patch-import-approved-response.json")));

    MigrationGroup requested = groups.patch("dev", GROUP_ID, "importRequestStatus", "requested");
    MigrationGroup approved = groups.patch("dev", GROUP_ID, "importRequestStatus", "approved");

    assertThat(requested.body()).isEqualTo(sampleJson("groups/patch-import-requested-response.json"));
    assertThat(requested.importRequestStatus()).isEqualTo("requested");
    assertThat(approved.importRequestStatus()).isEqualTo("approved");
    assertThat(approved.migrations()).extracting(Migration::packageStatus).containsExactly("locked", "locked");
    library.dev.verify(exactly(2), patchRequestedFor(group(""))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID)))
        .withoutHeader("X-MSTR-ProjectID"));
    List<LoggedRequest> patches = library.dev.findAll(patchRequestedFor(group("")));
    assertThat(patches).extracting(MigrationGroupsClientTest::bodyOf).as("flat bodies, requested first").containsExactly(
        sampleJson("groups/patch-import-requested-request.json"),
        sampleJson("groups/patch-import-approved-request.json"));
    assertThat(patches).extracting(MigrationGroupsClientTest::bodyOf)
        .containsExactly(parse("{\"importRequestStatus\":\"requested\"}"), parse("{\"importRequestStatus\":\"approved\"}"));
    assertThat(apiCalls(library.prod)).isEmpty();
  }

  @Test
  void requestsThenApprovesTheUndoOnTheTargetWithTheFlatDocumentedBodies() {
    library.prod.stubFor(patch(group(""))
        .withRequestBody(equalToJson(sample("groups/patch-undo-requested-request.json")))
        .willReturn(json("groups/patch-undo-requested-response.json")));
    library.prod.stubFor(patch(group(""))
        .withRequestBody(equalToJson(sample("groups/patch-undo-approved-request.json")))
        .willReturn(json("groups/patch-undo-approved-response.json")));

    MigrationGroup requested = groups.patch("prod", GROUP_ID, "undoRequestStatus", "requested");
    MigrationGroup approved = groups.patch("prod", GROUP_ID, "undoRequestStatus", "approved");

    assertThat(requested.body().path("undoRequestStatus").asText()).isEqualTo("requested");
    assertThat(approved.body().path("undoRequestStatus").asText()).isEqualTo("approved");
    assertThat(approved.migrations()).extracting(Migration::importStatus).containsExactly("undoing", "imported");
    library.prod.verify(exactly(2), patchRequestedFor(group(""))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION")))
        .withHeader("Prefer", equalToIgnoreCase("respond-async"))
        .withoutHeader("X-MSTR-ProjectID"));
    assertThat(library.prod.findAll(patchRequestedFor(group(""))))
        .extracting(MigrationGroupsClientTest::bodyOf)
        .containsExactly(parse("{\"undoRequestStatus\":\"requested\"}"), parse("{\"undoRequestStatus\":\"approved\"}"));
    assertThat(apiCalls(library.dev)).isEmpty();
  }

  // --- put -----------------------------------------------------------------------------------

  @Test
  void startsTheImportOnTheTargetWithTheDocumentedReplicaAndRespondAsyncAndGenerateUndo() {
    library.dev.stubFor(get(group("?showContent=all")).willReturn(json("groups/get-show-content-all-response.json")));
    library.prod.stubFor(put(group("?generateUndo=true")).willReturn(json(202, "groups/put-response.json")));

    MigrationGroup definition = groups.get("dev", GROUP_ID, true);
    MigrationGroup importing = groups.put("prod", definition.id(), definition.asReplica());

    library.prod.verify(exactly(1), putRequestedFor(group("?generateUndo=true"))
        .withHeader("Prefer", equalToIgnoreCase("respond-async"))
        .withHeader("generateUndo", equalTo("true"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION")))
        .withoutHeader("X-MSTR-ProjectID")
        .withRequestBody(equalToJson(sample("groups/put-request.json"))));
    LoggedRequest sent = library.prod.findAll(putRequestedFor(group("?generateUndo=true"))).get(0);
    assertThat(URI.create(sent.getUrl()).getPath()).isEqualTo(GROUPS + "/" + GROUP_ID);
    assertThat(URI.create(sent.getUrl()).getRawQuery()).as("generateUndo also as mstrio-py sends it").isEqualTo("generateUndo=true");
    assertThat(bodyOf(sent)).isEqualTo(sampleJson("groups/put-request.json"));
    assertThat(library.dev.findAll(putRequestedFor(anyUrl()))).as("nothing is imported on the source").isEmpty();
    assertThat(importing.body()).isEqualTo(sampleJson("groups/put-response.json"));
    assertThat(importing.migrations()).extracting(Migration::importStatus).containsExactly("importing", "pending");
  }

  @Test
  void theReplicaIsTheDocumentedPutBodyReplicatedInEveryPackageAndNothingElse() {
    MigrationGroup definition = new MigrationGroup(sampleJson("groups/get-show-content-all-response.json"));

    JsonNode replica = definition.asReplica();

    assertThat(replica).isEqualTo(sampleJson("groups/put-request.json"));
    assertThat(replica.path("migrations")).hasSize(2);
    replica.path("migrations").forEach(m -> assertThat(m.path("packageInfo").path("replicated").isBoolean()
        && m.path("packageInfo").path("replicated").asBoolean()).as("replicated in " + m.path("id")).isTrue());
    ObjectNode withoutFlags = replica.deepCopy();
    ObjectNode originalWithoutFlags = definition.body().deepCopy();
    withoutFlags.get("migrations").forEach(m -> ((ObjectNode) m.get("packageInfo")).remove("replicated"));
    originalWithoutFlags.get("migrations").forEach(m -> ((ObjectNode) m.get("packageInfo")).remove("replicated"));
    assertThat(withoutFlags).isEqualTo(originalWithoutFlags);
  }

  @Test
  void makingTheReplicaLeavesTheSourceDefinitionUntouched() {
    MigrationGroup definition = new MigrationGroup(sampleJson("groups/get-show-content-all-response.json"));

    JsonNode replica = definition.asReplica();

    assertThat(definition.body()).isEqualTo(sampleJson("groups/get-show-content-all-response.json"));
    definition.body().path("migrations").forEach(m ->
        assertThat(m.path("packageInfo").path("replicated").asBoolean()).isFalse());
    assertThat(replica).isNotSameAs(definition.body());
    assertThat(replica.path("migrations").get(0).path("packageInfo"))
        .isNotSameAs(definition.body().path("migrations").get(0).path("packageInfo"));
    // Changing the replica later does not reach back into the source tree either.
    ((ObjectNode) replica.path("migrations").get(0).path("packageInfo").path("tocView")).put("changed", true);
    assertThat(definition.body()).isEqualTo(sampleJson("groups/get-show-content-all-response.json"));
  }

  @Test
  void theReplicaKeepsFieldsFerryDoesNotKnowAndMarksEveryPackage() {
    ObjectNode body = (ObjectNode) sampleJson("groups/get-show-content-all-response.json");
    body.putObject("validation").put("status", "passed").putArray("warnings").add("w1");
    body.put("futureTopLevel", 42);
    ObjectNode first = (ObjectNode) body.get("migrations").get(0);
    first.put("futureMigrationField", "keep me");
    ((ObjectNode) first.get("packageInfo")).put("checksum", "sha256:abc");
    ((ObjectNode) first.get("importInfo")).putObject("futureImportField").put("x", 1);
    ObjectNode third = ((ArrayNode) body.get("migrations")).addObject();
    third.put("id", "AAAA:BBBB");
    third.putObject("packageInfo").put("id", "AAAA").put("status", "locked");
    third.putObject("importInfo").put("id", "BBBB");

    JsonNode replica = new MigrationGroup(body).asReplica();

    ObjectNode expected = body.deepCopy();
    expected.get("migrations").forEach(m -> ((ObjectNode) m.get("packageInfo")).put("replicated", true));
    assertThat(replica).isEqualTo(expected);
    assertThat(replica.path("validation")).isEqualTo(body.path("validation"));
    assertThat(replica.path("futureTopLevel").asInt()).isEqualTo(42);
    assertThat(replica.path("migrations").get(0).path("futureMigrationField").asText()).isEqualTo("keep me");
    assertThat(replica.path("migrations").get(0).path("packageInfo").path("checksum").asText()).isEqualTo("sha256:abc");
    assertThat(replica.path("migrations").get(0).path("importInfo").path("futureImportField").path("x").asInt())
        .isEqualTo(1);
    assertThat(replica.path("migrations").get(2).path("packageInfo").path("replicated").asBoolean())
        .as("a package that had no replicated field at all gets one").isTrue();
    assertThat(body.path("migrations").get(2).path("packageInfo").has("replicated")).isFalse();
  }

  @Test
  void aGroupWithoutMigrationsCannotBeReplicated() {
    ObjectNode body = (ObjectNode) sampleJson("groups/get-show-content-all-response.json");
    body.remove("migrations");

    assertThatThrownBy(() -> new MigrationGroup(body).asReplica())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(GROUP_ID)
        .hasMessageContaining("no migrations")
        .hasMessageContaining("showContent=all");

    ObjectNode notAnArray = body.deepCopy();
    notAnArray.putObject("migrations");
    assertThatThrownBy(() -> new MigrationGroup(notAnArray).asReplica())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no migrations");

    assertThatThrownBy(() -> new MigrationGroup(null).asReplica())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no migrations");
  }

  @Test
  void aPackageWithoutPackageInfoCannotBeReplicated() {
    ObjectNode body = (ObjectNode) sampleJson("groups/get-show-content-all-response.json");
    ((ObjectNode) body.get("migrations").get(1)).remove("packageInfo");
    JsonNode before = body.deepCopy();

    assertThatThrownBy(() -> new MigrationGroup(body).asReplica())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(GROUP_ID)
        .hasMessageContaining("has no packageInfo");
    assertThat(body).as("the failed attempt changed nothing").isEqualTo(before);

    ObjectNode nullPackageInfo = (ObjectNode) sampleJson("groups/get-show-content-all-response.json");
    ((ObjectNode) nullPackageInfo.get("migrations").get(0)).putNull("packageInfo");
    assertThatThrownBy(() -> new MigrationGroup(nullPackageInfo).asReplica())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no packageInfo");
  }

  // --- delete --------------------------------------------------------------------------------

  @Test
  void deletesTheGroupOnTheSourceAndOnTheTargetByPackageGroupId() {
    String url = GROUPS + "?packageGroupId=" + PACKAGE_GROUP_ID;
    library.dev.stubFor(delete(urlEqualTo(url)).willReturn(aResponse().withStatus(204)));
    library.prod.stubFor(delete(urlEqualTo(url)).willReturn(aResponse().withStatus(204)));
    MigrationGroup created = new MigrationGroup(sampleJson("groups/create-response.json"));

    groups.delete("dev", created.packageGroupId());
    groups.delete("prod", created.packageGroupId());

    library.dev.verify(exactly(1), deleteRequestedFor(urlEqualTo(url))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader(JSESSIONID)))
        .withoutHeader("X-MSTR-ProjectID"));
    library.prod.verify(exactly(1), deleteRequestedFor(urlEqualTo(url))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("Cookie", equalTo(cookieHeader("PRODSESSION")))
        .withoutHeader("X-MSTR-ProjectID"));
    assertThat(onlyApiCall(library.dev).getUrl()).as("the source half of the id, no colon").isEqualTo(url);
  }

  // --- accessors -----------------------------------------------------------------------------

  @Test
  void theAccessorsCopeWithPartialBodies() {
    MigrationGroup empty = new MigrationGroup(null);
    assertThat(empty.id()).isNull();
    assertThat(empty.packageGroupId()).isNull();
    assertThat(empty.importRequestStatus()).isNull();
    assertThat(empty.migrations()).isEmpty();

    MigrationGroup noColon = new MigrationGroup(parse("{\"id\": \"11C09927B0B748A6970AE958CBD44FCE\"}"));
    assertThat(noColon.packageGroupId()).isEqualTo(PACKAGE_GROUP_ID);
    assertThat(noColon.migrations()).isEmpty();

    MigrationGroup created = new MigrationGroup(sampleJson("groups/create-response.json"));
    assertThat(created.migrations().get(0).body()).isEqualTo(created.body().path("migrations").get(0));
  }

  // --- errors --------------------------------------------------------------------------------

  @Test
  void aDocumentedErrorBecomesALibraryExceptionNamingEnvironmentCallStatusCodeAndMessage() {
    library.dev.stubFor(patch(group("")).willReturn(json(400, "groups/error-400-err006.json")));

    LibraryException e = catchThrowableOfType(
        () -> groups.patch("dev", GROUP_ID, "importRequestStatus", "requested"), LibraryException.class);

    assertThat(e).isNotNull();
    assertThat(e.environmentId()).isEqualTo("dev");
    assertThat(e.call()).startsWith("PATCH /api/migrationGroups/" + GROUP_ID);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("ERR006");
    assertThat(e.libraryMessage()).isEqualTo("Invalid JSON");
    assertThat(e.ticketId()).isEqualTo("b722e689f6104202972f7675563b9f97");
    assertThat(e.isSessionExpired()).isFalse();
    assertThat(e.getMessage())
        .contains("Library 'dev'")
        .contains("PATCH /api/migrationGroups/" + GROUP_ID)
        .contains("HTTP 400")
        .contains("ERR006")
        .contains("Invalid JSON")
        .contains("b722e689f6104202972f7675563b9f97");
    library.dev.verify(exactly(1), patchRequestedFor(group("")));
    library.dev.verify(exactly(1), postRequestedFor(urlEqualTo(LOGIN)));
  }

  @Test
  void aFailedImportOnTheTargetNamesTheTargetAndThePut() {
    library.prod.stubFor(put(group("?generateUndo=true")).willReturn(json(400, "groups/error-400-err006.json")));
    JsonNode replica = new MigrationGroup(sampleJson("groups/get-show-content-all-response.json")).asReplica();

    assertThatThrownBy(() -> groups.put("prod", GROUP_ID, replica))
        .isInstanceOfSatisfying(LibraryException.class, e -> {
          assertThat(e.environmentId()).isEqualTo("prod");
          assertThat(e.call()).isEqualTo("PUT /api/migrationGroups/" + GROUP_ID);
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.code()).isEqualTo("ERR006");
        })
        .hasMessageContaining("Library 'prod'")
        .hasMessageContaining("PUT /api/migrationGroups/" + GROUP_ID);
    library.prod.verify(exactly(1), putRequestedFor(group("?generateUndo=true")));
  }

  @Test
  void aFailedReadNamesTheGetWithItsQuery() {
    library.dev.stubFor(get(group("?showContent=all")).willReturn(json(400, "groups/error-400-err006.json")));

    assertThatThrownBy(() -> groups.get("dev", GROUP_ID, true))
        .isInstanceOfSatisfying(LibraryException.class, e -> {
          assertThat(e.environmentId()).isEqualTo("dev");
          assertThat(e.call()).isEqualTo("GET /api/migrationGroups/" + GROUP_ID + "?showContent=all");
          assertThat(e.code()).isEqualTo("ERR006");
        });
  }

  // --- helpers -------------------------------------------------------------------------------

  /** The group's URL, whether the colon in its id travels as {@code :} or as {@code %3A}. */
  private static UrlPattern group(String query) {
    return urlMatching(Pattern.quote(GROUPS + "/" + PACKAGE_GROUP_ID) + "(:|%3A|%3a)"
        + Pattern.quote(IMPORT_GROUP_ID + query));
  }

  /** Every request other than login and logout. */
  private static List<LoggedRequest> apiCalls(WireMockServer server) {
    return server.findAll(anyRequestedFor(anyUrl())).stream()
        .filter(r -> !r.getUrl().equals(LOGIN) && !r.getUrl().equals(LOGOUT))
        .toList();
  }

  private static LoggedRequest onlyApiCall(WireMockServer server) {
    List<LoggedRequest> calls = apiCalls(server);
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }

  private static JsonNode bodyOf(LoggedRequest request) {
    return parse(request.getBodyAsString());
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
