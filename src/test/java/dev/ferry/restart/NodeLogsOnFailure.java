package dev.ferry.restart;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** When a test with Ferry nodes fails: prints each node's last log lines and tells the test, which keeps its files. */
public final class NodeLogsOnFailure implements TestWatcher {

  private final List<FerryNode> nodes;
  private final Runnable onFailure;

  public NodeLogsOnFailure(List<FerryNode> nodes, Runnable onFailure) {
    this.nodes = nodes;
    this.onFailure = onFailure;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    onFailure.run();
    nodes.forEach(n -> System.err.println(n + " — last lines:\n" + n.tail(80)));
  }
}
