package dev.ferry.api;

import dev.ferry.engine.TextTooLong;
import dev.ferry.engine.Violation;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal of Ferry REST as {@code application/problem+json}, with the violations listed one by one. */
@RestControllerAdvice(basePackageClasses = Problems.class)
public class Problems {

  static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  static ResponseEntity<ProblemDetail> invalid(String what, List<Violation> violations) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        what + " has " + violations.size() + (violations.size() == 1 ? " problem" : " problems")
            + "; fix each field listed in 'violations' and send it again.");
    problem.setTitle("Invalid request");
    problem.setType(URI.create("https://ferry.dev/problems/invalid-request"));
    problem.setProperty("violations", violations.stream()
        .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
    return ResponseEntity.badRequest().contentType(PROBLEM_JSON).body(problem);
  }

  @ExceptionHandler(AuthorizationException.class)
  ResponseEntity<ProblemDetail> forbidden(AuthorizationException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("Not allowed");
    return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(PROBLEM_JSON).body(problem);
  }

  /** A String variable longer than the engine stores, wherever Ferry REST passed it on to the engine. */
  @ExceptionHandler(TextTooLong.class)
  ResponseEntity<ProblemDetail> tooLong(TextTooLong e) {
    return invalid("The request", e.violations());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return invalid("The request", List.of(new Violation("request", "is missing or unreadable; send a JSON body")));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Send the body as application/json (got " + e.getContentType() + ").");
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(PROBLEM_JSON).body(problem);
  }
}
