package org.r2led.recall.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.r2led.nn.Init;
import org.r2led.nn.Linear;
import org.r2led.nn.Masks;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Scalars;
import org.r2led.nn.Step;

/**
 * PGIN, the pointer-generator next-category predictor of ULIM. Inputs: the short-term vector
 * {@code v_s (B, d)} and the user's distinct touched categories {@code (B, M)} (most recent first), each a
 * token {@code c_m = C[cat_m] + W_f [log(1+count), age/(1+age)]}.
 * <ul>
 *   <li>pointer: target attention with query {@code v_s W_q} over keys {@code c_m W_k}, a distribution
 *       over the M touched categories (mass only there);</li>
 *   <li>generator: {@code softmax(v_s W_g + b_g)} over all categories (padding excluded);</li>
 *   <li>gate: {@code g = σ(w_g·[v_s; Σ_m p_m c_m] + b)}; {@code P(c) = g·P_ptr(c) + (1−g)·P_gen(c)}.</li>
 * </ul>
 * With the pointer off (ablation) {@code P = P_gen}.
 */
final class Pgin {
  /** Per-row outputs: pointer weights {@code (B, M)}, generator probabilities {@code (B, C+1)}, gate {@code (B, 1)}. */
  record Out(NDArray pointer, NDArray generator, NDArray gate) {}

  private final int dim;
  private final int numCategories;
  private final boolean pointerOn;
  private final Linear feat;
  private final Param wq;
  private final Param wk;
  private final Linear gen;
  private final Linear gate;

  Pgin(ParamStore store, int dim, int numCategories, boolean pointerOn) {
    this.dim = dim;
    this.numCategories = numCategories;
    this.pointerOn = pointerOn;
    this.feat = new Linear(store, "pgin.feat", 2, dim, false);
    this.wq = store.dense("pgin.wq", Init.XAVIER_UNIFORM, dim, dim);
    this.wk = store.dense("pgin.wk", Init.XAVIER_UNIFORM, dim, dim);
    this.gen = new Linear(store, "pgin.gen", dim, numCategories + 1, true);
    this.gate = new Linear(store, "pgin.gate", 2 * dim, 1, true);
  }

  boolean pointerOn() { return pointerOn; }

  /**
   * @param vs {@code (B, d)}
   * @param catEmb {@code (B, M, d)} category embeddings of the touched categories
   * @param catFeat {@code (B, M, 2)}
   * @param catMask {@code (B, M)}
   */
  Out forward(Step s, NDArray vs, NDArray catEmb, NDArray catFeat, NDArray catMask) {
    long b = vs.getShape().get(0);
    float[] padMask = new float[numCategories + 1];
    java.util.Arrays.fill(padMask, 1f);
    padMask[0] = 0f;
    NDArray pGen = Masks.softmax(gen.forward(s, vs), s.floats(padMask, 1, numCategories + 1));   // (B,C+1)
    if (!pointerOn) return new Out(null, pGen, null);
    NDArray tok = catEmb.add(feat.forward(s, catFeat));                                         // (B,M,d)
    NDArray q = vs.matMul(s.p(wq)).expandDims(1);                                                // (B,1,d)
    NDArray k = tok.matMul(s.p(wk));                                                             // (B,M,d)
    NDArray scores = Scalars.div(q.matMul(k.transpose(0, 2, 1)), (float) Math.sqrt(dim)).reshape(b, -1);
    NDArray w = Masks.softmax(scores, catMask);                                                  // (B,M)
    NDArray ctx = w.expandDims(-1).mul(tok).sum(new int[] {1});                                  // (B,d)
    NDArray g = Activation.sigmoid(gate.forward(s, vs.concat(ctx, 1)));                          // (B,1)
    return new Out(w, pGen, g);
  }

  /** {@code −log P(c_t)}, mean over rows; {@code catTarget (B, M)} marks the target in the touched list. */
  NDArray loss(Step s, Out o, float[] catTarget, int[] targetCategory) {
    int b = targetCategory.length;
    float[] onehot = new float[b * (numCategories + 1)];
    for (int r = 0; r < b; r++) onehot[r * (numCategories + 1) + targetCategory[r]] = 1f;
    NDArray gen = o.generator().mul(s.floats(onehot, b, numCategories + 1)).sum(new int[] {1}, true);   // (B,1)
    NDArray p = gen;
    if (pointerOn) {
      long m = o.pointer().getShape().get(1);
      NDArray ptr = o.pointer().mul(s.floats(catTarget, b, m)).sum(new int[] {1}, true);
      p = o.gate().mul(ptr).add(Scalars.sub(o.gate(), 1f).neg().mul(gen));
    }
    return Scalars.add(p, 1e-8f).log().neg().mean();
  }

  /** Java-side {@code P(c)} of one row (index = category, 0 stays 0) from the forward's outputs. */
  static float[] distribution(int numCategories, float[] pointer, int[] touched, float[] generator, float gate,
      boolean pointerOn) {
    float[] p = new float[numCategories + 1];
    float gg = pointerOn ? gate : 0f;
    for (int c = 1; c <= numCategories; c++) p[c] = (1 - gg) * generator[c];
    if (pointerOn) for (int m = 0; m < touched.length; m++) p[touched[m]] += gg * pointer[m];
    return p;
  }

}
