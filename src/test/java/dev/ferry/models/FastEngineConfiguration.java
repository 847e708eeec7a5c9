package dev.ferry.models;

import dev.ferry.engine.EngineSettings;
import dev.ferry.engine.FerryProperties;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

/**
 * The engine of the fast process tests (named in {@code ferry-fast.cfg.xml}): Camunda alone, no
 * Spring, an in-memory H2, no job executor (a test runs each job itself), and the expression
 * manager of {@link org.camunda.bpm.engine.test.mock.Mocks}, so every {@code ${bean}} a model names
 * is whatever the test registered under that name.
 *
 * <p>Of Ferry's engine plugins it has those that change how a model runs: the retry cycle and the
 * id pattern ({@link EngineSettings}) and Spin for JSON variables. Metrics, notifications and the clean-up of
 * attempts only watch the models; the Spring tests cover them. The listeners of the process test
 * coverage are added too.
 */
public class FastEngineConfiguration extends StandaloneInMemProcessEngineConfiguration {

  public FastEngineConfiguration() {
    setProcessEngineName("ferry-fast");
    setJdbcUrl("jdbc:h2:mem:ferry-fast;DB_CLOSE_DELAY=-1");
    setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    setJobExecutorActivate(false);
    setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
    setExpressionManager(new MockExpressionManager());
    setEnforceHistoryTimeToLive(true);
    FerryProperties properties = new FerryProperties();
    // one try: a failing Library step shows as an incident at once instead of after five retries
    properties.setRetryCycle("R1/PT1S");
    List<ProcessEnginePlugin> plugins = new ArrayList<>(getProcessEnginePlugins());
    plugins.add(new SpinProcessEnginePlugin());
    plugins.add(new EngineSettings(properties));
    setProcessEnginePlugins(plugins);
  }

  @Override
  protected void init() {
    // the listeners that count what each test passed, for the coverage report
    ProcessCoverageConfigurator.initializeProcessCoverageExtensions(this);
    super.init();
  }
}
