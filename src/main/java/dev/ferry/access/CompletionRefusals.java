package dev.ferry.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.DecisionRefused;
import dev.ferry.engine.Violation;
import jakarta.annotation.Priority;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * A task completion that a complete listener refused, answered as what it is. The engine wraps
 * whatever a listener throws (ENGINE-03051) and the task resource wraps that again as a 500, so a
 * refusal would reach REST callers, and Tasklist, as a server error with Camunda's wrapped text.
 * Unwrapped: four eyes is answered like every other authorization failure, 403 with its own
 * message; a refused decision ({@link DecisionRefused}) is a 400 {@code application/problem+json}
 * naming each variable and what to send, whose {@code message} (what Tasklist shows) is the plain
 * sentence. Registered on {@code /engine-rest} and on the webapps' engine API, which Tasklist calls.
 */
final class CompletionRefusals {

  static final String PROBLEM_JSON = "application/problem+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CompletionRefusals() {
  }

  /** The answer to a refusal anywhere in the chain, or null. */
  static Response refusal(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof TaskInputs.ReadOnlyVariable readOnly) {
        return Response.status(Response.Status.FORBIDDEN).type(PROBLEM_JSON).entity(problem(readOnly)).build();
      }
      if (cause instanceof AuthorizationException refusal) {
        return ExceptionHandlerHelper.getInstance().getResponse(refusal);
      }
      DecisionRefused refused = cause instanceof DecisionRefused own ? own : unreadable(cause);
      if (refused != null) {
        return Response.status(Response.Status.BAD_REQUEST).type(PROBLEM_JSON).entity(problem(refused)).build();
      }
    }
    return null;
  }

  private static final Pattern NOT_JSON = Pattern.compile("^Cannot deserialize object in variable '([^']+)'");
  private static final Pattern JAVA_SERIALIZED = Pattern.compile("ENGINE-17007 Cannot set variable with name (\\S+?)\\.");

  /**
   * A variable the engine cannot take as sent, which it reports as a plain engine failure: JSON text
   * that does not parse (type Json), or a Java-serialized object (prohibited). Both are the caller's.
   */
  static DecisionRefused unreadable(Throwable cause) {
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    Matcher json = NOT_JSON.matcher(message);
    if (json.find()) {
      return new DecisionRefused(json.group(1), "'" + json.group(1) + "' is not valid JSON: send it as JSON text "
          + "that parses, or as another type.");
    }
    Matcher java = JAVA_SERIALIZED.matcher(message);
    if (java.find()) {
      return new DecisionRefused(java.group(1), "'" + java.group(1) + "' is a Java-serialized object, which Ferry "
          + "does not accept: send it as JSON (type Json) or as a String, Boolean or number.");
    }
    return null;
  }

  /** Like Ferry REST's problems, plus {@code message}, where Camunda's clients (Tasklist) read the reason. */
  static String problem(DecisionRefused refused) {
    ObjectNode problem = MAPPER.createObjectNode()
        .put("type", "https://ferry.dev/problems/decision-refused")
        .put("title", "Decision refused")
        .put("status", 400)
        .put("detail", refused.getMessage())
        .put("message", refused.getMessage());
    for (Violation violation : refused.violations()) {
      problem.withArray("violations").addObject().put("field", violation.field()).put("message", violation.message());
    }
    return problem.toString();
  }

  /** A write of Ferry's own variables by a non-admin: 403, naming each variable. */
  static String problem(TaskInputs.ReadOnlyVariable refused) {
    ObjectNode problem = MAPPER.createObjectNode()
        .put("type", "https://ferry.dev/problems/ferry-variable")
        .put("title", "Ferry's own variable")
        .put("status", 403)
        .put("detail", refused.getMessage())
        .put("message", refused.getMessage());
    for (Violation violation : refused.violations()) {
      problem.withArray("violations").addObject().put("field", violation.field()).put("message", violation.message());
    }
    return problem.toString();
  }

  @Provider
  @Priority(1)
  static class InRestExceptions extends RestExceptionHandler implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException exception) {
      Response refusal = refusal(exception);
      return refusal != null ? refusal : super.toResponse(exception);
    }
  }

  @Provider
  @Priority(1)
  static class InEngineExceptions extends ProcessEngineExceptionHandler {
    @Override
    public Response toResponse(ProcessEngineException exception) {
      Response refusal = refusal(exception);
      return refusal != null ? refusal : super.toResponse(exception);
    }
  }
}
