package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * One multi-head self-attention layer with a residual connection: tokens {@code x (B, L, d)} with key
 * padding mask {@code (B, L)} (1 valid, 0 padding) → {@code x + W_o·concat_h softmax(q_h k_hᵀ/√d_h) v_h},
 * shape {@code (B, L, d)}; padded positions come out as zero. Shared by the retrieval stage and
 * sequential-recommendation backbones.
 */
public final class SelfAttention {
  private final int heads;
  private final int attDim;
  private final Linear q;
  private final Linear k;
  private final Linear v;
  private final Linear o;

  public SelfAttention(ParamStore store, String name, int dim, int attDim, int heads) {
    if (attDim % heads != 0) {
      throw new IllegalArgumentException("attention_dim " + attDim + " must be divisible by num_heads " + heads);
    }
    this.heads = heads;
    this.attDim = attDim;
    this.q = new Linear(store, name + ".q", dim, attDim, false);
    this.k = new Linear(store, name + ".k", dim, attDim, false);
    this.v = new Linear(store, name + ".v", dim, attDim, false);
    this.o = new Linear(store, name + ".o", attDim, dim, false);
  }

  /** {@code (B, L, d)} from {@code x (B, L, d)} and {@code mask (B, L)}. */
  public NDArray forward(Step s, NDArray x, NDArray mask) {
    long b = x.getShape().get(0);
    long l = x.getShape().get(1);
    long dh = attDim / heads;
    NDArray qh = Scalars.div(q.forward(s, x), (float) Math.sqrt(dh)).reshape(b, l, heads, dh).transpose(0, 2, 1, 3);
    NDArray kh = k.forward(s, x).reshape(b, l, heads, dh).transpose(0, 2, 3, 1);      // (B,H,dh,L)
    NDArray vh = v.forward(s, x).reshape(b, l, heads, dh).transpose(0, 2, 1, 3);      // (B,H,L,dh)
    NDArray w = Masks.softmax(qh.matMul(kh), mask.reshape(b, 1, 1, l));                // (B,H,L,L)
    NDArray att = w.matMul(vh).transpose(0, 2, 1, 3).reshape(b, l, attDim);
    return x.add(o.forward(s, att)).mul(mask.expandDims(-1));
  }

  /** Mean of {@code h (B, L, d)} over valid positions of {@code mask (B, L)} → {@code (B, d)} (zero when none). */
  public static NDArray meanPool(NDArray h, NDArray mask) {
    NDArray cnt = Scalars.maximum(mask.sum(new int[] {1}, true), 1f);
    return h.mul(mask.expandDims(-1)).sum(new int[] {1}).div(cnt);
  }
}
