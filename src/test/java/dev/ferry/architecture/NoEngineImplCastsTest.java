package dev.ferry.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ferry reaches Camunda through its public API: no cast to a class of
 * {@code org.camunda.bpm.engine.impl} (an {@code ExecutionEntity}, a configuration
 * {@code …Impl}). Engine plugins and parse listeners may implement impl interfaces; that is how
 * Camunda is extended, and it is not a cast. ArchUnit sees no casts in byte code, so this reads the source.
 */
class NoEngineImplCastsTest {

  static final Pattern IMPL_IMPORT = Pattern.compile("(?m)^import org\\.camunda\\.bpm\\.engine\\.impl\\.[\\w.]*\\.(\\w+);");

  /** Each cast to an engine impl class in {@code source}, by its simple or qualified name. */
  static List<String> implCasts(String source) {
    Set<String> imported = IMPL_IMPORT.matcher(source).results().map(m -> m.group(1)).collect(Collectors.toSet());
    List<String> casts = new ArrayList<>();
    Matcher cast = Pattern.compile("\\(\\s*((?:org\\.camunda\\.bpm\\.engine\\.impl\\.[\\w.]*\\.)?([A-Z]\\w*))\\s*\\)\\s*[\\w(]")
        .matcher(source);
    while (cast.find()) {
      if (cast.group(1).startsWith("org.camunda.bpm.engine.impl.") || imported.contains(cast.group(2))) {
        casts.add("(" + cast.group(2) + ")");
      }
    }
    return casts;
  }

  @Test
  void noMainClassCastsToAnEngineImplClass() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        implCasts(Files.readString(file)).forEach(cast -> found.add(file + ": " + cast));
      }
    }
    assertThat(found).as("casts to org.camunda.bpm.engine.impl classes").isEmpty();
  }

  @Test
  void theCastsThatWereThereAreFound() {
    assertThat(implCasts("import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;\n"
        + "class A { Object a(Object execution) { return ((ExecutionEntity) execution).getSuperExecutionId(); } }"))
        .containsExactly("(ExecutionEntity)");
    assertThat(implCasts("class B { Object b(Object engine) { return ((org.camunda.bpm.engine.impl.cfg."
        + "ProcessEngineConfigurationImpl) engine).getJobExecutor(); } }")).hasSize(1);
    // an impl class implemented or called is not a cast; a cast to a public API type is fine
    assertThat(implCasts("import org.camunda.bpm.engine.impl.util.ClockUtil;\nimport org.camunda.bpm.engine.delegate"
        + ".DelegateExecution;\nclass C { long c(Object e) { DelegateExecution d = (DelegateExecution) e; "
        + "return ClockUtil.getCurrentTime().getTime(); } }")).isEmpty();
  }
}
