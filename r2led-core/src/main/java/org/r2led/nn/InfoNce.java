package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * Symmetric InfoNCE (CLIP-style) between two views of the same {@code n} objects: with
 * {@code a, b} rows L2-normalized and {@code S = a bᵀ / τ}, the loss is
 * {@code ½ [CE(S, I) + CE(Sᵀ, I)]}: the mean cross-entropy of picking the matching row among the
 * batch, in both directions. a, b {@code (n, d)} → a scalar.
 */
public final class InfoNce {
  private InfoNce() {}

  /** The loss; {@code temperature} τ > 0. */
  public static NDArray symmetric(NDArray a, NDArray b, float temperature) {
    if (!(temperature > 0)) throw new IllegalArgumentException("temperature = " + temperature + "; expected > 0");
    NDArray an = normalize(a);
    NDArray bn = normalize(b);
    NDArray logits = Scalars.div(an.matMul(bn.transpose()), temperature);        // (n,n)
    NDArray diag = eye(logits);
    NDArray rows = logits.logSoftmax(1).mul(diag).sum().neg();                 // Σ_i −log p(b_i | a_i)
    NDArray cols = logits.logSoftmax(0).mul(diag).sum().neg();                 // Σ_i −log p(a_i | b_i)
    long n = logits.getShape().get(0);
    return Scalars.div(rows.add(cols), 2f * n);
  }

  /** Rows scaled to unit L2 norm (a zero row stays zero). */
  static NDArray normalize(NDArray x) {
    NDArray norm = Scalars.maximum(x.mul(x).sum(new int[] {-1}, true).sqrt(), 1e-12f);
    return x.div(norm);
  }

  private static NDArray eye(NDArray like) {
    int n = (int) like.getShape().get(0);
    float[] e = new float[n * n];
    for (int i = 0; i < n; i++) e[i * n + i] = 1f;
    return like.getManager().create(e, like.getShape());
  }
}
