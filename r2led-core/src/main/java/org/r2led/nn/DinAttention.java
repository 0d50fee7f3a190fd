package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * DIN's local activation unit: for target q {@code (B, d)} and keys k {@code (B, K, d)}, the score of
 * each key is {@code MLP([q, k, q−k, q⊙k])} (hidden units + activation, then one linear output);
 * the interest is {@code Σ_k w_k k} {@code (B, d)}. Without softmax (DIN's default) the weights are the
 * raw scores with masked keys zeroed; with softmax, masked keys get weight 0 and an all-masked row
 * gives a zero vector.
 *
 * <p>Keys and mask may have batch size 1 ({@code (1, K, d)}, {@code (1, K)}): one key set shared by all B
 * queries (e.g. the same recent behaviors for every candidate of a request), broadcast instead of
 * copied; the key-only part of the first layer is then computed once.
 *
 * <p>The first layer's weight {@code (4d, h)} is applied as {@code q(W_q+W_d) + k(W_k−W_d) + (q⊙k)W_p},
 * which equals the concatenated form and costs half as much per key.
 */
public final class DinAttention {
  private final int dim;
  private final Param w1;
  private final Param b1;
  private final Act act;
  private final Mlp rest;
  private final boolean softmax;

  public DinAttention(ParamStore store, String name, int dim, int[] hiddenUnits, Act act, boolean softmax) {
    if (hiddenUnits.length == 0) throw new IllegalArgumentException("attention_hidden_units must not be empty");
    this.dim = dim;
    this.w1 = store.dense(name + ".h0.w", Init.XAVIER_UNIFORM, 4L * dim, hiddenUnits[0]);
    this.b1 = store.dense(name + ".h0.b", Init.ZEROS, hiddenUnits[0]);
    this.act = act;
    int[] tail = java.util.Arrays.copyOfRange(hiddenUnits, 1, hiddenUnits.length);
    this.rest = new Mlp(store, name + ".mlp", hiddenUnits[0], tail, act, 1);
    this.softmax = softmax;
  }

  /** Attention weights {@code (B, K)} for q {@code (B, d)}, keys {@code (B, K, d)} or {@code (1, K, d)}, mask {@code (B, K)} or {@code (1, K)}. */
  public NDArray weights(Step s, NDArray q, NDArray keys, NDArray mask) {
    NDArray w = s.p(w1);
    NDArray wq = w.get("0:{}", dim);
    NDArray wk = w.get("{}:{}", dim, 2 * dim);
    NDArray wd = w.get("{}:{}", 2 * dim, 3 * dim);
    NDArray wp = w.get("{}:{}", 3 * dim, 4 * dim);
    NDArray hq = q.matMul(wq.add(wd)).add(s.p(b1)).expandDims(1);          // (B,1,h)
    NDArray hk = keys.matMul(wk.sub(wd));                                   // (B,K,h)
    NDArray hp = keys.mul(q.expandDims(1)).matMul(wp);                      // (B,K,h)
    NDArray h = act.apply(hq.add(hk).add(hp));
    NDArray scores = rest.forward(s, h).squeeze(-1);                         // (B,K)
    return softmax ? Masks.softmax(scores, mask) : scores.mul(mask);
  }

  /** Pooled interest {@code (B, d)}. */
  public NDArray forward(Step s, NDArray q, NDArray keys, NDArray mask) {
    long t = Profile.start();
    NDArray r = forwardImpl(s, q, keys, mask);
    Profile.stop("forward.din_attention", t);
    return r;
  }

  private NDArray forwardImpl(Step s, NDArray q, NDArray keys, NDArray mask) {
    NDArray w = weights(s, q, keys, mask);
    return w.expandDims(1).matMul(keys).squeeze(1);
  }
}
