package dev.ferry.api;

import dev.ferry.access.AccessSetup;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The user calling Ferry REST (HTTP Basic, checked by {@code RestAuthentication}) and what they may
 * see: a requester sees the migrations they started; members of {@code ferry-approvers} and
 * {@code camunda-admin} see every migration.
 */
@Component
public class Caller {

  private final IdentityService identity;

  public Caller(IdentityService identity) {
    this.identity = identity;
  }

  public Authentication current() {
    return identity.getCurrentAuthentication();
  }

  public String userId() {
    Authentication caller = current();
    return caller == null ? null : caller.getUserId();
  }

  /** Sees every migration: an approver or an operator. */
  public boolean seesAll() {
    return inAnyOf(AccessSetup.APPROVERS, Groups.CAMUNDA_ADMIN);
  }

  boolean inAnyOf(String... groups) {
    Authentication caller = current();
    if (caller == null) {
      return false;
    }
    List<String> ids = caller.getGroupIds();
    for (String group : groups) {
      if (ids != null && ids.contains(group)
          || identity.createGroupQuery().groupMember(caller.getUserId()).groupId(group).count() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs a read without the caller's engine authorizations (the tasks of a migration belong to
   * other groups' candidates); Ferry decides what the caller may see, so ask {@link #userId()} and
   * {@link #seesAll()} before.
   */
  public <T> T asFerry(Supplier<T> read) {
    Authentication caller = current();
    identity.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
