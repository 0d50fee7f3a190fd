package org.r2led.seqrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.r2led.nn.Init;
import org.r2led.nn.InfoNce;
import org.r2led.nn.Linear;
import org.r2led.nn.Masks;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Scalars;
import org.r2led.nn.Step;

/**
 * DMESR's item semantics (docs/seqrec.md): the {@code M} coarse views, each projected to {@code d}
 * ({@code C (N+1, M, d)}, missing views zero and masked), and the fine view, the frozen token outputs
 * {@code X (N+1, T, e)} of the item text (padding masked), fused by cross-attention in both directions:
 *
 * <ul>
 *   <li>coarse → fine: each present view queries the tokens,
 *       {@code a_m = softmax(q_m K_Xᵀ/√a) V_X}; {@code z₁ = mean over present views of (c_m + a_m)};</li>
 *   <li>fine → coarse: each token queries the present views, {@code b_t = softmax(q_t K_Cᵀ/√a) V_C};
 *       {@code z₂ = mean over tokens of (W_f x_t + b_t)};</li>
 *   <li>item semantics {@code s = W_o [z₁; z₂]} (no bias: an item with no views gets 0).</li>
 * </ul>
 * Tokens are never projected one by one: {@code q·(W_k x) = (W_kᵀ q)·x} and
 * {@code Σ w (W_v x) = W_v (Σ w x)}, so the cost per item is {@code O(M·T·e)} (the same bilinear forms).
 * With fusion off, {@code z₁} is the mean of the present {@code c_m} and {@code z₂ = W_f mean_t x_t}.
 * The alignment loss is the symmetric InfoNCE ({@link InfoNce}) between pairs of projected coarse views of
 * in-batch items that have both. Constants live in this object's manager: {@link #close()} frees them;
 * call the forward inside an {@code NDScope} (ops whose first operand is a constant belong to it).
 */
public final class DualViewFusion implements AutoCloseable {
  private final int views;
  private final int attDim;
  private final boolean fusion;
  private final List<Linear> coarseProj = new ArrayList<>();
  private final Linear fineProj;
  private final Param cfQ;
  private final Param cfK;
  private final Param cfV;
  private final Param fcQ;
  private final Param fcK;
  private final Param fcV;
  private final Linear out;
  private final NDManager constants;
  private final List<NDArray> coarse = new ArrayList<>();
  private final NDArray present;     // (N+1, M)
  private final NDArray tokens;      // (N+1, T, e)
  private final NDArray tokenMask;   // (N+1, T)
  private final NDArray tokenMean;   // (N+1, e)
  private final NDArray tokenCount;  // (N+1, 1), at least 1
  private final boolean[][] presentRows;
  private final int numItems;

  /** @param maxTokens width T of the padded token tensor (at least the longest item; more only adds padding) */
  public DualViewFusion(ParamStore store, String name, ItemViews v, int dim, int attDim, boolean fusion, int maxTokens) {
    this.views = v.coarse().size();
    this.attDim = attDim;
    this.fusion = fusion;
    this.numItems = v.numItems();
    int e = v.fine().dim();
    for (int m = 0; m < views; m++) coarseProj.add(new Linear(store, name + ".view" + m, v.coarse().get(m).dim(), dim, true));
    this.fineProj = new Linear(store, name + ".fine", e, dim, false);
    this.cfQ = store.dense(name + ".cf.q", Init.XAVIER_UNIFORM, dim, attDim);
    this.cfK = store.dense(name + ".cf.k", Init.XAVIER_UNIFORM, e, attDim);
    this.cfV = store.dense(name + ".cf.v", Init.XAVIER_UNIFORM, e, dim);
    this.fcQ = store.dense(name + ".fc.q", Init.XAVIER_UNIFORM, e, attDim);
    this.fcK = store.dense(name + ".fc.k", Init.XAVIER_UNIFORM, dim, attDim);
    this.fcV = store.dense(name + ".fc.v", Init.XAVIER_UNIFORM, dim, dim);
    this.out = new Linear(store, name + ".out", 2 * dim, dim, false);
    this.constants = NDManager.newBaseManager();
    int n1 = numItems + 1;
    presentRows = new boolean[views][];
    float[] pres = new float[n1 * views];
    for (int m = 0; m < views; m++) {
      ItemViews.Coarse c = v.coarse().get(m);
      coarse.add(constants.create(c.rows(), new Shape(n1, c.dim())));
      presentRows[m] = c.present().clone();
      for (int i = 1; i < n1; i++) pres[i * views + m] = c.present()[i] ? 1f : 0f;
    }
    this.present = constants.create(pres, new Shape(n1, views));
    ItemViews.Fine f = v.fine();
    int t = Math.max(1, Math.max(maxTokens, f.maxTokens()));
    float[] x = new float[Math.toIntExact((long) n1 * t * e)];
    float[] mask = new float[n1 * t];
    float[] mean = new float[n1 * e];
    float[] count = new float[n1];
    for (int i = 0; i < n1; i++) {
      int k = f.tokens(i);
      System.arraycopy(f.data(), f.offsets()[i] * e, x, i * t * e, k * e);
      for (int j = 0; j < k; j++) {
        mask[i * t + j] = 1f;
        for (int q = 0; q < e; q++) mean[i * e + q] += f.data()[(f.offsets()[i] + j) * e + q] / k;
      }
      count[i] = Math.max(1, k);
    }
    this.tokens = constants.create(x, new Shape(n1, t, e));
    this.tokenMask = constants.create(mask, new Shape(n1, t));
    this.tokenMean = constants.create(mean, new Shape(n1, e));
    this.tokenCount = constants.create(count, new Shape(n1, 1));
  }

  public int numViews() { return views; }

  /** Whether item {@code i} has coarse view {@code m}. */
  public boolean present(int m, int item) { return presentRows[m][item]; }

  /** Projected coarse views {@code (N+1, M, d)}, missing views zero. */
  public NDArray coarseViews(Step s) {
    NDList cs = new NDList(views);
    for (int m = 0; m < views; m++) cs.add(coarseProj.get(m).forward(s, s.manager().create(0f).add(coarse.get(m))));
    return NDArrays.stack(cs, 1).mul(present.expandDims(-1));
  }

  /** Semantic vectors of every item {@code (N+1, d)} (row 0, padding, is zero), from {@link #coarseViews}. */
  public NDArray semantics(Step s, NDArray c) {
    NDArray pres = s.manager().create(0f).add(present);                                  // (N+1,M), step-owned
    NDArray nViews = Scalars.maximum(pres.sum(new int[] {1}, true), 1f);                 // (N+1,1)
    NDArray fineBase = fineProj.forward(s, s.manager().create(0f).add(tokenMean));       // (N+1,d)
    NDArray z1;
    NDArray z2;
    if (!fusion) {
      z1 = c.sum(new int[] {1}).div(nViews);
      z2 = fineBase;
    } else {
      float scale = (float) Math.sqrt(attDim);
      // coarse → fine: queries c_m, keys/values the tokens
      NDArray qk = c.matMul(s.p(cfQ)).matMul(s.p(cfK).transpose());                      // (N+1,M,e)
      NDArray sc = Scalars.div(qk.matMul(tokens.transpose(0, 2, 1)), scale);              // (N+1,M,T)
      NDArray w = Masks.softmax(sc, tokenMask.expandDims(1));
      NDArray a = w.matMul(tokens).matMul(s.p(cfV));                                     // (N+1,M,d)
      z1 = c.add(a).mul(pres.expandDims(-1)).sum(new int[] {1}).div(nViews);
      // fine → coarse: queries the tokens, keys/values the present views
      NDArray kq = c.matMul(s.p(fcK)).matMul(s.p(fcQ).transpose());                      // (N+1,M,e)
      NDArray sc2 = Scalars.div(kq.matMul(tokens.transpose(0, 2, 1)), scale).transpose(0, 2, 1); // (N+1,T,M)
      NDArray w2 = Masks.softmax(sc2, pres.expandDims(1));                               // (N+1,T,M)
      NDArray wMean = tokenMask.expandDims(1).matMul(w2).div(tokenCount.expandDims(-1)); // (N+1,1,M)
      NDArray b = wMean.matMul(c.matMul(s.p(fcV))).squeeze(1);                           // (N+1,d)
      z2 = fineBase.add(b);
    }
    return out.forward(s, NDArrays.concat(new NDList(z1, z2), -1));
  }

  /**
   * Mean symmetric InfoNCE over view pairs {@code (m, m')}, each over the given items that have both views
   * (pairs with fewer than 2 such items are skipped); null when no pair has 2.
   */
  public NDArray alignment(Step s, NDArray c, int[] items, float temperature) {
    NDList losses = new NDList();
    for (int m = 0; m < views; m++) {
      for (int m2 = m + 1; m2 < views; m2++) {
        List<Integer> sel = new ArrayList<>();
        for (int i : items) if (presentRows[m][i] && presentRows[m2][i]) sel.add(i);
        if (sel.size() < 2) continue;
        NDArray idx = s.ints(sel.stream().mapToInt(Integer::intValue).toArray(), sel.size());
        NDArray ci = org.r2led.nn.Gather.rows(s, c.reshape(numItems + 1, (long) views * c.getShape().get(2)), idx)
            .reshape(sel.size(), views, c.getShape().get(2));
        losses.add(InfoNce.symmetric(ci.get(":, {}, :", m), ci.get(":, {}, :", m2), temperature));
      }
    }
    if (losses.isEmpty()) return null;
    return NDArrays.stack(losses).mean();
  }

  /** The output map {@code W_o} ({@code 2d × d}) of {@code s = W_o [z₁; z₂]}. */
  Param outputWeight() { return out.weight(); }

  @Override
  public void close() { constants.close(); }
}
