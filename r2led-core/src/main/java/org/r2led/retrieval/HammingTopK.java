package org.r2led.retrieval;

/**
 * ETA-style retrieval: the {@code k} behaviours whose SimHash signatures are nearest (Hamming) to a
 * query signature, ties → more recent. One pass over the history plus O(k) selection (buckets per
 * distance). The query can be any signature (the target's, or e.g. MIRRN's recent-window or
 * sequence-mean query signed with {@link SimHash#signature}).
 *
 * <p>An instance keeps its buffers between calls: not thread-safe, use one per thread.
 */
public final class HammingTopK {
  private final CountingSelect buckets = new CountingSelect();

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
    CountingSelect cs = buckets;
    cs.reset(1, len);
    final int[] next = cs.next;
    final int[] head = cs.head;
    for (int p = 0; p < len; p++) {
      int b = Long.bitCount(signatures[history[from + p]] ^ query);
      next[p] = head[b];
      head[b] = p;
    }
    int n = cs.select(0, 1, c, 0, out, 0);
    cs.emit(out, n, len, out, null);
    return n;
  }
}
