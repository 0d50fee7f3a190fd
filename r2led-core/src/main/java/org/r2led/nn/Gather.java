package org.r2led.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.SparseFormat;

/** Row gathers with a dense-gradient backward (PyTorch {@code embedding}). */
public final class Gather {
  private Gather() {}

  /** {@code table (N, d)} rows at int indices {@code idx} (any shape S) → {@code (S..., d)}. */
  public static NDArray rows(NDArray table, NDArray idx) {
    return idx.getNDArrayInternal().embedding(idx, table, SparseFormat.DENSE).singletonOrThrow();
  }
}
