package org.r2led.serving;

import java.util.List;

/**
 * One user's behavior history as plain values, the input of {@link ScoringModel#score}: parallel
 * arrays, one entry per event, in any order (scoring sorts them by timestamp, stably). The arrays are
 * not copied and must not change while a call reads them.
 *
 * @param items raw item ids (as in the training data's source); an id the model does not know is
 *     kept as the out-of-vocabulary item 0
 * @param timestamps event times, Unix seconds
 * @param behaviors behavior names (the dataset's, e.g. {@code pv}, {@code buy}; {@code rating} for
 *     MovieLens), or null: every event then has the first behavior of the model's vocabulary. An
 *     unknown name becomes code 0 (padding)
 * @param categories raw category names per event, or null: each event then takes its item's category
 *     from the model (an unknown item's category is 0); a null or unknown entry likewise
 */
public record UserHistory(String[] items, long[] timestamps, String[] behaviors, String[] categories) {
  public UserHistory {
    if (items == null || timestamps == null) throw new IllegalArgumentException("a history needs items and timestamps");
    if (timestamps.length != items.length) {
      throw new IllegalArgumentException(items.length + " items but " + timestamps.length + " timestamps");
    }
    if (behaviors != null && behaviors.length != items.length) {
      throw new IllegalArgumentException(items.length + " items but " + behaviors.length + " behaviors");
    }
    if (categories != null && categories.length != items.length) {
      throw new IllegalArgumentException(items.length + " items but " + categories.length + " categories");
    }
  }

  /** The history of an unknown user: no events. */
  public static UserHistory empty() { return new UserHistory(new String[0], new long[0], null, null); }

  /** Items and timestamps only (default behavior, categories from the model). */
  public static UserHistory of(List<String> items, long[] timestamps) {
    return new UserHistory(items.toArray(new String[0]), timestamps, null, null);
  }

  /** Number of events. */
  public int length() { return items.length; }

  /** Timestamp of the latest event (the arrays may be unordered); {@link Long#MIN_VALUE} when empty. */
  public long lastTimestamp() {
    long m = Long.MIN_VALUE;
    for (long t : timestamps) m = Math.max(m, t);
    return m;
  }
}
