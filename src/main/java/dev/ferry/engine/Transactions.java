package dev.ferry.engine;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Work that must not share the engine's transaction: before it, beside it, or after its commit. */
public final class Transactions {

  private Transactions() {
  }

  /**
   * A template whose work runs in a transaction of its own, committed when the work returns,
   * whatever transaction the caller is in. Called after a commit, Spring would otherwise join the
   * finished transaction and never commit.
   */
  public static TransactionTemplate ofTheirOwn(PlatformTransactionManager transactions) {
    TransactionTemplate template = new TransactionTemplate(transactions);
    template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    return template;
  }

  /** Runs {@code action} once the current transaction has committed (at once without one). */
  public static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          action.run();
        }
      });
    } else {
      action.run();
    }
  }
}
