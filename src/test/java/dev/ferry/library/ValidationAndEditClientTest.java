package dev.ferry.library;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static dev.ferry.library.LibraryFixture.MIGRATIONS;
import static dev.ferry.library.LibraryFixture.MIGRATION_ID;
import static dev.ferry.library.LibraryFixture.PROD_TOKEN;
import static dev.ferry.library.LibraryFixture.PROJECT_ID;
import static dev.ferry.library.LibraryFixture.TOKEN;
import static dev.ferry.library.LibraryFixture.json;
import static dev.ferry.library.LibraryFixture.sample;
import static dev.ferry.library.LibraryFixture.sampleJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import dev.ferry.migration.PackageEdit;
import dev.ferry.validation.StartValidation;
import java.io.IOException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calls of "Validate migrations" and "Edit migrations and migration groups", checked against
 * the exact requests the Libraries receive and the documented bodies.
 */
class ValidationAndEditClientTest {

  static final String GROUPS = LibraryFixture.CONTEXT + "/api/migrationGroups";
  static final String GROUP_ID = "11C09927B0B748A6970AE958CBD44FCE:FB6A954D2AB14BB09E2F98B72E634224";
  static final String TARGET_PROJECT = "A0C4F1E211D4E0EFC000EB9495D0F44F";

  private final LibraryFixture library = new LibraryFixture();
  private final LibraryScope source = LibraryScope.of("dev", PROJECT_ID);
  private final LibraryScope target = LibraryScope.of("prod", TARGET_PROJECT);

  @BeforeEach
  void librariesAcceptLogin() {
    library.libraryAcceptsLogin();
  }

  @AfterEach
  void stop() throws IOException {
    library.close();
  }

  // --- validation ------------------------------------------------------------------------------

  @Test
  void step1NamesTheTargetOnTheSourceWithTheDocumentedBody() {
    library.dev.stubFor(patch(migration("")).willReturn(json("validation/patch-import-target-response.json")));
    JsonNode documented = sampleJson("validation/patch-import-target-request.json").path("importInfo");

    Migration answer = library.migrations().setImportTarget(source, MIGRATION_ID, documented.path("environment"),
        documented.path("project"));

    library.dev.verify(exactly(1), patchRequestedFor(migration(""))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(TOKEN))
        .withHeader("X-MSTR-ProjectID", equalTo(PROJECT_ID))
        .withRequestBody(equalToJson(sample("validation/patch-import-target-request.json"))));
    assertThat(answer.packageStatus()).isEqualTo("created");
  }

  @Test
  void theProjectIsOptionalInStep1() {
    library.dev.stubFor(patch(migration("")).willReturn(json("validation/patch-import-target-response.json")));
    JsonNode documented = sampleJson("validation/patch-import-target-request.json").path("importInfo");

    library.migrations().setImportTarget(LibraryScope.of("dev", null), MIGRATION_ID, documented.path("environment"),
        documented.path("project").path("missing"));

    library.dev.verify(exactly(1), patchRequestedFor(migration(""))
        .withRequestBody(equalToJson("{\"importInfo\":{\"environment\":{\"id\":\"sss\",\"name\":\"sss\"}}}")));
  }

  @Test
  void step3TakesA202AsMstrioExpectsItAsWellAsTheDocumented204() {
    library.prod.stubFor(put(migration("/validation")).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withBody("{\"id\": \"" + MIGRATION_ID + "\"}")));
    Migration read = new Migration(sampleJson("validation/get-validated-response.json"));

    library.migrations().validate(target, MIGRATION_ID, StartValidation.body(read));

    library.prod.verify(exactly(1), putRequestedFor(migration("/validation")));
  }

  @Test
  void step3ValidatesOnTheTargetWithTheFieldsTheDocumentRequiresAndTakesTheEmpty204() throws Exception {
    library.prod.stubFor(put(migration("/validation")).willReturn(aResponse().withStatus(204)));
    Migration read = new Migration(sampleJson("validation/get-validated-response.json"));

    library.migrations().validate(target, MIGRATION_ID, StartValidation.body(read));

    library.prod.verify(exactly(1), putRequestedFor(migration("/validation"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Prefer", equalTo("respond-async")) // mstrio-py's trigger_migration_package_validation
        .withHeader(LibrarySession.TOKEN_HEADER, equalTo(PROD_TOKEN))
        .withHeader("X-MSTR-ProjectID", equalTo(TARGET_PROJECT)));
    JsonNode sent = LibraryFixture.JSON.readTree(library.prod.findAll(putRequestedFor(migration("/validation")))
        .get(0).getBodyAsString());
    JsonNode documented = sampleJson("validation/put-validation-request.json");
    assertThat(fieldNames(sent)).isEqualTo(fieldNames(documented));
    assertThat(fieldNames(sent.path("packageInfo"))).isEqualTo(fieldNames(documented.path("packageInfo")));
    assertThat(fieldNames(sent.path("importInfo"))).isEqualTo(fieldNames(documented.path("importInfo")));
    assertThat(sent.path("id").asText()).isEqualTo(MIGRATION_ID);
    assertThat(sent.at("/packageInfo/storage")).isEqualTo(read.body().at("/packageInfo/storage"));
    assertThat(sent.at("/importInfo/environment/name").asText()).isEqualTo("Target environment name");
  }

  @Test
  void step4TellsTheSourceTheValidationBeganWithTheDocumentedBody() {
    library.dev.stubFor(patch(migration("")).willReturn(json("validation/patch-validating-response.json")));

    Migration answer = library.migrations().markValidating(source, MIGRATION_ID);

    library.dev.verify(exactly(1), patchRequestedFor(migration(""))
        .withRequestBody(equalToJson(sample("validation/patch-validating-request.json"))));
    assertThat(answer.body().at("/validation/status").asText()).isEqualTo("validating");
  }

  @Test
  void aRefusedValidationNamesTheTargetTheCallAndTheLibrarysWords() {
    library.prod.stubFor(put(migration("/validation")).willReturn(json(400, "groups/error-400-err006.json")));

    assertThatThrownBy(() -> library.migrations().validate(target, MIGRATION_ID,
        StartValidation.body(new Migration(sampleJson("validation/get-validated-response.json")))))
        .isInstanceOf(LibraryException.class)
        .hasMessageContaining("Library 'prod' PUT /api/migrations/" + MIGRATION_ID + "/validation failed")
        .hasMessageContaining("ERR006");
  }

  // --- edit a migration ------------------------------------------------------------------------

  @Test
  void editingSendsTheDocumentedBodyToPackageInfoWithRespondAsync() {
    library.dev.stubFor(put(migration("/packageInfo")).willReturn(json(202, "edit/put-package-info-response.json")));

    JsonNode answer = library.migrations().editPackageInfo(source, MIGRATION_ID,
        sampleJson("edit/put-package-info-request.json"));

    library.dev.verify(exactly(1), putRequestedFor(migration("/packageInfo"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Prefer", equalTo("respond-async"))
        .withHeader("X-MSTR-ProjectID", equalTo(PROJECT_ID))
        .withRequestBody(equalToJson(sample("edit/put-package-info-request.json"))));
    assertThat(answer.path("status").asText()).isEqualTo("creating");
  }

  @Test
  void theEditedBodyKeepsTypeAndPurposeAndCarriesTheEditedNameObjectsAndTreeView() {
    Migration current = new Migration(sampleJson("edit/get-show-content-all-response.json"));
    PackageEdit offered = PackageEdit.of(current);
    assertThat(offered.name()).isEqualTo("object_migration_test");
    assertThat(offered.objects()).hasSize(8);
    ArrayNode rows = offered.objectsJson();
    rows.remove(2); // DossierTest leaves the package (and its tree view)
    ((ObjectNode) rows.get(3)).put("action", "use_existing"); // ReportDataSource was replace
    PackageEdit edit = PackageEdit.read("Object_Migration_edit", rows);

    ObjectNode body = edit.packageInfoBody(current);

    assertThat(body.path("type").asText()).isEqualTo("project");
    assertThat(body.path("purpose").asText()).isEqualTo("object_migration");
    assertThat(body.path("name").asText()).isEqualTo("Object_Migration_edit");
    assertThat(body.at("/tocView/settings")).isEqualTo(current.body().at("/packageInfo/tocView/settings"));
    assertThat(body.at("/tocView/content")).hasSize(7);
    assertThat(body.at("/tocView/content/3/id").asText()).isEqualTo("811B7AEB11EB53EF4E920080EFE51106");
    assertThat(body.at("/tocView/content/3/action").asText()).isEqualTo("use_existing");
    assertThat(body.at("/treeView/treeViewContent")).hasSize(1);
    assertThat(body.at("/treeView/treeViewContent/0/action").asText()).isEqualTo("use_existing");
    assertThat(edit.matches(current)).isFalse();
    assertThat(offered.matches(current)).isTrue();
  }

  // --- edit a group ----------------------------------------------------------------------------

  @Test
  void editingAGroupPutsTheDocumentedBodyWithRespondAsyncAndNoGenerateUndo() {
    library.dev.stubFor(put(group()).willReturn(json(202, "edit/group-get-created-response.json")));

    MigrationGroup answer = new MigrationGroupsClient(library.clients()).edit("dev", GROUP_ID,
        sampleJson("edit/group-put-request.json"));

    library.dev.verify(exactly(1), putRequestedFor(group())
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Prefer", equalTo("respond-async"))
        .withHeader("generateUndo", absent())
        .withoutHeader("X-MSTR-ProjectID")
        .withRequestBody(equalToJson(sample("edit/group-put-request.json"))));
    assertThat(answer.migrations()).extracting(Migration::packageStatus).containsOnly("created");
  }

  @Test
  void theEditedGroupBodyKeepsEachPackagesTypeProjectAndSettingsAndDropsAnEmptiedPackage() {
    MigrationGroup current = new MigrationGroup(sampleJson("edit/group-get-show-content-all-response.json"));
    PackageEdit offered = PackageEdit.of(current);
    assertThat(offered.objects()).extracting(PackageEdit.EditedObject::pkg).containsExactly("configuration",
        "Category (B19DEDCC11D4E0EFC000EB9495D0F44F)", "Category (B19DEDCC11D4E0EFC000EB9495D0F44F)");
    ArrayNode rows = offered.objectsJson();
    rows.remove(0); // the configuration package's only object: the package leaves the group
    ((ObjectNode) rows.get(1)).put("action", "replace");

    ObjectNode body = PackageEdit.read("MultiPackageMultiProject_edit", rows).groupBody(current);

    assertThat(body.path("name").asText()).isEqualTo("MultiPackageMultiProject_edit");
    assertThat(body.path("treeView").isObject()).isTrue();
    assertThat(body.path("migrations")).hasSize(1);
    JsonNode edited = body.at("/migrations/0");
    assertThat(edited.at("/packageInfo/type").asText()).isEqualTo("project");
    assertThat(edited.at("/packageInfo/purpose").asText()).isEqualTo("migration_group_child");
    assertThat(edited.at("/packageInfo/project/id").asText()).isEqualTo("B19DEDCC11D4E0EFC000EB9495D0F44F");
    assertThat(edited.at("/packageInfo/tocView/settings/defaultAction").asText()).isEqualTo("keep_both");
    assertThat(edited.at("/packageInfo/tocView/content")).hasSize(2);
    assertThat(edited.at("/packageInfo/tocView/content/1/action").asText()).isEqualTo("replace");
    assertThat(edited.at("/importInfo/project/id").asText()).isEqualTo("B19DEDCC11D4E0EFC000EB9495D0F44F");
    assertThat(edited.at("/packageInfo/status").isMissingNode()).as("no status, storage or ids go back").isTrue();
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    java.util.Collections.sort(names);
    return names;
  }

  private static UrlPattern migration(String suffix) {
    String[] halves = MIGRATION_ID.split(":");
    return urlMatching(Pattern.quote(MIGRATIONS + "/" + halves[0]) + "(:|%3A|%3a)" + Pattern.quote(halves[1] + suffix));
  }

  private static UrlPattern group() {
    String[] halves = GROUP_ID.split(":");
    return urlMatching(Pattern.quote(GROUPS + "/" + halves[0]) + "(:|%3A|%3a)" + Pattern.quote(halves[1]));
  }
}
