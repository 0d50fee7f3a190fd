package org.r2led.retrieval;

/**
 * Counting-sort top-k over small integer distances (0..{@link #MAX_DIST}), shared by the Hamming
 * retrievers. Given a histogram of distances, {@link #threshold} finds the largest distance
 * {@code D} that must be taken and how many items at exactly {@code D} to take (the most recent
 * ones), so a single newest-to-oldest scan selects the top-k with recency tie-break in O(n).
 */
final class CountingSelect {
  /** Largest possible distance (64-bit signatures). */
  static final int MAX_DIST = 64;
  /** Histogram width. */
  static final int BINS = MAX_DIST + 1;
  /** A threshold that takes every item: all distances are below it. */
  static final int TAKE_ALL = BINS;

  private CountingSelect() {}

  /**
   * Threshold for taking the {@code n} smallest distances of the histogram
   * {@code h[a+d] - (b >= 0 ? h[b+d] : 0)}, d = 0..64. Returns {@code (D << 32) | tie}: take every
   * item with distance &lt; D and the {@code tie} most recent items with distance == D. For
   * {@code n <= 0} returns D = -1 (take nothing); {@code n} must not exceed the histogram's total.
   */
  static long threshold(int[] h, int a, int b, int n) {
    if (n <= 0) return pack(-1, 0);
    int acc = 0;
    for (int d = 0; d < BINS; d++) {
      int c = h[a + d] - (b >= 0 ? h[b + d] : 0);
      if (acc + c >= n) return pack(d, n - acc);
      acc += c;
    }
    throw new IllegalStateException("histogram holds " + acc + " items, fewer than the " + n + " requested");
  }

  static long pack(int d, int tie) {
    return ((long) d << 32) | (tie & 0xffffffffL);
  }

  static int dist(long t) { return (int) (t >> 32); }

  static int tie(long t) { return (int) t; }
}
