package org.r2led.sid;

import java.util.Arrays;

/**
 * The disambiguation level: items sharing the same full semantic code are numbered 1, 2, 3, ... in
 * increasing item id, so (semantic codes, suffix) identifies an item. Items whose semantic code is
 * unique get suffix 1; the suffix codebook size is the largest number of items sharing one code.
 */
public final class CollisionSuffix {
  private CollisionSuffix() {}

  /**
   * @param suffix suffix code per item, index 0 (padding) = 0, items 1..n get 1..maxGroupSize
   * @param maxGroupSize most items sharing one full semantic code (= suffix codebook size)
   * @param distinctCodes number of distinct full semantic codes
   * @param itemsInCollidingCodes items whose full semantic code is shared with at least one other item
   */
  public record Result(int[] suffix, int maxGroupSize, int distinctCodes, int itemsInCollidingCodes) {
    /** Share of items that do not get a code of their own: {@code 1 - distinctCodes / n}. */
    public double collisionRate() {
      int n = suffix.length - 1;
      return n == 0 ? 0 : 1.0 - (double) distinctCodes / n;
    }
  }

  /**
   * Computes the suffix for semantic codes {@code codes}, row-major {@code (n+1) × levels} (row 0 =
   * padding, ignored), {@code levels <= 4}, codes in 0..65535.
   */
  public static Result compute(int[] codes, int n, int levels) {
    if (levels < 1 || levels > 4) throw new IllegalArgumentException("levels must be 1..4, got " + levels);
    long[] keyed = new long[n];
    for (int i = 1; i <= n; i++) keyed[i - 1] = key(codes, i, levels);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i + 1;
    Arrays.sort(order, (a, b) -> {
      int c = Long.compareUnsigned(keyed[a - 1], keyed[b - 1]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] suffix = new int[n + 1];
    int maxGroup = 0, distinct = 0, colliding = 0;
    int start = 0;
    while (start < n) {
      int end = start + 1;
      long k = keyed[order[start] - 1];
      while (end < n && keyed[order[end] - 1] == k) end++;
      int size = end - start;
      for (int j = 0; j < size; j++) suffix[order[start + j]] = j + 1;
      distinct++;
      maxGroup = Math.max(maxGroup, size);
      if (size > 1) colliding += size;
      start = end;
    }
    return new Result(suffix, maxGroup, distinct, colliding);
  }

  private static long key(int[] codes, int item, int levels) {
    long k = 0;
    for (int l = 0; l < levels; l++) {
      int c = codes[item * levels + l];
      if (c < 0 || c > 0xFFFF) throw new IllegalArgumentException("code " + c + " of item " + item + " out of 0..65535");
      k = (k << 16) | c;
    }
    return k;
  }
}
