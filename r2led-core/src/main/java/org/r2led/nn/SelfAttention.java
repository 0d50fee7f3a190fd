package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * One multi-head self-attention layer with a residual connection: tokens {@code x (B, L, d)} with key
 * padding mask {@code (B, L)} (1 valid, 0 padding) → {@code x + W_o·concat_h softmax(q_h k_hᵀ/√d_h) v_h},
 * shape {@code (B, L, d)}; padded positions come out as zero. Shared by the retrieval stage and
 * sequential-recommendation backbones; the attention itself is {@link MultiHeadAttention} with bias-free
 * query/key/value projections.
 */
public final class SelfAttention {
  private final MultiHeadAttention attention;

  public SelfAttention(ParamStore store, String name, int dim, int attDim, int heads) {
    this.attention = new MultiHeadAttention(store, name, dim, dim, attDim, heads, dim, false);
  }

  /** {@code (B, L, d)} from {@code x (B, L, d)} and {@code mask (B, L)}. */
  public NDArray forward(Step s, NDArray x, NDArray mask) {
    NDArray keyMask = mask.expandDims(1);                                            // (B,1,L)
    return x.add(attention.forward(s, x, x, keyMask)).mul(mask.expandDims(-1));
  }

  /** Mean of {@code h (B, L, d)} over valid positions of {@code mask (B, L)} → {@code (B, d)} (zero when none). */
  public static NDArray meanPool(NDArray h, NDArray mask) {
    NDArray cnt = Scalars.maximum(mask.sum(new int[] {1}, true), 1f);
    return h.mul(mask.expandDims(-1)).sum(new int[] {1}).div(cnt);
  }
}
