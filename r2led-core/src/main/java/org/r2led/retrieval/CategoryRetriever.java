package org.r2led.retrieval;

/**
 * SIM (hard) retrieval: the most recent {@code k} behaviours whose category equals the target's.
 * Stateless and thread-safe; no allocation.
 */
public final class CategoryRetriever {
  private CategoryRetriever() {}

  /**
   * @param categories behaviour categories; the history is {@code categories[from .. from+len)}, oldest → newest
   * @param targetCategory the target item's category
   * @param out receives at most {@code k} positions relative to {@code from}, chronological
   * @return the number of positions written (members found, at most {@code k})
   */
  public static int select(int[] categories, int from, int len, int targetCategory, int k, int[] out) {
    if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
    if (from < 0 || len < 0 || from + len > categories.length) {
      throw new IndexOutOfBoundsException("history [" + from + ", " + (from + len) + ") outside an array of length "
          + categories.length);
    }
    int limit = Math.min(k, out.length);
    if (limit < Math.min(k, len)) {
      throw new IllegalArgumentException("output holds " + out.length + " positions; need up to " + Math.min(k, len));
    }
    int c = 0;
    for (int p = len - 1; p >= 0 && c < limit; p--) {
      if (categories[from + p] == targetCategory) out[c++] = p;
    }
    for (int i = 0, j = c - 1; i < j; i++, j--) { // newest-first → chronological
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return c;
  }
}
