package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * Layer normalization over the last axis: {@code γ ⊙ (x − mean) / sqrt(var + eps) + β} with a learned
 * gain γ (init 1) and bias β (init 0) of size {@code dim}. x {@code (..., dim)} → same shape.
 */
public final class LayerNorm {
  private final Param gain;
  private final Param bias;
  private final float eps;

  public LayerNorm(ParamStore store, String name, int dim) { this(store, name, dim, 1e-5f); }

  public LayerNorm(ParamStore store, String name, int dim, float eps) {
    this.gain = store.dense(name + ".gain", Init.ONES, dim);
    this.bias = store.dense(name + ".bias", Init.ZEROS, dim);
    this.eps = eps;
  }

  public NDArray forward(Step s, NDArray x) {
    NDArray mean = x.mean(new int[] {-1}, true);
    NDArray c = x.sub(mean);
    NDArray var = c.mul(c).mean(new int[] {-1}, true);
    return c.div(Scalars.add(var, eps).sqrt()).mul(s.p(gain)).add(s.p(bias));
  }
}
