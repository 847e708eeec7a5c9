package dev.ferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.support.MigrationScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ferry's groups, grants and users are written at the first start only, and nodes that start at
 * the same moment on one database all come up (ClusterTest starts its two nodes at once).
 */
class AccessSetupTest extends MigrationScenario {

  @Autowired AccessSetup setup;
  @Autowired AuthorizationService authorizations;

  @Test
  void aRestartWritesNoGrantAgain() {
    Map<String, Integer> before = revisions();
    setup.onReady(null);
    assertThat(revisions()).as("each grant's revision").isEqualTo(before);
  }

  @Test
  void nodesStartingAtOnceAllComeUpWithEveryGrantOnce() throws Exception {
    // a grant lost, as on a database where another Ferry version ran: both "nodes" write it
    Authorization tasklist = authorizations.createAuthorizationQuery().groupIdIn(AccessSetup.APPROVERS)
        .resourceType(Resources.APPLICATION).resourceId("tasklist").singleResult();
    authorizations.deleteAuthorization(tasklist.getId());
    ExecutorService nodes = Executors.newFixedThreadPool(4);
    try {
      List<Future<Void>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add(nodes.submit((Callable<Void>) () -> {
          setup.onReady(null);
          return null;
        }));
      }
      for (Future<Void> start : starts) {
        start.get(); // throws if a start failed
      }
    } finally {
      nodes.shutdownNow();
    }
    assertThat(authorizations.createAuthorizationQuery().groupIdIn(AccessSetup.APPROVERS)
        .resourceType(Resources.APPLICATION).resourceId("tasklist").count()).as("the approvers' Tasklist grant")
        .isEqualTo(1);
  }

  @Test
  void aTaskFilterSavedTwiceByNodesStartingAtOnceIsKeptOnceWithItsGrants() {
    FilterService filters = engine.getFilterService();
    Filter first = filters.createFilterQuery().filterName(AccessSetup.TASK_FILTER).singleResult();
    // what a second node saved at the same moment, before either could see the other's
    Filter twin = filters.saveFilter(filters.newTaskFilter(AccessSetup.TASK_FILTER).setOwner("admin")
        .setQuery(engine.getTaskService().createTaskQuery()));

    setup.onReady(null);

    List<Filter> left = filters.createFilterQuery().filterName(AccessSetup.TASK_FILTER).list();
    String kept = first.getId().compareTo(twin.getId()) < 0 ? first.getId() : twin.getId();
    assertThat(left).extracting(Filter::getId).as("Tasklist lists the filter once").containsExactly(kept);
    for (String group : List.of(AccessSetup.REQUESTERS, AccessSetup.APPROVERS)) {
      assertThat(authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER)
          .resourceId(kept).singleResult().isPermissionGranted(Permissions.READ)).as(group + " read it").isTrue();
    }
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.FILTER)
        .resourceId(first.getId().equals(kept) ? twin.getId() : first.getId()).count())
        .as("no grant left on the filter that went").isZero();
  }

  private Map<String, Integer> revisions() {
    return authorizations.createAuthorizationQuery().list().stream()
        .collect(Collectors.toMap(Authorization::getId, a -> ((org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity) a).getRevision()));
  }
}
