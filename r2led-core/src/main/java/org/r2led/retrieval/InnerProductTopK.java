package org.r2led.retrieval;

/**
 * Inner-product retrieval (SIM soft search; also a building block for TWIN-style rules): the
 * {@code k} behaviours whose vectors have the largest inner product with a query vector, ties →
 * more recent. Scores every behaviour once (O(T·d)) and selects with {@link TopK} (O(T log k)).
 *
 * <p>Vectors come from any row-major table indexed by the history's ids (e.g. a snapshot of the
 * live item embeddings, or behaviours projected by a model); the query is any vector of the same
 * length. A score is the float sum {@code Σ_j vectors[id·dim + j] · query[j]} in increasing j.
 *
 * <p>An instance keeps its buffers between calls: not thread-safe, use one per thread.
 */
public final class InnerProductTopK {
  private final TopK topk = new TopK();
  private float[] scores = new float[16];

  /**
   * @param history ids (rows of {@code vectors}); the history is {@code history[0 .. len)}, oldest → newest
   * @param query vector compared with each behaviour (its first {@code dim} entries)
   * @param vectors row-major table of {@code dim}-vectors; row {@code id} is {@code vectors[id·dim .. (id+1)·dim)}
   * @param out receives {@code min(k, len)} positions in {@code [0, len)}, chronological
   * @return the number of positions written
   */
  public int select(int[] history, int len, float[] query, float[] vectors, int dim, int k, int[] out) {
    if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
    if (dim < 1) throw new IllegalArgumentException("dim must be >= 1, got " + dim);
    if (len < 0 || len > history.length) {
      throw new IndexOutOfBoundsException("history length " + len + " outside an array of length " + history.length);
    }
    if (query.length < dim) throw new IllegalArgumentException("query has " + query.length + " entries; need dim " + dim);
    int c = Math.min(k, len);
    if (out.length < c) throw new IllegalArgumentException("output holds " + out.length + " positions; need " + c);
    if (len <= k) { // everything is kept: no scoring needed
      for (int p = 0; p < len; p++) out[p] = p;
      return len;
    }
    if (scores.length < len) scores = new float[Math.max(len, scores.length * 2)];
    float[] s = scores;
    for (int p = 0; p < len; p++) {
      int o = history[p] * dim;
      if (o < 0 || o + dim > vectors.length) {
        throw new IndexOutOfBoundsException("id " + history[p] + " at position " + p + " outside a table of "
            + vectors.length / dim + " rows");
      }
      float acc = 0f;
      for (int j = 0; j < dim; j++) acc += vectors[o + j] * query[j];
      s[p] = acc;
    }
    return topk.largest(s, 0, len, k, out);
  }
}
