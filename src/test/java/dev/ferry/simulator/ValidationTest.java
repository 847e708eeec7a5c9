package dev.ferry.simulator;

import static dev.ferry.simulator.Sandbox.json;
import static dev.ferry.simulator.Sandbox.projectPackage;
import static dev.ferry.simulator.Sandbox.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Validating a migration: PATCH the target and {@code validating} on the source, PUT
 * {@code /validation} on the target, and the source's GET showing the outcome once the target's
 * validation has run for the validation duration.
 */
class ValidationTest {

  private static final String TARGET = """
      {"importInfo": {"environment": {"id": "http://localhost/simulator/prod", "name": "prod"},
                      "project": {"id": "%s", "name": "Tutorial on prod"}}}
      """.formatted(Sandbox.TARGET_PROJECT);
  private static final ObjectNode VALIDATING = json("""
      {"validation": {"status": "validating"}}""");

  private final Sandbox sandbox = new Sandbox();
  private final SimulatedLibrary dev = sandbox.dev;

  // --- PATCH the target ----------------------------------------------------------------------------

  @Test
  void patchingTheTargetSetsEnvironmentAndProjectAndAnswersTheSummary() {
    String id = sandbox.created(projectPackage("Sales"));
    ObjectNode body = json("""
        {"importInfo": {"environment": {"id": "https://staging.example.com/MicroStrategyLibrary",
                                        "name": "staging"},
                        "project": {"id": "D19DEDCC11D4E0EFC000EB9495D0F44F", "name": "Staging Tutorial"}}}""");

    ObjectNode answer = dev.patch(sandbox.devSession, null, id, body);

    assertThat(answer).isEqualTo(json("""
        {
          "id": "%s",
          "packageInfo": {"id": "%s", "status": "created", "progress": 100},
          "importInfo": {"id": "%s", "status": "pending", "importRequestStatus": "pending",
                         "undoRequestStatus": "pending", "progress": 0}
        }
        """.formatted(id, id.split(":")[0], id.split(":")[1])));
    JsonNode importInfo = sandbox.onDev(id).path("importInfo");
    assertThat(importInfo.path("environment")).isEqualTo(body.path("importInfo").path("environment"));
    assertThat(importInfo.path("project")).isEqualTo(body.path("importInfo").path("project"));
    assertThat(dev.accepted(Endpoint.PATCH_IMPORT_TARGET)).isEqualTo(1);
  }

  @Test
  void theProjectIsOptionalWhenPatchingTheTarget() {
    String id = sandbox.created(projectPackage("Sales"));

    dev.patch(sandbox.devSession, null, id, json("""
        {"importInfo": {"environment": {"id": "https://staging.example.com", "name": "staging"}}}"""));

    JsonNode importInfo = sandbox.onDev(id).path("importInfo");
    assertThat(importInfo.path("environment").path("name").asText()).isEqualTo("staging");
    assertThat(importInfo.path("project").path("id").asText()).as("kept").isEqualTo(Sandbox.TARGET_PROJECT);
  }

  @Test
  void theTargetIsSetOnlyWhileThePackageIsCreated() {
    String building = sandbox.create(projectPackage("Sales"));
    SimulatorError error = refusal(() -> dev.patch(sandbox.devSession, null, building, json(TARGET)));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).isEqualTo("Cannot change the target environment of migration " + building
        + ": it has package status 'creating'; this needs package status 'created'");

    String approved = sandbox.approved(projectPackage("Sales"));
    assertThat(refusal(() -> dev.patch(sandbox.devSession, null, approved, json(TARGET))).getMessage())
        .contains("package status 'locked'", "needs package status 'created'");
    assertThat(dev.received(Endpoint.PATCH_IMPORT_TARGET)).isEqualTo(2);
    assertThat(dev.accepted(Endpoint.PATCH_IMPORT_TARGET)).isZero();
  }

  @Test
  void theTargetNeedsAnEnvironmentId() {
    String id = sandbox.created(projectPackage("Sales"));

    SimulatorError error = refusal(() -> dev.patch(sandbox.devSession, null, id, json("""
        {"importInfo": {"environment": {"name": "prod"}}}""")));
    SimulatorError noEnvironment = refusal(() -> dev.patch(sandbox.devSession, null, id, json("""
        {"importInfo": {"project": {"id": "%s", "name": "Tutorial"}}}""".formatted(Sandbox.TARGET_PROJECT))));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).isEqualTo("importInfo.environment.id is required: give the id (the environment URL) "
        + "and name of the target environment");
    assertThat(noEnvironment.getMessage()).startsWith("importInfo.environment.id is required");
  }

  // --- PATCH validating ----------------------------------------------------------------------------

  @Test
  void patchingValidatingAnswersTheSummaryWithTheValidation() {
    String id = sandbox.created(projectPackage("Sales"));
    dev.patch(sandbox.devSession, null, id, json(TARGET));
    sandbox.clock.advance(Duration.ofSeconds(3));

    ObjectNode answer = dev.patch(sandbox.devSession, null, id, VALIDATING);

    assertThat(answer.path("validation")).isEqualTo(json("""
        {"status": "validating", "progress": 0}"""));
    assertThat(answer.path("packageInfo").path("status").asText()).isEqualTo("created");
    assertThat(sandbox.onDev(id).path("validation")).isEqualTo(json("""
        {"status": "validating", "progress": 0, "creationDate": "2022-03-16T07:38:53.125+0000",
         "lastUpdatedDate": "2022-03-16T07:38:53.125+0000", "message": ""}"""));
    assertThat(dev.accepted(Endpoint.PATCH_VALIDATING)).isEqualTo(1);
  }

  @Test
  void theValidationSitsBetweenImportInfoAndVersionAndIsListed() {
    String id = sandbox.created(projectPackage("Sales"));
    dev.patch(sandbox.devSession, null, id, VALIDATING);

    assertThat(sandbox.onDev(id).fieldNames()).toIterable()
        .containsSubsequence("id", "packageInfo", "importInfo", "validation", "version");
    assertThat(dev.list(sandbox.devSession, 0, -1).path("data").path(0).path("validation").path("status")
        .asText()).isEqualTo("validating");
    String other = sandbox.created(projectPackage("Other"));
    assertThat(sandbox.onDev(other).has("validation")).as("only once a validation began").isFalse();
  }

  @Test
  void aValidationStartsOnlyWhileThePackageIsCreated() {
    String building = sandbox.create(projectPackage("Sales"));
    SimulatorError error = refusal(() -> dev.patch(sandbox.devSession, null, building, VALIDATING));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).isEqualTo("Cannot start the validation of migration " + building
        + ": it has package status 'creating'; this needs package status 'created'");
    String approved = sandbox.approved(projectPackage("Sales"));
    assertThat(refusal(() -> dev.patch(sandbox.devSession, null, approved, VALIDATING)).getMessage())
        .contains("package status 'locked'");
  }

  @Test
  void onlyValidatingCanBeSet() {
    String id = sandbox.created(projectPackage("Sales"));

    SimulatorError error = refusal(() -> dev.patch(sandbox.devSession, null, id, json("""
        {"validation": {"status": "validated"}}""")));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).isEqualTo("validation.status 'validated' cannot be set: a client sets only "
        + "'validating' (to tell the source the target's validation began); 'validated' and 'validation_failed' are "
        + "set by the Library");
    assertThat(sandbox.onDev(id).has("validation")).isFalse();
    assertThat(dev.received(Endpoint.PATCH_VALIDATING)).isEqualTo(1);
  }

  // --- PUT /validation on the target ----------------------------------------------------------------

  @Test
  void theTargetAnswersNothingAndCountsTheCall() {
    String id = sandbox.created(projectPackage("Sales"));

    sandbox.prod.validate(sandbox.prodSession, id, validationRequest(id));

    assertThat(sandbox.prod.accepted(Endpoint.PUT_VALIDATION)).isEqualTo(1);
    assertThat(sandbox.prod.migrations()).as("validating imports nothing").isEmpty();
  }

  @Test
  void theTargetRefusesEachMissingField() {
    String id = sandbox.created(projectPackage("Sales"));

    assertMissing(id, body -> body.remove("id"), "id");
    assertMissing(id, body -> info(body, "packageInfo").remove("id"), "packageInfo.id");
    assertMissing(id, body -> info(body, "packageInfo").remove("type"), "packageInfo.type");
    assertMissing(id, body -> info(body, "packageInfo").remove("environment"), "packageInfo.environment.id");
    assertMissing(id, body -> info(body, "packageInfo").putObject("storage"), "packageInfo.storage.path");
    assertMissing(id, body -> info(body, "importInfo").remove("id"), "importInfo.id");
    assertMissing(id, body -> ((ObjectNode) body.path("importInfo").path("environment")).remove("id"),
        "importInfo.environment.id");
    assertThat(sandbox.prod.accepted(Endpoint.PUT_VALIDATION)).isZero();

    ObjectNode withoutProjects = validationRequest(id);
    info(withoutProjects, "packageInfo").remove("project");
    info(withoutProjects, "importInfo").remove("project");
    sandbox.prod.validate(sandbox.prodSession, id, withoutProjects);
    assertThat(sandbox.prod.accepted(Endpoint.PUT_VALIDATION)).as("the projects are optional").isEqualTo(1);
  }

  @Test
  void theTargetRefusesAnIdOtherThanThePath() {
    String id = sandbox.created(projectPackage("Sales"));
    ObjectNode body = validationRequest(id);
    body.put("id", "AAAA:BBBB");

    SimulatorError error = refusal(() -> sandbox.prod.validate(sandbox.prodSession, id, body));

    assertThat(error.code()).isEqualTo("ERR006");
    assertThat(error.getMessage()).isEqualTo("id 'AAAA:BBBB' does not match the migration id in the path ('" + id
        + "')");
  }

  @Test
  void aTargetCanBeLimitedToSomeValidationsAtOnce() {
    String first = sandbox.created(projectPackage("Sales"));
    String second = sandbox.created(projectPackage("Costs"));
    sandbox.prod.limitValidations(0);
    SimulatorError none = refusal(() -> sandbox.prod.validate(sandbox.prodSession, first, validationRequest(first)));
    assertThat(none.code()).isEqualTo("ERR006");
    assertThat(none.getMessage()).isEqualTo("Cannot validate migration " + first + ": this Library validates at most "
        + "0 package(s) at a time and is validating 0 now; try again once a validation has finished (simulated)");

    sandbox.prod.limitValidations(1);
    sandbox.prod.validate(sandbox.prodSession, first, validationRequest(first));
    assertThat(refusal(() -> sandbox.prod.validate(sandbox.prodSession, second, validationRequest(second)))
        .getMessage()).contains("validates at most 1 package(s) at a time and is validating 1 now");
    sandbox.prod.validate(sandbox.prodSession, first, validationRequest(first)); // a restart takes no second place
    sandbox.clock.advance(Sandbox.VALIDATION);
    sandbox.prod.validate(sandbox.prodSession, second, validationRequest(second));

    sandbox.prod.limitValidations(-1);
    sandbox.prod.validate(sandbox.prodSession, first, validationRequest(first));
    assertThat(sandbox.prod.accepted(Endpoint.PUT_VALIDATION)).isEqualTo(4);
  }

  @Test
  void aTestCanPatchBehindFerrysBack() {
    String id = sandbox.created(projectPackage("Sales"));

    ObjectNode answer = dev.patchForTest(id, Sandbox.patchBody("importRequestStatus", "requested"));

    assertThat(answer.path("importInfo").path("importRequestStatus").asText()).isEqualTo("requested");
    assertThat(dev.received(Endpoint.PATCH_IMPORT_REQUESTED)).as("not a call Ferry made").isZero();
  }

  // --- the outcome on the source ----------------------------------------------------------------------

  @Test
  void aPackageIsValidatedOnceTheTargetHasValidatedForTheValidationDuration() {
    String id = validating(projectPackage("Sales"));

    sandbox.clock.advance(Sandbox.VALIDATION.dividedBy(2));
    JsonNode halfway = sandbox.onDev(id).path("validation");
    assertThat(halfway.path("status").asText()).isEqualTo("validating");
    assertThat(halfway.path("progress").asInt()).isEqualTo(50);
    sandbox.clock.advance(Sandbox.VALIDATION.dividedBy(2).minusMillis(1));
    assertThat(sandbox.onDev(id).path("validation").path("status").asText()).isEqualTo("validating");

    sandbox.clock.advance(Duration.ofMillis(1));
    JsonNode validation = sandbox.onDev(id).path("validation");
    assertThat(validation.path("status").asText()).isEqualTo("validated");
    assertThat(validation.path("progress").asInt()).isEqualTo(100);
    assertThat(validation.path("message").asText()).isEmpty();
    assertThat(validation.path("lastUpdatedDate").asText()).isEqualTo("2022-03-16T07:39:10.125+0000");
    assertThat(sandbox.patchDev(id, "importRequestStatus", "requested").path("validation").path("status").asText())
        .as("a validated package can be requested").isEqualTo("validated");

    JsonNode step = steps(id).path(1);
    assertThat(step.path("step").asText()).isEqualTo("validation");
    assertThat(step.path("end").asLong() - step.path("start").asLong()).isEqualTo(Sandbox.VALIDATION.toMillis());
    assertThat(step.path("seen").asLong()).isEqualTo(step.path("end").asLong());
    assertThat(step.path("looks").asInt()).as("the GETs halfway, 1 ms before the end and at the end").isEqualTo(3);
  }

  @Test
  void aValidationAnEditDropsLeavesNoStepInTheJournal() {
    String id = validating(projectPackage("Sales"));
    sandbox.clock.advance(Sandbox.VALIDATION.dividedBy(2));
    assertThat(steps(id)).extracting(step -> step.path("step").asText()).containsExactly("create", "validation");

    sandbox.edit(id, (ObjectNode) dev.get(sandbox.devSession, id, true).get("packageInfo"));

    assertThat(steps(id)).extracting(step -> step.path("step").asText()).as("it never ended")
        .doesNotContain("validation");
  }

  /** The simulator's journal of this migration: its steps, with start, end, seen and looks. */
  private JsonNode steps(String id) {
    return sandbox.journalOfDev(id).path("steps");
  }

  @Test
  void withoutTheTargetsStartTheSourceValidatesForEver() {
    String id = sandbox.created(projectPackage("Sales"));
    dev.patch(sandbox.devSession, null, id, VALIDATING);

    sandbox.clock.advance(Duration.ofMinutes(20));

    JsonNode validation = sandbox.onDev(id).path("validation");
    assertThat(validation.path("status").asText()).isEqualTo("validating");
    assertThat(validation.path("progress").asInt()).isZero();
  }

  @Test
  void theDurationCountsFromTheTargetsStartWhenTheSourceIsToldLater() {
    String id = sandbox.created(projectPackage("Sales"));
    sandbox.prod.validate(sandbox.prodSession, id, validationRequest(id));
    sandbox.clock.advance(Sandbox.VALIDATION.minusSeconds(5));
    dev.patch(sandbox.devSession, null, id, VALIDATING);

    sandbox.clock.advance(Duration.ofSeconds(5));

    assertThat(sandbox.onDev(id).path("validation").path("status").asText()).isEqualTo("validated");
  }

  @Test
  void theTargetsStartIsUsedOnce() {
    String id = validated(projectPackage("Sales"));

    dev.patch(sandbox.devSession, null, id, VALIDATING);
    sandbox.clock.advance(Sandbox.VALIDATION);
    assertThat(sandbox.onDev(id).path("validation").path("status").asText())
        .as("a second validation needs a second start on the target").isEqualTo("validating");

    sandbox.prod.validate(sandbox.prodSession, id, validationRequest(id));
    sandbox.clock.advance(Sandbox.VALIDATION);
    assertThat(sandbox.onDev(id).path("validation").path("status").asText()).isEqualTo("validated");
  }

  @Test
  void failValidationEndsValidationFailedWithAMessage() {
    String id = validated(projectPackage("Sales fail-validation"));

    JsonNode validation = sandbox.onDev(id).path("validation");

    assertThat(validation.path("status").asText()).isEqualTo("validation_failed");
    assertThat(validation.path("progress").asInt()).isZero();
    assertThat(validation.path("message").asText()).isEqualTo("Validation failed: object 'Year' "
        + "(8D679D5111D3E4981000E787EC6DE8A4) conflicts with an object of the same name in another folder of "
        + "project 'Tutorial on prod' of the target environment 'prod'; change its conflict action or rename it, "
        + "then edit the migration and validate it again (simulated)");
    assertThat(sandbox.onDev(id).path("packageInfo").path("status").asText()).isEqualTo("created");
  }

  @Test
  void stallValidationValidatesForEver() {
    String id = validated(projectPackage("STALL-VALIDATION"));

    sandbox.clock.advance(Duration.ofMinutes(20));

    JsonNode validation = sandbox.onDev(id).path("validation");
    assertThat(validation.path("status").asText()).isEqualTo("validating");
    assertThat(validation.path("progress").asInt()).isEqualTo(TimedPhase.STUCK_PROGRESS);
  }

  @Test
  void anEditClearsTheValidation() {
    String id = validated(projectPackage("Sales"));
    sandbox.prod.validate(sandbox.prodSession, id, validationRequest(id)); // a start the edit makes stale
    ObjectNode edit = (ObjectNode) dev.get(sandbox.devSession, id, true).get("packageInfo");

    assertThat(sandbox.edit(id, edit).path("status").asText()).isEqualTo("creating");

    assertThat(sandbox.onDev(id).has("validation")).isFalse();
    sandbox.clock.advance(Sandbox.CREATE);
    assertThat(dev.patch(sandbox.devSession, null, id, json(TARGET)).has("validation")).isFalse();
    dev.patch(sandbox.devSession, null, id, VALIDATING);
    sandbox.clock.advance(Sandbox.VALIDATION);
    assertThat(sandbox.onDev(id).path("validation").path("status").asText())
        .as("the rebuilt package needs a new validation on the target").isEqualTo("validating");
  }

  // ---------------------------------------------------------------------------------------------

  /** Built, target named, validated on the target and marked validating on the source, duration passed. */
  private String validated(ObjectNode body) {
    String id = validating(body);
    sandbox.clock.advance(Sandbox.VALIDATION);
    return id;
  }

  /** Built, target named, validation started on the target and marked validating on the source. */
  private String validating(ObjectNode body) {
    String id = sandbox.created(body);
    dev.patch(sandbox.devSession, null, id, json(TARGET));
    sandbox.prod.validate(sandbox.prodSession, id, validationRequest(id));
    dev.patch(sandbox.devSession, null, id, VALIDATING);
    return id;
  }

  /** What Ferry sends to the target: the source's migration with the target in importInfo. */
  private ObjectNode validationRequest(String id) {
    JsonNode record = sandbox.onDev(id);
    ObjectNode body = Sandbox.JSON.createObjectNode();
    body.put("id", id);
    body.set("packageInfo", record.get("packageInfo").deepCopy());
    body.set("importInfo", record.get("importInfo").deepCopy());
    return body;
  }

  private void assertMissing(String id, Consumer<ObjectNode> breakBody, String field) {
    ObjectNode body = validationRequest(id);
    breakBody.accept(body);
    SimulatorError error = refusal(() -> sandbox.prod.validate(sandbox.prodSession, id, body));
    assertThat(error.code()).as(field).isEqualTo("ERR007");
    assertThat(error.getMessage()).startsWith("Missing required field: " + field + " (");
  }

  private static ObjectNode info(ObjectNode body, String info) {
    return (ObjectNode) body.get(info);
  }
}
