package dev.ferry.edit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ferry.migration.FerryVariables;
import dev.ferry.migration.PackageEdit;
import dev.ferry.migration.PackageEdit.EditedObject;
import dev.ferry.engine.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The edit as the Tasklist form takes it: a checklist of the objects to keep ({@code keepObjects},
 * its options in {@code editChoices}) and conflict-action changes as lines of text
 * ({@code actionChanges}: "Category: use_newer", by object name or id). Camunda 7.24's Tasklist
 * cannot complete a form holding a form-js dynamic list (it counts the list's empty error entries
 * as errors and keeps Complete disabled), so the form offers these two fields instead and this
 * class turns them into the edited rows.
 */
public final class FormEdit {

  public static final String KEEP = FerryVariables.KEEP_OBJECTS;
  public static final String CHOICES = FerryVariables.EDIT_CHOICES;
  public static final String ACTION_CHANGES = FerryVariables.ACTION_CHANGES;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FormEdit() {
  }

  /** The checklist's value for one object: its id, prefixed by its package in a group. */
  static String key(EditedObject object) {
    return object.pkg() == null ? object.id() : object.pkg() + " | " + object.id();
  }

  /** The options of the checklist: "Category (type 12, use_newer)" for every object, in order. */
  public static TypedValue choices(PackageEdit edit) {
    ArrayNode options = MAPPER.createArrayNode();
    for (EditedObject object : edit.objects()) {
      options.addObject().put("value", key(object)).put("label", (object.pkg() == null ? "" : object.pkg() + ": ")
          + (object.name() == null ? object.id() : object.name()) + " (" + object.id() + ", type " + object.type()
          + ", " + object.action() + ")");
    }
    return SpinValues.jsonValue(options.toString()).create();
  }

  /** Every object kept: the checklist's initial value. */
  public static TypedValue keepAll(PackageEdit edit) {
    ArrayNode keys = MAPPER.createArrayNode();
    edit.objects().forEach(object -> keys.add(key(object)));
    return SpinValues.jsonValue(keys.toString()).create();
  }

  /**
   * Whether the form's fields changed anything: an object unticked among the offered
   * {@code choices}, or an action line written. Automation that sends {@code editObjects} leaves
   * both as they were offered, and its rows are taken as sent.
   */
  public static boolean used(Object choices, Object keep, Object changes) {
    Set<String> kept = kept(keep);
    return kept != null && !kept.equals(kept(choices)) || changes instanceof String text && !text.isBlank();
  }

  /**
   * The offered rows with the unticked ones left out and the actions changed; {@code violations}
   * receives a line that names no object of the package or no conflict action.
   */
  public static PackageEdit apply(PackageEdit offered, Object keep, Object changes, List<Violation> violations) {
    Set<String> kept = kept(keep);
    List<EditedObject> rows = new ArrayList<>();
    for (EditedObject object : offered.objects()) {
      if (kept == null || kept.contains(key(object))) {
        rows.add(object);
      }
    }
    String text = changes instanceof String value ? value : "";
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      int colon = Math.max(line.lastIndexOf(':'), line.lastIndexOf('='));
      String field = ACTION_CHANGES + " line " + (i + 1);
      if (colon <= 0) {
        violations.add(new Violation(field, Violation.quote(line) + " is not 'object name or id: action'."));
        continue;
      }
      String object = line.substring(0, colon).strip();
      String action = line.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
      boolean found = false;
      for (int r = 0; r < rows.size(); r++) {
        EditedObject row = rows.get(r);
        if (object.equalsIgnoreCase(row.id()) || object.equalsIgnoreCase(row.name())) {
          rows.set(r, new EditedObject(row.pkg(), row.id(), row.name(), row.type(), action, row.includeDependents()));
          found = true;
        }
      }
      if (!found) {
        violations.add(new Violation(field, Violation.quote(object) + " is not an object kept in the package; use "
            + "the name or id the list shows."));
      }
    }
    return new PackageEdit(offered.name(), rows);
  }

  private static Set<String> kept(Object keep) {
    if (keep == null) {
      return null;
    }
    JsonNode json = EditVariables.json(keep);
    if (!json.isArray()) {
      return null;
    }
    Set<String> keys = new HashSet<>();
    json.forEach(key -> keys.add(key.isObject() ? key.path("value").asText() : key.asText()));
    return keys;
  }
}
