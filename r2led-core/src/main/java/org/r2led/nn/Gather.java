package org.r2led.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * Row gathers: {@code table (N, d)} rows at integer indices of any shape S → {@code (S..., d)}.
 *
 * <p>Implemented as PyTorch {@code gather} along dim 0 with the index expanded over the row
 * ({@code (n,1)} broadcast to {@code (n,d)}, stride 0): its backward is a {@code scatter_add} that
 * PyTorch runs on a sorted index with vectorised row sums, several times faster on CPU than
 * {@code embedding}'s backward (one small add kernel call per index). Values and gradients are the
 * same bit for bit (each table row's gradient sums its occurrences in index order). A table that
 * needs no gradient (every array of an evaluation step) is read with {@code embedding}
 * ({@code index_select}: one row copy per index, no index conversion), the same values.
 */
public final class Gather {
  private Gather() {}

  /** {@code table (N, d)} rows at int indices {@code idx} (any shape S) → {@code (S..., d)}. */
  public static NDArray rows(NDArray table, NDArray idx) {
    if (Experiment.on("legacy_gather") || !table.hasGradient()) return embedding(table, idx);
    Shape s = idx.getShape();
    long n = s.size();
    long d = table.getShape().get(1);
    NDArray ix = idx.toType(DataType.INT64, false).reshape(n, 1).broadcast(n, d);
    return table.gather(ix, 0).reshape(s.add(d));
  }

  /** The same rows through PyTorch {@code embedding} (dense-gradient backward). */
  public static NDArray embedding(NDArray table, NDArray idx) {
    return idx.getNDArrayInternal().embedding(idx, table, SparseFormat.DENSE).singletonOrThrow();
  }
}
