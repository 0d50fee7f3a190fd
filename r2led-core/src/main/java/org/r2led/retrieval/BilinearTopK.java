package org.r2led.retrieval;

/**
 * TWIN's consistency-preserved retrieval (Chang et al., 2023): behaviour {@code i} is scored by the
 * refinement attention's own query–key logit computed from item vectors alone,
 * {@code score_i = (e_v W_q)·(e_i W_k) = e_vᵀ A e_i} with {@code A = W_q W_kᵀ} ({@code d × d},
 * see {@link #product}); per target {@code r = e_vᵀ A} costs O(d²) and the scores O(T·d). The
 * {@code k} best are kept, ties → more recent ({@link TopK}).
 *
 * <p>An instance keeps scratch buffers between calls: not thread-safe, use one per thread.
 */
public final class BilinearTopK {
  private final TopK topk = new TopK();
  private float[] r = new float[0];
  private float[] scores = new float[0];

  /**
   * {@code out = W_q W_kᵀ} for row-major {@code wq, wk} of shape {@code (d, a)}: the bilinear form
   * whose value {@code xᵀ out y} is the sum over heads of the head logits {@code (x W_q)_h·(y W_k)_h}
   * (without the {@code 1/√d_h} scale, which does not change the ranking).
   *
   * @param out row-major {@code (d, d)}
   */
  public static void product(float[] wq, float[] wk, int d, int a, float[] out) {
    if (wq.length < d * a || wk.length < d * a || out.length < d * d) {
      throw new IllegalArgumentException("need (d, a) = (" + d + ", " + a + ") projections and a (d, d) output");
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        float s = 0;
        for (int c = 0; c < a; c++) s += wq[i * a + c] * wk[j * a + c];
        out[i * d + j] = s;
      }
    }
  }

  /**
   * Scores of {@code history[from .. from+len)} against {@code query} through {@code matrix}:
   * {@code scores[p] = (queryᵀ matrix)·vectors[history[from+p]]}.
   *
   * @param query vector {@code vectors[query*dim ..]} of the target (an item row index)
   * @param vectors row-major item vectors (row = item id)
   * @param matrix row-major {@code (dim, dim)}
   * @param scores receives {@code len} scores
   */
  public void score(int[] history, int from, int len, int query, float[] vectors, int dim, float[] matrix, float[] scores) {
    if (r.length < dim) r = new float[dim];
    float[] rr = r;
    int qo = query * dim;
    java.util.Arrays.fill(rr, 0, dim, 0f);
    for (int i = 0; i < dim; i++) {
      float e = vectors[qo + i];
      int mo = i * dim;
      for (int j = 0; j < dim; j++) rr[j] += e * matrix[mo + j];
    }
    for (int p = 0; p < len; p++) {
      int o = history[from + p] * dim;
      float s = 0;
      for (int j = 0; j < dim; j++) s += rr[j] * vectors[o + j];
      scores[p] = s;
    }
  }

  /**
   * The {@code k} best-scored behaviours of {@code history[from .. from+len)} (ties → more recent).
   *
   * @param out receives {@code min(k, len)} positions relative to {@code from}, chronological
   * @return the number of positions written
   */
  public int select(int[] history, int from, int len, int query, float[] vectors, int dim, float[] matrix, int k, int[] out) {
    if (from < 0 || len < 0 || from + len > history.length) {
      throw new IndexOutOfBoundsException("history [" + from + ", " + (from + len) + ") outside an array of length "
          + history.length);
    }
    if (scores.length < len) scores = new float[Math.max(len, scores.length * 2)];
    score(history, from, len, query, vectors, dim, matrix, scores);
    return topk.largest(scores, 0, len, k, out);
  }
}
