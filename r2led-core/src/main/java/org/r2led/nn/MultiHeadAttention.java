package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * Scaled dot-product multi-head attention with projections (Vaswani et al.): queries {@code (B, Q, dq)}
 * attend over keys/values {@code (B, K, dk)}; the mask (1 = may attend, 0 = not) broadcasts to
 * {@code (B, Q, K)} — a key-padding mask {@code (B, 1, K)}, a causal mask {@code (1, Q, K)} or their
 * product. A query row whose keys are all masked gets exactly zero attention output (before the bias-free
 * output projection, so also after). Output {@code (B, Q, out)}. Self-attention: pass the same array
 * as queries and keys.
 */
public final class MultiHeadAttention {
  private final int heads;
  private final int attDim;
  private final Linear wq;
  private final Linear wk;
  private final Linear wv;
  private final Linear wo;

  public MultiHeadAttention(ParamStore store, String name, int dq, int dk, int attDim, int heads, int out) {
    this(store, name, dq, dk, attDim, heads, out, true);
  }

  /** As above; {@code bias} false leaves the query/key/value projections without bias. */
  public MultiHeadAttention(ParamStore store, String name, int dq, int dk, int attDim, int heads, int out, boolean bias) {
    if (attDim % heads != 0) {
      throw new IllegalArgumentException("attention_dim " + attDim + " must be divisible by num_heads " + heads);
    }
    this.heads = heads;
    this.attDim = attDim;
    this.wq = new Linear(store, name + ".q", dq, attDim, bias);
    this.wk = new Linear(store, name + ".k", dk, attDim, bias);
    this.wv = new Linear(store, name + ".v", dk, attDim, bias);
    this.wo = new Linear(store, name + ".o", attDim, out, false);
  }

  /** {@code (B, Q, out)} from queries {@code (B, Q, dq)}, keys {@code (B, K, dk)}, mask broadcastable to {@code (B, Q, K)}. */
  public NDArray forward(Step s, NDArray queries, NDArray keys, NDArray mask) {
    long b = queries.getShape().get(0);
    long q = queries.getShape().get(1);
    long k = keys.getShape().get(1);
    long dh = attDim / heads;
    NDArray qh = wq.forward(s, queries).reshape(b, q, heads, dh).transpose(0, 2, 1, 3);   // (B,H,Q,dh)
    NDArray kh = wk.forward(s, keys).reshape(b, k, heads, dh).transpose(0, 2, 3, 1);      // (B,H,dh,K)
    NDArray vh = wv.forward(s, keys).reshape(b, k, heads, dh).transpose(0, 2, 1, 3);      // (B,H,K,dh)
    NDArray scores = Scalars.div(qh.matMul(kh), (float) Math.sqrt(dh));                   // (B,H,Q,K)
    NDArray m = mask.getShape().dimension() == 3 ? mask.expandDims(1) : mask;
    NDArray w = Masks.softmax(scores, m);
    NDArray o = w.matMul(vh).transpose(0, 2, 1, 3).reshape(b, q, attDim);                 // (B,Q,a)
    return wo.forward(s, o);
  }
}
