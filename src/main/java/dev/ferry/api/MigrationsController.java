package dev.ferry.api;

import dev.ferry.group.GroupRules;
import dev.ferry.migration.MigrationRequest;
import dev.ferry.migration.MigrationRules;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ferry/api/migrations} (a {@code POST /api/migrations} body, starts {@code migration})
 * and {@code POST /ferry/api/migration-groups} (a {@code POST /api/migrationGroups} body, starts
 * {@code migration-group}): checked first, started as the calling user.
 */
@RestController
public class MigrationsController {

  private final MigrationRules rules;
  private final GroupRules groupRules;
  private final ProcessStarter starter;

  public MigrationsController(MigrationRules rules, GroupRules groupRules, ProcessStarter starter) {
    this.rules = rules;
    this.groupRules = groupRules;
    this.starter = starter;
  }

  @PostMapping(path = "/ferry/api/migrations", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> migration(@RequestBody String body, @RequestParam(required = false) String businessKey,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return starter.start("migration", "The migration request", body, businessKey, idempotencyKey, rules::check,
        json -> new MigrationRequest(json).name());
  }

  @PostMapping(path = "/ferry/api/migration-groups", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> group(@RequestBody String body, @RequestParam(required = false) String businessKey,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return starter.start("migration-group", "The migration group request", body, businessKey, idempotencyKey,
        groupRules::check,
        json -> json.path("name").asText());
  }
}
