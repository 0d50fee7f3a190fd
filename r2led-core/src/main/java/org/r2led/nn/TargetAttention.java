package org.r2led.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-head target attention over {@code G} independent groups (e.g. retrieval routes), each with
 * its own projections. Query = the target {@code (B, dq)}; keys/values = the group's tokens
 * {@code (G, B, K, dk)} with mask {@code (G, B, K)}. Per group and head h:
 * {@code softmax(q_h k_hᵀ / √d_h)} over unmasked keys, times {@code v_h}; heads are concatenated and
 * projected to {@code out}. Output {@code (G, B, out)}; an all-masked group row gives exactly zero
 * (before the output bias-free projection, so also after).
 */
public final class TargetAttention {
  private final int groups;
  private final int heads;
  private final int attDim;
  private final Param wq;
  private final Param wk;
  private final Param wv;
  private final Param wo;

  public TargetAttention(ParamStore store, String name, int groups, int dq, int dk, int attDim, int heads, int out) {
    if (attDim % heads != 0) {
      throw new IllegalArgumentException("attention_dim " + attDim + " must be divisible by num_heads " + heads);
    }
    this.groups = groups;
    this.heads = heads;
    this.attDim = attDim;
    this.wq = store.dense(name + ".wq", Init.XAVIER_UNIFORM, groups, dq, attDim);
    this.wk = store.dense(name + ".wk", Init.XAVIER_UNIFORM, groups, dk, attDim);
    this.wv = store.dense(name + ".wv", Init.XAVIER_UNIFORM, groups, dk, attDim);
    this.wo = store.dense(name + ".wo", Init.XAVIER_UNIFORM, groups, attDim, out);
  }

  /** Head-averaged attention weights are not needed by models; this returns the pooled output {@code (G, B, out)}. */
  public NDArray forward(Step s, NDArray q, NDArray keys, NDArray mask) {
    long t = Profile.start();
    NDArray r = forwardImpl(s, q, keys, null, mask);
    Profile.stop("forward.target_attention", t);
    return r;
  }

  /**
   * {@link #forward(Step, NDArray, NDArray, NDArray)} with the keys given per group, {@code keys.get(g)} of shape
   * {@code (1, B, K, dk)}: e.g. the {@code split} views of one {@code (G, B, K, dk)} array, one of which another
   * block reads too (its gradient then joins this block's before the one gather's backward).
   */
  public NDArray forward(Step s, NDArray q, NDList keys, NDArray mask) {
    if (keys.size() != groups) throw new IllegalArgumentException("expected keys of " + groups + " groups, got " + keys.size());
    long t = Profile.start();
    NDArray r = forwardImpl(s, q, null, keys, mask);
    Profile.stop("forward.target_attention", t);
    return r;
  }

  /** The forward pass over keys {@code (G, B, K, dk)} or, when that is null, over {@code perGroup}. */
  private NDArray forwardImpl(Step s, NDArray q, NDArray keys, NDList perGroup, NDArray mask) {
    if (Experiment.on("legacy_target_attention")) return forwardProjected(s, q, keys != null ? keys : NDArrays.concat(perGroup, 0), mask);
    long b = q.getShape().get(0);
    Shape shape = (keys != null ? keys : perGroup.get(0)).getShape();
    long k = shape.get(2);
    long dk = shape.get(3);
    long dh = attDim / heads;
    // Keys and values are never projected token by token: for head h, q_h·(W_k,h x) = (W_k,h q_h)·x
    // and Σ w (W_v,h x) = W_v,h (Σ w x), so the query is mapped into key space once per sample and the
    // weighted key sum is projected once per sample (the same bilinear forms, 2·attDim/heads times
    // fewer multiplications per token than projecting every key and value).
    NDArray qp = Scalars.div(q.matMul(s.p(wq)), (float) Math.sqrt(dh));                // (G,B,a), scaled
    NDArray qh = qp.reshape(groups, b, heads, dh).transpose(0, 2, 1, 3);               // (G,H,B,dh)
    NDArray wkh = s.p(wk).reshape(groups, dk, heads, dh).transpose(0, 2, 3, 1);         // (G,H,dh,dk)
    NDArray qk = qh.matMul(wkh).transpose(0, 2, 1, 3);                                 // (G,B,H,dk)
    NDArray m = mask.reshape(groups, b, 1, k);
    NDArray pooled = (perGroup == null && Experiment.on("legacy_route_blocks") ? pool(qk, keys, m)
        : poolByGroup(qk, perGroup != null ? perGroup : keys.split(groups, 0), m)).transpose(0, 2, 1, 3); // (G,H,B,dk)
    NDArray wvh = s.p(wv).reshape(groups, dk, heads, dh).transpose(0, 2, 1, 3);         // (G,H,dk,dh)
    NDArray o = pooled.matMul(wvh).transpose(0, 2, 1, 3).reshape(groups, b, attDim);    // (G,B,a)
    return o.matMul(s.p(wo));                                                          // (G,B,out)
  }

  /**
   * The attention core of queries in key space {@code qk (G', B, H, dk)} over {@code keys (G', B, K, dk)} with mask
   * {@code (G', B, 1, K)}: {@code softmax(qk keysᵀ) keys} → {@code (G', B, H, dk)}.
   */
  private static NDArray pool(NDArray qk, NDArray keys, NDArray mask) {
    NDArray scores = qk.matMul(keys.transpose(0, 1, 3, 2));                            // (G',B,H,K)
    return Masks.softmax(scores, mask).matMul(keys);
  }

  /**
   * {@link #pool} one group at a time (the same products and element-wise ops, hence the same values): a group's
   * keys, scores and keys gradients (~3 MB each at B 512, K 50, d 32) stay in cache between the ops that read them,
   * where all groups at once (~16 MB each) go to memory and back for every op, forward and backward. Switch
   * {@code legacy_route_blocks} ({@link Experiment}) runs all groups at once, for comparison.
   */
  private NDArray poolByGroup(NDArray qk, NDList ks, NDArray mask) {
    NDList qs = qk.split(groups, 0);
    NDList ms = mask.split(groups, 0);
    NDList out = new NDList(groups);
    for (int g = 0; g < groups; g++) out.add(pool(qs.get(g), ks.get(g), ms.get(g)));
    return NDArrays.concat(out, 0);
  }

  /** The direct form (every key and value projected); kept for comparison. */
  NDArray forwardProjected(Step s, NDArray q, NDArray keys, NDArray mask) {
    long b = q.getShape().get(0);
    long k = keys.getShape().get(2);
    long dh = attDim / heads;
    NDArray qp = q.matMul(s.p(wq));                                          // (G,B,a)
    NDArray kp = keys.matMul(s.p(wk).expandDims(1));                          // (G,B,K,a)
    NDArray vp = keys.matMul(s.p(wv).expandDims(1));                          // (G,B,K,a)
    NDArray qh = qp.reshape(groups, b, heads, 1, dh);
    NDArray kh = kp.reshape(groups, b, k, heads, dh).transpose(0, 1, 3, 4, 2); // (G,B,H,dh,K)
    NDArray vh = vp.reshape(groups, b, k, heads, dh).transpose(0, 1, 3, 2, 4); // (G,B,H,K,dh)
    NDArray scores = Scalars.div(qh.matMul(kh), (float) Math.sqrt(dh));                 // (G,B,H,1,K)
    NDArray m = mask.reshape(groups, b, 1, 1, k);
    NDArray w = Masks.softmax(scores, m);
    NDArray o = w.matMul(vh).reshape(groups, b, attDim);                       // (G,B,a)
    return o.matMul(s.p(wo));                                                  // (G,B,out)
  }
}
