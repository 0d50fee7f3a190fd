package org.r2led.retrieval;

/**
 * MIRRN's multi-granularity queries (Xu et al., 2025): three SimHash query signatures for one
 * target, each used for its own Hamming top-k ({@link HammingTopK}):
 * <ol>
 *   <li>{@link #TARGET}: the target item's signature;</li>
 *   <li>{@link #RECENT}: the signature of the mean vector of the last {@code recent} behaviours;</li>
 *   <li>{@link #SEQUENCE}: the signature of the mean vector of the whole (capped) history.</li>
 * </ol>
 * Means add the vectors oldest → newest in float and divide by the count; an empty window gives the
 * zero vector (signature 0, and nothing to retrieve). O(T·d) per target (plus O(d·bits) to sign).
 * Stateless and thread-safe.
 */
public final class GranularQueries {
  private GranularQueries() {}

  public static final int TARGET = 0;
  public static final int RECENT = 1;
  public static final int SEQUENCE = 2;
  public static final int COUNT = 3;

  /**
   * Mean of the vectors of items {@code history[from .. to)} into {@code out[0 .. dim)} (zeros when empty).
   *
   * @param vectors row-major item vectors (row = item id)
   */
  public static void mean(int[] history, int from, int to, float[] vectors, int dim, float[] out) {
    java.util.Arrays.fill(out, 0, dim, 0f);
    if (to <= from) return;
    for (int p = from; p < to; p++) {
      int o = history[p] * dim;
      for (int j = 0; j < dim; j++) out[j] += vectors[o + j];
    }
    float n = to - from;
    for (int j = 0; j < dim; j++) out[j] /= n;
  }

  /**
   * The three query signatures of a target into {@code out[0..3)}.
   *
   * @param history item ids, oldest → newest; the history is {@code history[0 .. len)}
   * @param recent length of the recent window (the last {@code min(recent, len)} behaviours)
   * @param vectors row-major item vectors the signatures were computed from
   * @param signatures signature per item id ({@code hash} of its vector)
   * @param scratch at least {@code hash.dim()} floats
   */
  public static void signatures(int[] history, int len, int target, int recent, float[] vectors, long[] signatures,
      SimHash hash, float[] scratch, long[] out) {
    int dim = hash.dim();
    out[TARGET] = signatures[target];
    mean(history, Math.max(0, len - recent), len, vectors, dim, scratch);
    out[RECENT] = hash.signature(scratch, 0);
    mean(history, 0, len, vectors, dim, scratch);
    out[SEQUENCE] = hash.signature(scratch, 0);
  }
}
