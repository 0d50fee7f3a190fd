package org.r2led.model;

import java.util.Arrays;

/**
 * What {@link TokenBatchBuilder} derives from one history position for one batch: the position of its
 * item and of its category in the batch's deduplicated lists and its time-gap bucket, computed the first
 * time a selector picks the position after {@link #start}. A history shared by many samples (a serving
 * request's candidates) is thus resolved once per position, not once per candidate and group. Reused
 * per thread; valid until the next {@link #start}.
 */
final class PositionMemo {
  private int[] stamp = new int[0];
  int[] item = new int[0];
  int[] cat = new int[0];
  int[] gap = new int[0];
  private int current;

  /** Forgets everything and makes room for a history of {@code len} positions. */
  void start(int len) {
    if (stamp.length < len) {
      int cap = Math.max(len, stamp.length * 2);
      stamp = new int[cap];
      item = new int[cap];
      cat = new int[cap];
      gap = new int[cap];
      current = 0;
    }
    if (++current == Integer.MAX_VALUE) {
      Arrays.fill(stamp, 0);
      current = 1;
    }
  }

  /** Whether position {@code p} was resolved since {@link #start}. */
  boolean has(int p) { return stamp[p] == current; }

  void put(int p, int itemPos, int catPos, int gapBucket) {
    item[p] = itemPos;
    cat[p] = catPos;
    gap[p] = gapBucket;
    stamp[p] = current;
  }
}
