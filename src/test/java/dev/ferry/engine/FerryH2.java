package dev.ferry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** An H2 file of a test's own, opened with Ferry's default URL (what application.yml gives). */
final class FerryH2 {

  private FerryH2() {
  }

  /** {@code <dir>/<name>.mv.db}, with the settings of Ferry's {@code ./data/ferry}. */
  static JdbcDataSource dataSource(Path dir, String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(defaultUrl().replace("./data/ferry", dir.resolve(name).toString()));
    dataSource.setUser("sa");
    return dataSource;
  }

  /** Ferry's default H2 URL, as application.yml gives it when FERRY_DATASOURCE_URL is unset. */
  private static String defaultUrl() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yml"));
    String url = yaml.getObject().getProperty("spring.datasource.url");
    String fallback = url.substring(url.indexOf(':') + 1, url.lastIndexOf('}'));
    assertThat(fallback).startsWith("jdbc:h2:file:./data/ferry;").contains("WRITE_DELAY=0");
    return fallback;
  }
}
