package org.r2led.retrieval;

import java.util.Arrays;

/**
 * ETA-style retrieval: the {@code k} behaviours whose SimHash signatures are nearest (Hamming) to a
 * query signature, ties → more recent. O(n) by counting sort over the 65 possible distances. The
 * query can be any signature (the target's, or e.g. MIRRN's recent-window or sequence-mean query
 * signed with {@link SimHash#signature}).
 *
 * <p>An instance keeps a distance buffer between calls: not thread-safe, use one per thread.
 */
public final class HammingTopK {
  private byte[] dist = new byte[0];
  private final int[] hist = new int[CountingSelect.BINS];

  /**
   * @param history item ids; the history is {@code history[from .. from+len)}, oldest → newest
   * @param query signature to compare with
   * @param signatures signature per item id (e.g. {@link ItemKeys#signatures()})
   * @param out receives {@code min(k, len)} positions relative to {@code from}, chronological
   * @return the number of positions written
   */
  public int select(int[] history, int from, int len, long query, long[] signatures, int k, int[] out) {
    if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
    if (from < 0 || len < 0 || from + len > history.length) {
      throw new IndexOutOfBoundsException("history [" + from + ", " + (from + len) + ") outside an array of length "
          + history.length);
    }
    int c = Math.min(k, len);
    if (out.length < c) throw new IllegalArgumentException("output holds " + out.length + " positions; need " + c);
    if (dist.length < len) dist = new byte[Math.max(len, dist.length * 3 / 2)];
    final byte[] ds = dist;
    Arrays.fill(hist, 0);
    for (int p = 0; p < len; p++) {
      int d = Long.bitCount(signatures[history[from + p]] ^ query);
      ds[p] = (byte) d;
      hist[d]++;
    }
    long t = CountingSelect.threshold(hist, 0, -1, c);
    int dm = CountingSelect.dist(t);
    int tie = CountingSelect.tie(t);
    int w = c - 1;
    for (int p = len - 1; p >= 0 && w >= 0; p--) {
      int d = ds[p];
      if (d < dm || (d == dm && tie-- > 0)) out[w--] = p;
    }
    return c;
  }
}
