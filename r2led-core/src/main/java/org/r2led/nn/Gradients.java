package org.r2led.nn;

import java.util.List;

/**
 * Gradients of one step, in Java memory: whole arrays for dense parameters, and for each sparse
 * table the gradient rows of its gathered ids ({@code ids.size() × dim}, row {@code i} belongs to
 * table row {@code ids.id(i)}).
 */
public record Gradients(List<Dense> dense, List<Sparse> sparse) {
  public record Dense(Param param, float[] grad) {}

  public record Sparse(Param table, UniqueIds ids, float[] grad) {}

  /** Global L2 norm over all gradient values. */
  public double globalNorm() {
    double s = 0;
    for (Dense d : dense) for (float g : d.grad) s += (double) g * g;
    for (Sparse d : sparse) for (float g : d.grad) s += (double) g * g;
    return Math.sqrt(s);
  }

  /** Multiplies every gradient by {@code f} in place. */
  public void scale(float f) {
    for (Dense d : dense) for (int i = 0; i < d.grad.length; i++) d.grad[i] *= f;
    for (Sparse d : sparse) for (int i = 0; i < d.grad.length; i++) d.grad[i] *= f;
  }
}
