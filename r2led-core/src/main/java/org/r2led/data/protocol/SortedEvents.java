package org.r2led.data.protocol;

import java.util.function.IntUnaryOperator;
import org.r2led.data.source.EventBuffer;

/**
 * Events with dense ids, grouped by dense user and ordered within a user by
 * (timestamp, item, behavior, rating, label, category) — a total order, so the result does not
 * depend on the order of the input rows. Exact duplicates (all of those fields equal) are dropped
 * or kept by request and counted either way.
 */
final class SortedEvents {
  final int users;
  /** User u's events are [start[u], start[u+1]). */
  final int[] start;
  final int[] item;
  final int[] category;
  final int[] behavior;
  final long[] ts;
  final double[] rating;
  final byte[] label;
  /** Exact duplicates found (dropped when {@code dropDuplicates}). */
  final long duplicates;
  /** Dense id of user 0 of this set (a shard of users holds users userBase, userBase+1, ...). */
  final int userBase;

  private SortedEvents(int userBase, int users, int[] start, int[] item, int[] category, int[] behavior, long[] ts,
      double[] rating, byte[] label, long duplicates) {
    this.userBase = userBase;
    this.users = users;
    this.start = start;
    this.item = item;
    this.category = category;
    this.behavior = behavior;
    this.ts = ts;
    this.rating = rating;
    this.label = label;
    this.duplicates = duplicates;
  }

  int size() { return start[users]; }

  int length(int user) { return start[user + 1] - start[user]; }

  /**
   * @param userDense provisional → dense user (0-based)
   * @param itemDense provisional → dense item (1-based)
   * @param behaviorCode provisional behavior → code
   * @param eventCategory event index → dense category of the event
   */
  static SortedEvents build(EventBuffer ev, int users, int[] userDense, int[] itemDense, int[] behaviorCode,
      IntUnaryOperator eventCategory, boolean dropDuplicates) {
    return build(ev, 0, users, e -> userDense[ev.user(e)], e -> itemDense[ev.item(e)], e -> behaviorCode[ev.behavior(e)],
        eventCategory, dropDuplicates);
  }

  /**
   * The same for a shard of users whose dense ids start at {@code userBase}.
   *
   * @param userIndex event index → user index within the shard (0-based)
   * @param itemDense event index → dense item
   * @param behaviorCode event index → behavior code
   */
  static SortedEvents build(EventBuffer ev, int userBase, int users, IntUnaryOperator userIndex, IntUnaryOperator itemDense,
      IntUnaryOperator behaviorCode, IntUnaryOperator eventCategory, boolean dropDuplicates) {
    int n = ev.size();
    int[] u = new int[n];
    int[] it = new int[n];
    int[] cat = new int[n];
    int[] beh = new int[n];
    int[] count = new int[users + 1];
    for (int e = 0; e < n; e++) {
      u[e] = userIndex.applyAsInt(e);
      it[e] = itemDense.applyAsInt(e);
      cat[e] = eventCategory.applyAsInt(e);
      beh[e] = behaviorCode.applyAsInt(e);
      count[u[e] + 1]++;
    }
    for (int i = 0; i < users; i++) count[i + 1] += count[i];
    int[] order = new int[n];
    int[] fill = count.clone();
    for (int e = 0; e < n; e++) order[fill[u[e]]++] = e;
    IntSort.IntComparator cmp = (a, b) -> {
      int c = Long.compare(ev.ts(a), ev.ts(b));
      if (c != 0) return c;
      c = Integer.compare(it[a], it[b]);
      if (c != 0) return c;
      c = Integer.compare(beh[a], beh[b]);
      if (c != 0) return c;
      c = Double.compare(ev.rating(a), ev.rating(b));
      if (c != 0) return c;
      c = Integer.compare(ev.label(a), ev.label(b));
      if (c != 0) return c;
      return Integer.compare(cat[a], cat[b]);
    };
    int[] tmp = new int[n];
    for (int us = 0; us < users; us++) IntSort.sort(order, count[us], count[us + 1], cmp, tmp);

    int[] start = new int[users + 1];
    int[] oItem = new int[n];
    int[] oCat = new int[n];
    int[] oBeh = new int[n];
    long[] oTs = new long[n];
    double[] oRating = new double[n];
    byte[] oLabel = new byte[n];
    long dups = 0;
    int k = 0;
    for (int us = 0; us < users; us++) {
      start[us] = k;
      for (int i = count[us]; i < count[us + 1]; i++) {
        int e = order[i];
        if (i > count[us] && cmp.compare(order[i - 1], e) == 0) {
          dups++;
          if (dropDuplicates) continue;
        }
        oItem[k] = it[e];
        oCat[k] = cat[e];
        oBeh[k] = beh[e];
        oTs[k] = ev.ts(e);
        oRating[k] = ev.rating(e);
        oLabel[k] = (byte) ev.label(e);
        k++;
      }
    }
    start[users] = k;
    return new SortedEvents(userBase, users, start, oItem, oCat, oBeh, oTs, oRating, oLabel, dups);
  }
}
