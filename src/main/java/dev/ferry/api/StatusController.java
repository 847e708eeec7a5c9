package dev.ferry.api;

import dev.ferry.engine.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ferry/api/migrations/{businessKey}}: where a migration stands (see {@link MigrationStatus});
 * {@code GET /ferry/api/migrations}: the migrations the caller may see, newest first, filtered and paged
 * like the Library's lists ({@code {"total", "offset", "limit", "data"}}). A requester sees the
 * migrations they started; approvers and {@code camunda-admin} see all.
 */
@RestController
public class StatusController {

  static final int MAX_LIMIT = 500;

  private final MigrationStatuses statuses;
  private final HistoryService history;
  private final Caller caller;

  public StatusController(MigrationStatuses statuses, HistoryService history, Caller caller) {
    this.statuses = statuses;
    this.history = history;
    this.caller = caller;
  }

  @GetMapping(path = "/ferry/api/migrations/{businessKey}",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> status(@PathVariable String businessKey) {
    String user = caller.userId();
    boolean seesAll = caller.seesAll();
    return caller.asFerry(() -> {
      HistoricProcessInstance root = statuses.root(businessKey).orElse(null);
      if (root == null) {
        return notFound(businessKey);
      }
      if (!seesAll && (user == null || !user.equals(root.getStartUserId()))) {
        return problem(HttpStatus.FORBIDDEN, "Not allowed", user + " did not start migration "
            + Violation.quote(businessKey) + "; a requester sees the migrations they started, members of "
            + "ferry-approvers and camunda-admin see all.");
      }
      return ResponseEntity.ok(statuses.status(root));
    });
  }

  @GetMapping(path = "/ferry/api/migrations",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  public ResponseEntity<?> list(@RequestParam(required = false) String state,
      @RequestParam(required = false) String outcome, @RequestParam(required = false) String target,
      @RequestParam(required = false) String requester, @RequestParam(required = false) String since,
      @RequestParam(required = false) String offset, @RequestParam(required = false) String limit) {
    List<Violation> violations = new ArrayList<>();
    if (state != null && !state.equals("running") && !state.equals("ended")) {
      violations.add(new Violation("state", "is " + Violation.quote(state) + "; use running or ended"));
    }
    Instant from = null;
    if (since != null) {
      try {
        from = since.length() == 10 ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant()
            : Instant.parse(since);
      } catch (DateTimeParseException e) {
        violations.add(new Violation("since", "is " + Violation.quote(since) + "; use a date (2026-01-31) or an "
            + "instant in UTC (2026-01-31T12:00:00Z)"));
      }
    }
    int first = number("offset", offset, 0, 0, Integer.MAX_VALUE, violations);
    int size = number("limit", limit, 50, 1, MAX_LIMIT, violations);
    if (!violations.isEmpty()) {
      return Problems.invalid("The query", violations);
    }
    Instant startedFrom = from;
    String user = caller.userId();
    boolean seesAll = caller.seesAll();
    return caller.asFerry(() -> {
      HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery()
          .processDefinitionKeyIn(MigrationStatuses.ROOT_KEYS).rootProcessInstances();
      if ("running".equals(state)) {
        query.unfinished();
      } else if ("ended".equals(state)) {
        query.finished();
      }
      if (startedFrom != null) {
        query.startedAfter(Date.from(startedFrom));
      }
      String startedBy = seesAll ? requester : user;
      if (requester != null && !requester.equals(startedBy)) {
        return ResponseEntity.ok(page(0, first, size, List.of()));
      }
      if (startedBy != null) {
        query.startedBy(startedBy);
      }
      Set<String> roots = null;
      if (outcome != null) {
        roots = statuses.rootsWith("outcome", outcome);
      }
      if (target != null) {
        Set<String> withTarget = statuses.rootsWith("targetEnvironment", target);
        roots = roots == null ? withTarget : intersection(roots, withTarget);
      }
      if (roots != null) {
        if (roots.isEmpty()) {
          return ResponseEntity.ok(page(0, first, size, List.of()));
        }
        query.processInstanceIds(roots);
      }
      long total = query.count();
      List<MigrationStatus> data = query.orderByProcessInstanceStartTime().desc().listPage(first, size).stream()
          .map(root -> statuses.status(root, false)).toList();
      return ResponseEntity.ok(page(total, first, size, data));
    });
  }

  private static Map<String, Object> page(long total, int offset, int limit, List<MigrationStatus> data) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("total", total);
    page.put("offset", offset);
    page.put("limit", limit);
    page.put("data", data);
    return page;
  }

  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both;
  }

  private static int number(String field, String text, int fallback, int min, int max, List<Violation> violations) {
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    violations.add(new Violation(field, "is " + Violation.quote(text) + "; use a whole number from " + min + " to "
        + (max == Integer.MAX_VALUE ? "any" : String.valueOf(max))));
    return fallback;
  }

  static ResponseEntity<ProblemDetail> notFound(String businessKey) {
    return problem(HttpStatus.NOT_FOUND, "Not found", "No migration has business key " + Violation.quote(businessKey)
        + ". The business key is the one POST /ferry/api/migrations answered (or the package name when none was "
        + "given); GET /ferry/api/migrations lists them.");
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(problem);
  }
}
