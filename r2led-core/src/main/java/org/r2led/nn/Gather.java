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
 *
 * <p>DJL reports a gradient only for leaves ({@link NDArray#hasGradient} is false for the result of an
 * op, e.g. fused item rows or a token table), so a gather from such an array in a training step must
 * name its {@link Step} ({@link #rows(Step, NDArray, NDArray)}) to take the {@code gather} path.
 */
public final class Gather {
  private Gather() {}

  /** {@code table (N, d)} rows at int indices {@code idx} (any shape S) → {@code (S..., d)}. */
  public static NDArray rows(NDArray table, NDArray idx) {
    if (Experiment.on("legacy_gather") || !table.hasGradient()) return embedding(table, idx);
    return gather(table, idx);
  }

  /**
   * {@link #rows(NDArray, NDArray)} where the table's need for a gradient is decided by the step: in a
   * training step every table is read with {@code gather} (its backward being the fast one), also an
   * op's result, for which {@link NDArray#hasGradient} is false. Switch {@code legacy_nonleaf_gather}
   * ({@link Experiment}) restores the leaf-only rule for comparison.
   */
  public static NDArray rows(Step s, NDArray table, NDArray idx) {
    return s.training() && !Experiment.on("legacy_gather") && !Experiment.on("legacy_nonleaf_gather") ? gather(table, idx) : rows(table, idx);
  }

  private static NDArray gather(NDArray table, NDArray idx) {
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
