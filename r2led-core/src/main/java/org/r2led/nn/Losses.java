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

  /**
   * Mean softmax cross-entropy of rows of {@code logits (P, N)} whose correct class has logit
   * {@code targetLogits (P, 1)} (one of the row's entries): {@code mean_p [log Σ_j e^{l_pj} − l_p,target]},
   * the log-sum-exp taken after subtracting the row maximum (held constant; the value is unchanged).
   */
  public static NDArray softmaxCrossEntropy(NDArray logits, NDArray targetLogits) {
    NDArray max = logits.max(new int[] {1}, true).stopGradient();
    NDArray lse = logits.sub(max).exp().sum(new int[] {1}, true).log().add(max);
    return lse.sub(targetLogits).mean();
  }
}
