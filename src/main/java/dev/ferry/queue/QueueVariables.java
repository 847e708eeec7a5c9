package dev.ferry.queue;

/** The queue's process variables: status the migration (and whoever called it) shows while it waits. */
public final class QueueVariables {

  /** Place in line for the target (1 = next); absent when the migration does not wait. */
  public static final String QUEUE_POSITION = "queuePosition";
  /** Why it waits, e.g. "waiting for CHG-1042 (importing, 40 %)"; absent when it does not. */
  public static final String QUEUE_MESSAGE = "queueMessage";
  /** The last try's result for the model's gateway: {@code granted}, {@code scheduled} or {@code busy}. */
  public static final String QUEUE_STATE = "queueState";
  /** When the next try runs (the wait's timer). */
  public static final String QUEUE_NEXT_TRY = "queueNextTry";
  /** Chosen by the approver in {@code approve-import}: the import starts no earlier (ISO date-time or a Date). */
  public static final String IMPORT_AT = "importAt";
  /** For the approval form: how busy the target is and when an import approved now would start. */
  public static final String IMPORT_FORECAST = "importForecast";
  /** In {@code queue-slot}: which queue it waits in ({@code validations}, {@code creations}). */
  public static final String QUEUE = "queue";
  /** In {@code queue-slot}: the calling instance that holds the slot once granted. */
  public static final String QUEUE_HOLDER = "queueHolder";
  /** An operator's intervention in the queue (move up, release), kept in history. */
  public static final String QUEUE_INTERVENTION = "queueIntervention";

  private QueueVariables() {
  }
}
