package dev.ferry.group;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.library.Migration;
import dev.ferry.library.MigrationGroup;
import dev.ferry.migration.PackageSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * What the approver of a group needs: a short group-level summary (totals, risky objects, whether
 * the group can be undone) and one row per package (type, project, objects by conflict action,
 * and a warning for each package whose keep_both rules make undo impossible).
 */
public record GroupSummary(String name, String source, String target, List<PackageSummary> packages) {

  public static GroupSummary of(MigrationGroup group, String source, String target) {
    List<PackageSummary> packages = new ArrayList<>();
    for (Migration migration : group.migrations()) {
      packages.add(PackageSummary.of(migration.body(), source, target));
    }
    return new GroupSummary(group.body().path("name").asText(), source, target, packages);
  }

  public int objectCount() {
    return packages.stream().mapToInt(PackageSummary::objectCount).sum();
  }

  public String actionCounts() {
    Map<String, Integer> byAction = new TreeMap<>();
    packages.forEach(p -> p.objectsByAction().forEach((action, count) -> byAction.merge(action, count, Integer::sum)));
    StringBuilder text = new StringBuilder();
    byAction.forEach((action, count) -> text.append(text.length() > 0 ? ", " : "").append(action).append(": ")
        .append(count));
    return text.length() == 0 ? "none" : text.toString();
  }

  public boolean undoPossible() {
    return packages.stream().allMatch(PackageSummary::undoPossible);
  }

  public String undoWarning() {
    long keepBoth = packages.stream().filter(p -> !p.undoPossible()).count();
    return keepBoth == 0 ? null : keepBoth + " of " + packages.size() + " packages use keep_both: the Library generates "
        + "no undo package for them, so this group cannot be undone. The package list names them.";
  }

  public String markdown() {
    int risky = packages.stream().mapToInt(PackageSummary::riskyObjects).sum();
    StringBuilder md = new StringBuilder();
    md.append("| Group | ").append(name.replace("|", "\\|")).append(" |\n|---|---|\n");
    md.append("| From | ").append(source).append(" |\n");
    md.append("| To | ").append(target).append(" |\n");
    md.append("| Packages | ").append(packages.size()).append(" (see the package list) |\n");
    md.append("| Objects | ").append(objectCount()).append(" (").append(actionCounts()).append(") |\n");
    if (risky > 0) {
      md.append("| Changes or removes on target | ").append(risky).append(risky == 1 ? " object" : " objects")
          .append(" (replace, force_replace or delete) |\n");
    }
    md.append("| Undo | ").append(undoPossible() ? "possible after import" : "NOT possible (keep_both)").append(" |\n");
    return md.toString();
  }

  /** One row per package for the approval form's table. */
  public TypedValue rows() {
    ArrayNode rows = new ObjectMapper().createArrayNode();
    for (PackageSummary p : packages) {
      ObjectNode row = rows.addObject();
      row.put("project", p.sourceProject() == null ? "configuration" : p.sourceProject());
      row.put("type", p.type());
      row.put("objects", p.objectCount() + " (" + p.actionCounts() + ")");
      row.put("undo", p.undoPossible() ? "possible" : "NOT possible (keep_both)");
    }
    return SpinValues.jsonValue(rows.toString()).create();
  }
}
