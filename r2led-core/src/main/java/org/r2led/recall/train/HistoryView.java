package org.r2led.recall.train;

import java.util.Arrays;

/**
 * Java-side views of a positive history (items and categories, oldest first) that the encoders read:
 * the last {@code len} items, the last items of one category, and the distinct categories with
 * their counts (PGIN's pointer input).
 */
public final class HistoryView {
  private HistoryView() {}

  /** The last at most {@code len} positions {@code [from, end)} of {@code a}. */
  public static int[] tail(int[] a, int end, int len) {
    return Arrays.copyOfRange(a, Math.max(0, end - len), end);
  }

  /** Items among the first {@code end} positions whose category is {@code c}: the last {@code len}, oldest first. */
  public static int[] categoryTail(int[] items, int[] cats, int end, int c, int len) {
    int[] out = new int[len];
    int k = 0;
    for (int p = end - 1; p >= 0 && k < len; p--) if (cats[p] == c) out[k++] = items[p];
    int[] r = new int[k];
    for (int j = 0; j < k; j++) r[j] = out[k - 1 - j];
    return r;
  }

  /**
   * Distinct categories of the first {@code end} positions, most recently touched first, at most
   * {@code len}.
   *
   * @return {@code [categories, counts, lastSeenAge]}: counts over the whole prefix; age = positions
   *     since the last occurrence (0 = the most recent event)
   */
  public static int[][] categories(int[] cats, int end, int len) {
    java.util.HashMap<Integer, int[]> seen = new java.util.HashMap<>();
    int[] order = new int[Math.min(len, end)];
    int k = 0;
    for (int p = end - 1; p >= 0; p--) {
      int c = cats[p];
      int[] st = seen.get(c);
      if (st == null) {
        if (k < order.length) {
          order[k++] = c;
          seen.put(c, new int[] {1, end - 1 - p});
        } else {
          seen.put(c, new int[] {1, -1});
        }
      } else {
        st[0]++;
      }
    }
    int[] cs = Arrays.copyOf(order, k);
    int[] counts = new int[k];
    int[] ages = new int[k];
    for (int j = 0; j < k; j++) { int[] st = seen.get(cs[j]); counts[j] = st[0]; ages[j] = st[1]; }
    return new int[][] {cs, counts, ages};
  }
}
