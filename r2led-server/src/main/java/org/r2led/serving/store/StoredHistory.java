package org.r2led.serving.store;

import java.util.List;
import org.r2led.serving.UserHistory;

/** Stored events as a scoring history, read the same way by the service's routes and by the learner's evaluation. */
public final class StoredHistory {
  private StoredHistory() {}

  /**
   * {@code events} (oldest first) as a {@link UserHistory}. A missing type is the model's first behavior
   * ({@code behaviorNames[0]}, as for a history without types); a missing category is the item's own.
   */
  public static UserHistory of(List<Event> events, List<String> behaviorNames) {
    int t = events.size();
    String[] items = new String[t];
    long[] ts = new long[t];
    String[] types = new String[t];
    String[] cats = new String[t];
    boolean anyType = false;
    boolean anyCategory = false;
    for (int i = 0; i < t; i++) {
      Event e = events.get(i);
      items[i] = e.item();
      ts[i] = e.ts();
      types[i] = e.type();
      cats[i] = e.category();
      anyType |= e.type() != null;
      anyCategory |= e.category() != null;
    }
    if (anyType && !behaviorNames.isEmpty()) {
      for (int i = 0; i < t; i++) if (types[i] == null) types[i] = behaviorNames.get(0);
    }
    return new UserHistory(items, ts, anyType ? types : null, anyCategory ? cats : null);
  }
}
