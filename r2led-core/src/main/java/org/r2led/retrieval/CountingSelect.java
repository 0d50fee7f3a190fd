package org.r2led.retrieval;

import java.util.Arrays;

/**
 * Bucketed top-k over small integer distances (0..{@link #MAX_DIST}) with recency tie-break, shared
 * by the Hamming retrievers. A single pass over the history links every position into the bucket
 * {@code b = depth*BINS + distance}; since positions are added oldest → newest, each bucket's
 * list runs newest → oldest. (Callers inline the linking in their own hot loop:
 * {@code next[p] = head[b]; head[b] = p}.) {@link #select} then takes the {@code n} smallest distances among a range
 * of depths by walking buckets in increasing distance, newest first, and stops after {@code n}: the
 * cost after the pass is O(n·depths + buckets), not O(history).
 *
 * <p>Selected positions are appended encoded as {@code (position << 1) | flag} (positions &lt; 2^30).
 * Not thread-safe.
 */
final class CountingSelect {
  /** Largest possible distance (64-bit signatures). */
  static final int MAX_DIST = 64;
  /** Distances per depth. */
  static final int BINS = MAX_DIST + 1;
  /** Most depth classes (4 semantic levels + depth 0). */
  static final int MAX_DEPTHS = 5;

  /** next[p] = next older position in p's bucket, or -1. */
  int[] next = new int[0];
  /** head[depth*BINS + dist] = newest position of the bucket, or -1. */
  final int[] head = new int[MAX_DEPTHS * BINS];
  /** Positions per depth; maintained by the caller for depths &gt;= 1 only. */
  final int[] depthCount = new int[MAX_DEPTHS];
  private final int[] cursor = new int[MAX_DEPTHS];

  /** Empties the first {@code depths} depth classes and makes room for {@code len} positions. */
  void reset(int depths, int len) {
    if (next.length < len) next = new int[Math.max(len, next.length * 3 / 2)];
    Arrays.fill(head, 0, depths * BINS, -1);
    Arrays.fill(depthCount, 0);
  }

  /** Number of positions with depth in {@code [lo, hi)}, {@code lo >= 1}. */
  int size(int lo, int hi) {
    int s = 0;
    for (int m = lo; m < hi; m++) s += depthCount[m];
    return s;
  }

  /**
   * Appends to {@code out[w..]} the {@code n} positions with depth in {@code [lo, hi)} of smallest
   * distance, ties → most recent, each encoded {@code (p << 1) | flag}; {@code n} must not exceed the
   * number of such positions. Returns the new write index.
   */
  int select(int lo, int hi, int n, int flag, int[] out, int w) {
    if (n <= 0) return w;
    final int[] nx = next;
    if (hi - lo == 1) {
      int base = lo * BINS;
      for (int d = 0; d < BINS; d++) {
        for (int p = head[base + d]; p >= 0; p = nx[p]) {
          out[w++] = (p << 1) | flag;
          if (--n == 0) return w;
        }
      }
    } else {
      final int[] cur = cursor;
      for (int d = 0; d < BINS; d++) {
        for (int m = lo; m < hi; m++) cur[m] = head[m * BINS + d];
        while (true) { // merge newest-first lists: take the most recent head each time
          int best = lo;
          for (int m = lo + 1; m < hi; m++) if (cur[m] > cur[best]) best = m;
          int p = cur[best];
          if (p < 0) break;
          out[w++] = (p << 1) | flag;
          if (--n == 0) return w;
          cur[best] = nx[p];
        }
      }
    }
    throw new IllegalStateException("depths [" + lo + ", " + hi + ") hold " + n + " positions fewer than requested");
  }

  /** Bitmaps over positions used by {@link #emit}; all zero between calls. */
  private long[] selected = new long[0];
  private long[] flagged = new long[0];

  /**
   * Writes {@code enc[0..n)} (encoded positions, all &lt; len, distinct) chronologically: positions into
   * {@code pos}, flags into {@code flags} ({@code enc} and {@code pos} may be the same array). Uses a
   * bitmap over the history when it is small relative to {@code n}, else a sort.
   */
  void emit(int[] enc, int n, int len, int[] pos, byte[] flags) {
    int words = (len + 63) >>> 6;
    if (words > 4 * n) {
      decode(enc, n, pos, flags);
      return;
    }
    if (selected.length < words) {
      selected = new long[Math.max(words, selected.length * 3 / 2)];
      flagged = new long[selected.length];
    }
    final long[] sel = selected;
    final long[] fl = flagged;
    for (int j = 0; j < n; j++) {
      int e = enc[j];
      int p = e >>> 1;
      sel[p >>> 6] |= 1L << p;
      fl[p >>> 6] |= (long) (e & 1) << p;
    }
    int j = 0;
    for (int w = 0; w < words && j < n; w++) {
      long x = sel[w];
      if (x == 0) continue;
      long f = fl[w];
      sel[w] = 0;
      fl[w] = 0;
      int base = w << 6;
      while (x != 0) {
        int t = Long.numberOfTrailingZeros(x);
        pos[j] = base + t;
        if (flags != null) flags[j] = (byte) ((f >>> t) & 1);
        j++;
        x &= x - 1;
      }
    }
  }

  /**
   * Sorts {@code enc[0..n)} chronologically and decodes it: positions into {@code pos}, flags into
   * {@code flags} (may be null).
   */
  static void decode(int[] enc, int n, int[] pos, byte[] flags) {
    Arrays.sort(enc, 0, n);
    for (int j = 0; j < n; j++) {
      int e = enc[j];
      if (flags != null) flags[j] = (byte) (e & 1);
      pos[j] = e >>> 1;
    }
  }
}
