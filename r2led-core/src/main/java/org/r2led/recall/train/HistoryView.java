package org.r2led.recall.train;

import java.util.Arrays;
import org.r2led.nn.UniqueIds;

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
    UniqueIds seen = new UniqueIds(64);   // position = rank by last touch, most recent first
    int[] counts = new int[64];
    int[] ages = new int[64];
    for (int p = end - 1; p >= 0; p--) {
      int at = seen.add(cats[p]);
      if (at == counts.length) {
        counts = Arrays.copyOf(counts, 2 * at);
        ages = Arrays.copyOf(ages, 2 * at);
      }
      if (counts[at]++ == 0) ages[at] = end - 1 - p;
    }
    int k = Math.min(len, seen.size());
    int[] cs = new int[k];
    for (int j = 0; j < k; j++) cs[j] = seen.id(j);
    return new int[][] {cs, Arrays.copyOf(counts, k), Arrays.copyOf(ages, k)};
  }
}
