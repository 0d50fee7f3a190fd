package org.r2led.nn;

import java.util.Arrays;

/**
 * One trainable parameter held in Java memory (row-major {@code float[]}).
 *
 * <p>A <em>dense</em> parameter (weights, biases, small tables) is copied into an NDArray every step and
 * updated whole. A <em>sparse</em> parameter is an embedding table of {@code rows × cols} whose rows
 * are gathered per step (only the batch's ids) and updated row-wise (lazy Adam).
 */
public final class Param {
  private final String name;
  private final long[] shape;
  private final boolean sparse;
  private final int rows;
  private final int cols;
  final float[] data;

  Param(String name, long[] shape, boolean sparse, float[] data) {
    this.name = name;
    this.shape = shape.clone();
    this.sparse = sparse;
    long n = 1;
    for (long s : shape) n *= s;
    if (n != data.length) throw new IllegalArgumentException(name + ": data length " + data.length + " != shape size " + n);
    this.cols = shape.length == 0 ? 1 : (int) shape[shape.length - 1];
    this.rows = (int) (n / Math.max(1, cols));
    this.data = data;
  }

  public String name() { return name; }

  /** Shape as declared (e.g. {@code [in, out]} for a weight, {@code [rows, dim]} for a table). */
  public long[] shape() { return shape.clone(); }

  /** Whether this is a row-sparse embedding table. */
  public boolean sparse() { return sparse; }

  /** Leading size (rows of a table; product of all but the last dimension otherwise). */
  public int rows() { return rows; }

  /** Size of the last dimension. */
  public int cols() { return cols; }

  /** Number of floats. */
  public int size() { return data.length; }

  /** The live values (row-major). Mutated in place by the optimizer; do not hold across steps. */
  public float[] values() { return data; }

  @Override
  public String toString() { return name + Arrays.toString(shape) + (sparse ? " sparse" : ""); }
}
