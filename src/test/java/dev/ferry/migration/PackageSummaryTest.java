package dev.ferry.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.group.GroupSummary;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the approver reads about a package and a group: counts by action, risk, and whether undo is possible. */
@Tag("fast")
class PackageSummaryTest {

  static final ObjectMapper MAPPER = new ObjectMapper();

  static PackageSummary summary(String content, String settings) throws Exception {
    return PackageSummary.of(MAPPER.readTree("""
        {"packageInfo": {"name": "Sales | dashboards", "type": "project", "purpose": "object_migration",
          "project": {"id": "B7CA", "name": "Sales"},
          "tocView": {"content": %s, "settings": %s}},
         "importInfo": {"project": {"id": "C8DB"}}}""".formatted(content, settings)), "Dev", "Prod");
  }

  @Test
  void objectsAreCountedByActionWithTheDefaultForThoseWithoutOne() throws Exception {
    PackageSummary summary = summary("""
        [{"id": "A", "action": "replace"}, {"id": "B"}, {"id": "C", "action": "replace"}, {"id": "D", "action": "delete"}]""",
        """
        {"defaultAction": "use_existing", "updateSchema": ["recal_table_logical_size"]}""");
    assertThat(summary.objectCount()).isEqualTo(4);
    assertThat(summary.actionCounts()).isEqualTo("delete: 1, replace: 2, use_existing: 1");
    assertThat(summary.riskyObjects()).isEqualTo(3);
    assertThat(summary.undoPossible()).isTrue();
    assertThat(summary.undoWarning()).isNull();
    assertThat(summary.markdown())
        .contains("| Package | Sales \\| dashboards |")
        .contains("| From | Dev / Sales (B7CA) |")
        .contains("| To | Prod / C8DB |")
        .contains("| Changes or removes on target | 3 objects (replace, force_replace or delete) |")
        .contains("- Default action: use_existing")
        .contains("- Update schema: recal_table_logical_size");
  }

  @Test
  void aPackageWithKeepBothCannotBeUndoneAndSaysSo() throws Exception {
    PackageSummary summary = summary("""
        [{"id": "A", "action": "keep_both"}]""", "{}");
    assertThat(summary.undoPossible()).isFalse();
    assertThat(summary.undoWarning()).isEqualTo(PackageSummary.KEEP_BOTH_WARNING);
    assertThat(summary.markdown()).contains("| Undo | NOT possible (keep_both) |");
  }

  @Test
  void aProjectMergeWithoutObjectsIsSummarizedByItsRules() throws Exception {
    PackageSummary merge = PackageSummary.of(MAPPER.readTree("""
        {"packageInfo": {"name": "Merge", "type": "project", "purpose": "project_merge",
          "tocView": {"content": [], "settings": {"defaultAction": "replace",
            "folderActions": [{"id": "F1", "action": "use_existing"}, {"id": "F2", "action": "use_existing"}]}}}}"""),
        "Dev", "Prod");
    assertThat(merge.actionCounts()).isEqualTo("all objects of the project (see rules)");
    assertThat(merge.settings()).contains("2 folder rules: use_existing × 2");
  }

  @Test
  void aGroupAddsUpItsPackagesAndCannotBeUndoneIfOneOfThemUsesKeepBoth() throws Exception {
    PackageSummary first = summary("""
        [{"id": "A", "action": "replace"}]""", "{}");
    PackageSummary second = summary("""
        [{"id": "B", "action": "keep_both"}, {"id": "C", "action": "replace"}]""", "{}");
    GroupSummary group = new GroupSummary("Quarter end", "Dev", "Prod", List.of(first, second));
    assertThat(group.objectCount()).isEqualTo(3);
    assertThat(group.actionCounts()).isEqualTo("keep_both: 1, replace: 2");
    assertThat(group.undoPossible()).isFalse();
    assertThat(group.undoWarning()).startsWith("1 of 2 packages use keep_both");
    assertThat(group.markdown()).contains("| Packages | 2 (see the package list) |")
        .contains("| Changes or removes on target | 2 objects");
  }
}
