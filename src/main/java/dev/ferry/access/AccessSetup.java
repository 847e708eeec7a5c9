package dev.ferry.access;

import dev.ferry.engine.FerryProperties;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who may do what, created at start-up when missing: the admin (member of {@code camunda-admin},
 * which may do everything), {@code ferry-requesters} (start migrations, work their tasks) and
 * {@code ferry-approvers} (work approval tasks). Task permissions come from candidate groups:
 * the engine grants a candidate group UPDATE on the task it is a candidate for. Four eyes is
 * enforced separately, when an approval is completed.
 */
@Component
public class AccessSetup {

  public static final String REQUESTERS = "ferry-requesters";
  public static final String APPROVERS = "ferry-approvers";
  /** What a requester starts. */
  public static final List<String> STARTABLE = List.of("migration", "migration-group", "package-transfer");
  /** Everything both groups may see, including the models the migrations call. */
  public static final List<String> PROCESS_KEYS = List.of("migration", "import-approval", "library-poll",
      "migration-group", "package-transfer");
  static final String TASK_FILTER = "Ferry: my group's tasks";

  private static final Logger log = LoggerFactory.getLogger(AccessSetup.class);

  private final ProcessEngine engine;
  private final FerryProperties properties;

  public AccessSetup(ProcessEngine engine, FerryProperties properties) {
    this.engine = engine;
    this.properties = properties;
  }

  /**
   * Sets up groups, authorizations, users and the task filter, writing only what is missing. Nodes
   * of a cluster may start at the same moment on one database: the one that loses a race to write
   * the same row (a concurrent update, or a duplicate insert) looks again and finds it written.
   */
  @EventListener
  public void onReady(ApplicationReadyEvent event) {
    for (int attempt = 1; ; attempt++) {
      try {
        setUp();
        return;
      } catch (ProcessEngineException raced) {
        if (attempt >= 5) {
          throw raced;
        }
        log.info("Another node set up access at the same moment ({}); looking again", raced.getMessage());
      }
    }
  }

  private void setUp() {
    IdentityService identity = engine.getIdentityService();
    group(identity, Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    group(identity, REQUESTERS, "Ferry requesters", Groups.GROUP_TYPE_WORKFLOW);
    group(identity, APPROVERS, "Ferry approvers", Groups.GROUP_TYPE_WORKFLOW);

    for (Resource resource : Resources.values()) {
      grant(Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, Permissions.ALL);
    }
    for (String group : List.of(REQUESTERS, APPROVERS)) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      for (String key : PROCESS_KEYS) {
        grant(group, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
      }
    }
    for (String key : STARTABLE) {
      grant(REQUESTERS, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.CREATE_INSTANCE);
    }
    grant(REQUESTERS, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);

    adminUser(identity);
    if (properties.getSandbox().isDemoUsers()) {
      user(identity, "rita", "Rita", "Requester", "rita", REQUESTERS);
      user(identity, "abe", "Abe", "Approver", "abe", APPROVERS);
      demoEmail(identity, "rita");
      demoEmail(identity, "abe");
    }
    taskFilter();
  }

  private void adminUser(IdentityService identity) {
    String id = properties.getAdmin().getUsername();
    if (identity.createUserQuery().userId(id).count() > 0) {
      return;
    }
    String password = properties.getAdmin().getPassword();
    boolean generated = password == null || password.isBlank();
    if (generated) {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
    user(identity, id, "Ferry", "Administrator", password, Groups.CAMUNDA_ADMIN);
    if (generated) {
      // Logged once, at the first start only: set FERRY_ADMIN_PASSWORD to choose it yourself.
      log.warn("Created the Ferry admin user '{}' with the generated password: {}", id, password);
    }
  }

  private void user(IdentityService identity, String id, String first, String last, String password, String group) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(first);
      user.setLastName(last);
      user.setPassword(password);
      identity.saveUser(user);
    }
    if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
      identity.createMembership(id, group);
    }
  }

  /** The demo users get an address, so that notifications reach them (at the SMTP server the sandbox is given). */
  private void demoEmail(IdentityService identity, String id) {
    User user = identity.createUserQuery().userId(id).singleResult();
    if (user != null && (user.getEmail() == null || user.getEmail().isBlank())) {
      user.setEmail(id + "@ferry.local");
      identity.saveUser(user);
    }
  }

  private void group(IdentityService identity, String id, String name, String type) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).singleResult();
    if (existing != null && Arrays.stream(permissions).allMatch(existing::isPermissionGranted)) {
      return; // granted at an earlier start: a restart writes nothing
    }
    Authorization authorization = existing != null ? existing
        : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }

  /**
   * Tasklist shows nothing without a filter: one that lists the tasks of the user's groups,
   * readable by both groups. Nodes that start at the same moment may each save one (a filter's id
   * is generated, so nothing stops the second): the first by id stays, the others go.
   */
  private void taskFilter() {
    FilterService filters = engine.getFilterService();
    if (filters.createFilterQuery().filterName(TASK_FILTER).count() == 0) {
      filters.saveFilter(filters.newTaskFilter(TASK_FILTER)
          .setOwner(properties.getAdmin().getUsername())
          .setProperties(Map.of("description", "Migration tasks for my groups and me", "priority", -10,
              "refresh", true, "variables", List.of(
                  Map.of("name", "packageName", "label", "Package"),
                  Map.of("name", "targetEnvironment", "label", "Target"),
                  Map.of("name", "packageStatus", "label", "Package status"),
                  Map.of("name", "importStatus", "label", "Import status"))))
          .setQuery(engine.getTaskService().createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
              .includeAssignedTasks()));
    }
    List<Filter> found = filters.createFilterQuery().filterName(TASK_FILTER).orderByFilterId().asc().list();
    for (Filter twin : found.subList(1, found.size())) {
      filters.deleteFilter(twin.getId()); // its grants go with it
    }
    for (String group : List.of(REQUESTERS, APPROVERS, Groups.CAMUNDA_ADMIN)) {
      grant(group, Resources.FILTER, found.get(0).getId(), Permissions.READ);
    }
  }
}
