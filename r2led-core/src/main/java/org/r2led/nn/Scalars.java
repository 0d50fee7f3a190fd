package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with a constant, safe under autograd. Use these instead of DJL's
 * {@code NDArray.mul/div/add/sub/maximum(Number)}.
 *
 * <p>Why: in DJL 0.34's PyTorch engine those methods wrap the number in a 0-d array whose storage is
 * a Java direct buffer, and close that array as soon as the op returns. Autograd keeps the tensor for
 * backward (e.g. {@code x / c} needs {@code c}), but nothing keeps the Java buffer alive: after a
 * garbage collection backward reads freed memory, which gave gradients that differed between runs
 * of one seed, and sometimes NaN. Here the constant is an array of {@code x}'s manager, so it lives
 * as long as the step that uses it. Results have {@code x}'s shape (the constant is float32, 0-d).
 */
public final class Scalars {
  private Scalars() {}

  /** The constant {@code v} as a 0-d float32 array owned by {@code like}'s manager. */
  public static NDArray of(NDArray like, float v) { return like.getManager().create(v); }

  /** {@code x * v}. */
  public static NDArray mul(NDArray x, float v) { return x.mul(of(x, v)); }

  /** {@code x / v}. */
  public static NDArray div(NDArray x, float v) { return x.div(of(x, v)); }

  /** {@code x + v}. */
  public static NDArray add(NDArray x, float v) { return x.add(of(x, v)); }

  /** {@code x - v}. */
  public static NDArray sub(NDArray x, float v) { return x.sub(of(x, v)); }

  /** Element-wise {@code max(x, v)}. */
  public static NDArray maximum(NDArray x, float v) { return x.maximum(of(x, v)); }
}
