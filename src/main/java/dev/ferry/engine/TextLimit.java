package dev.ferry.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.springframework.stereotype.Component;

/**
 * The engine stores a String variable in a {@code TEXT_} column of 4000 characters (H2 and
 * PostgreSQL), and a longer one fails the whole transaction when it is flushed — a 500 for the
 * caller, or a failed job. This plugin checks every String variable when it is set, in one place
 * for every entry point (Ferry REST, {@code /engine-rest}, Tasklist, Ferry's own code):
 * <ul>
 *   <li>sent by a caller (a start, a task completion or form submission, a variable update), it is
 *   refused with {@link TextTooLong}, which every API answers as a 400 naming the variable;</li>
 *   <li>written by Ferry while a process runs (a Library error message, a package summary, a
 *   notification's text), it is stored cut to the limit, ending with a note that says so.</li>
 * </ul>
 * Json and Object variables are stored as byte arrays and have no such limit.
 */
@Component
public class TextLimit extends AbstractProcessEnginePlugin {

  /** The characters a String variable holds ({@code ACT_RU_VARIABLE.TEXT_}, {@code ACT_HI_VARINST.TEXT_}). */
  public static final int MAX = 4000;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    VariableSerializers serializers = configuration.getVariableSerializers();
    int index = serializers.getSerializerIndexByName(new StringValueSerializer().getName());
    serializers.removeSerializer(serializers.getSerializerByName(new StringValueSerializer().getName()));
    serializers.addSerializer(new Bounded(), index);
  }

  /** The text cut to {@link #MAX} characters with a note at its end, or the text itself when it fits. */
  public static String fit(String text) {
    if (text == null || text.length() <= MAX) {
      return text;
    }
    String note = "… [cut: " + text.length() + " characters, a text variable holds " + MAX + "]";
    return text.substring(0, MAX - note.length()) + note;
  }

  /** Camunda's String serializer (same name and storage, so stored values read as before), with the limit. */
  static final class Bounded extends StringValueSerializer {
    @Override
    public void writeValue(StringValue value, ValueFields fields) {
      String text = value.getValue();
      if (text != null && text.length() > MAX && !value.isTransient()) { // a transient one is never stored
        if (Context.getCoreExecutionContext() == null) {
          throw new TextTooLong(fields.getName(), text.length());
        }
        value = Variables.stringValue(fit(text), value.isTransient());
      }
      super.writeValue(value, fields);
    }
  }
}
