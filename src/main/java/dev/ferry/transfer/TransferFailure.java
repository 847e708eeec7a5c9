package dev.ferry.transfer;

import org.camunda.bpm.engine.delegate.BpmnError;

/**
 * A refusal that retrying cannot fix (the target's cap on uploaded packages, a checksum that does
 * not match, a package not ready on the source): the transfer ends as {@code failed} with this
 * message, instead of turning into retries and an incident.
 */
final class TransferFailure {

  static final String CODE = "transfer-failed";

  private TransferFailure() {
  }

  static BpmnError of(String message) {
    return new BpmnError(CODE, message.length() > 3000 ? message.substring(0, 3000) + "…" : message);
  }
}
