package dev.ferry.engine;


/**
 * A String variable sent to the engine that is longer than a text variable holds ({@link TextLimit#MAX}
 * characters, the engine's {@code TEXT_} column). Refused before anything is stored, so the start
 * or the completion it came with does not happen at all; Ferry REST, {@code /engine-rest} and
 * Tasklist answer it as a 400 {@code application/problem+json} naming the variable.
 */
public class TextTooLong extends DecisionRefused {

  public TextTooLong(String variable, int length) {
    super(variable, "'" + variable + "' has " + length + " characters, but a text variable holds at most "
        + TextLimit.MAX + ": shorten it to " + TextLimit.MAX + " characters or fewer and send it again (put longer "
        + "text in a document and send its link).");
  }
}
