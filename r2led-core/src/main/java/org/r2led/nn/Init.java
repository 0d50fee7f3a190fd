package org.r2led.nn;

import java.util.SplittableRandom;

/** Parameter initialisers (embedding tables use their own, see {@link ParamStore#embedding}). */
public enum Init {
  /** All zeros (biases). */
  ZEROS,
  /** All ones. */
  ONES,
  /** Glorot/Xavier uniform over the last two dimensions: U(±sqrt(6/(fanIn+fanOut))). */
  XAVIER_UNIFORM;

  void fill(float[] a, long[] shape, SplittableRandom rnd) {
    switch (this) {
      case ZEROS -> java.util.Arrays.fill(a, 0f);
      case ONES -> java.util.Arrays.fill(a, 1f);
      case XAVIER_UNIFORM -> {
        long fanOut = shape[shape.length - 1];
        long fanIn = shape.length >= 2 ? shape[shape.length - 2] : fanOut;
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < a.length; i++) a[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
      }
      default -> throw new AssertionError(this);
    }
  }
}
