package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/** Affine map {@code y = x W + b}: x {@code (..., in)} → y {@code (..., out)}; Xavier-uniform W, zero b. */
public final class Linear {
  private final Param w;
  private final Param b;

  public Linear(ParamStore store, String name, int in, int out, boolean bias) {
    this.w = store.dense(name + ".w", Init.XAVIER_UNIFORM, in, out);
    this.b = bias ? store.dense(name + ".b", Init.ZEROS, out) : null;
  }

  public NDArray forward(Step s, NDArray x) {
    NDArray y = x.matMul(s.p(w));
    return b == null ? y : y.add(s.p(b));
  }

  public Param weight() { return w; }

  public Param bias() { return b; }
}
