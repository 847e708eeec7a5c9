package dev.ferry.access;

import jakarta.annotation.Priority;
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
 * The engine wraps whatever a task listener throws (ENGINE-03051), and the task resource wraps
 * that again as a 500, so a four-eyes refusal would reach REST callers as a server error.
 * Unwrapped, it is answered like every other authorization failure: 403 with its own message.
 */
final class FourEyesRefusals {

  private FourEyesRefusals() {
  }

  /** The 403 for a refusal anywhere in the chain, or null. */
  static Response refusal(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException refusal) {
        return ExceptionHandlerHelper.getInstance().getResponse(refusal);
      }
    }
    return null;
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
