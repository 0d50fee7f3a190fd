package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/** Loss functions. */
public final class Losses {
  private Losses() {}

  /**
   * Mean binary cross-entropy of logits {@code (B)} against 0/1 labels {@code (B)}, in the stable form
   * {@code max(x,0) − x·y + log(1 + e^{−|x|})}.
   */
  public static NDArray bceWithLogits(NDArray logits, NDArray labels) {
    return Scalars.maximum(logits, 0f).sub(logits.mul(labels)).add(Scalars.add(logits.abs().neg().exp(), 1f).log()).mean();
  }
}
