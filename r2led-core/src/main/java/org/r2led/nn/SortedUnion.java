package org.r2led.nn;

import java.util.Arrays;

/**
 * The union of several id lists (rows of one table) in ascending order, with each list's positions in
 * it. Small tables use a bitmap over the table's rows (marking, then one scan); tables much larger than
 * the ids sort the concatenated ids instead. Both give the same result.
 */
final class SortedUnion {
  private SortedUnion() {}

  /**
   * The distinct ids of {@code lists} (null lists skipped; every id in {@code 0..rows-1}) in ascending
   * order; {@code positions[k][i]} is set to the position of {@code lists[k][i]} in the result.
   */
  static int[] of(int[][] lists, int rows, int[][] positions) {
    long total = 0;
    for (int[] l : lists) if (l != null) total += l.length;
    int words = (rows + 63) >>> 6;
    return words <= 32 * total ? byBitmap(lists, words, positions) : bySorting(lists, total, positions);
  }

  private static int[] byBitmap(int[][] lists, int words, int[][] positions) {
    long[] bits = new long[words];
    for (int[] l : lists) if (l != null) for (int id : l) bits[id >>> 6] |= 1L << id;
    int[] before = new int[words];
    int count = 0;
    for (int w = 0; w < words; w++) {
      before[w] = count;
      count += Long.bitCount(bits[w]);
    }
    int[] union = new int[count];
    for (int w = 0, i = 0; w < words; w++) {
      for (long b = bits[w]; b != 0; b &= b - 1) union[i++] = (w << 6) + Long.numberOfTrailingZeros(b);
    }
    for (int k = 0; k < lists.length; k++) {
      int[] l = lists[k];
      if (l == null) continue;
      int[] at = new int[l.length];
      for (int i = 0; i < l.length; i++) {
        int id = l[i];
        at[i] = before[id >>> 6] + Long.bitCount(bits[id >>> 6] & ((1L << id) - 1));
      }
      positions[k] = at;
    }
    return union;
  }

  private static int[] bySorting(int[][] lists, long total, int[][] positions) {
    int[] all = new int[Math.toIntExact(total)];
    int n = 0;
    for (int[] l : lists) {
      if (l == null) continue;
      System.arraycopy(l, 0, all, n, l.length);
      n += l.length;
    }
    Arrays.sort(all);
    int distinct = 0;
    for (int i = 0; i < all.length; i++) if (i == 0 || all[i] != all[i - 1]) all[distinct++] = all[i];
    int[] union = Arrays.copyOf(all, distinct);
    for (int k = 0; k < lists.length; k++) {
      int[] l = lists[k];
      if (l == null) continue;
      int[] at = new int[l.length];
      for (int i = 0; i < l.length; i++) at[i] = Arrays.binarySearch(union, l[i]);
      positions[k] = at;
    }
    return union;
  }
}
