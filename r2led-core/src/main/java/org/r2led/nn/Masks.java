package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * Masking helpers. A mask is a float array of 1 (valid) / 0 (padding). Softmax has no mask
 * argument, so masked scores get {@link #NEG} added; a row whose keys are all masked would then be
 * uniform, so its weights are multiplied by the row's validity and come out as zeros (never NaN).
 */
public final class Masks {
  private Masks() {}

  /** Added to masked scores before softmax. */
  public static final float NEG = -1e9f;

  /** Additive mask: 0 where {@code mask} is 1, {@link #NEG} where it is 0. */
  public static NDArray additive(NDArray mask) {
    return Scalars.mul(Scalars.sub(mask, 1f), -NEG);
  }

  /** Softmax over the last axis ignoring masked entries; all-masked rows give zeros. mask broadcastable to scores. */
  public static NDArray softmax(NDArray scores, NDArray mask) {
    NDArray w = scores.add(additive(mask)).softmax(-1);
    NDArray rowValid = mask.max(new int[] {-1}, true);
    return w.mul(rowValid);
  }
}
