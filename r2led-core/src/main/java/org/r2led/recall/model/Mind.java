package org.r2led.recall.model;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.r2led.nextitem.NextItemData;
import org.r2led.nn.Act;
import org.r2led.nn.Init;
import org.r2led.nn.Mlp;
import org.r2led.nn.Param;
import org.r2led.nn.Scalars;
import org.r2led.nn.Step;
import org.r2led.config.Config;
import org.r2led.recall.RecallKeys;
import org.r2led.recall.ann.Hits;
import org.r2led.recall.ann.TopScores;
import org.r2led.recall.train.NeuralRecall;
import org.r2led.recall.train.RecallBatch;

/**
 * MIND-style multi-interest retrieval (Li et al., 2019). Behaviour-to-interest dynamic routing over the
 * last {@code short_seq_len} items: {@code ê_j = S e_j} (shared bilinear map), routing logits start
 * from fixed seeded Gaussians {@code (num_interests, L)} and are refined {@code routing_iterations}
 * times ({@code w = softmax over interests}, {@code u_k = squash(Σ_j w_kj ê_j)}, {@code b_kj += u_k·ê_j},
 * the update without gradient); each capsule then passes a ReLU layer. Training uses label-aware
 * attention {@code softmax_k(2·v_k·e_t)} to form one user vector for a sampled softmax over catalog
 * negatives; retrieval searches with each interest and keeps an item's best score.
 */
public final class Mind extends NeuralRecall {
  private static final float LABEL_POWER = 2f;
  private final Param bilinear;
  private final Mlp out;
  private final float[] routingInit;

  public Mind(NextItemData data, Config cfg) {
    super(data, cfg);
    this.bilinear = store.dense("mind.S", Init.XAVIER_UNIFORM, dim, dim);
    this.out = new Mlp(store, "mind.out", dim, new int[] {2 * dim}, Act.RELU, dim);
    SplittableRandom r = new SplittableRandom((long) cfg.get(RecallKeys.SEED) * 31 + 7);
    this.routingInit = new float[cfg.get(RecallKeys.NUM_INTERESTS) * cfg.get(RecallKeys.SHORT_SEQ_LEN)];
    for (int i = 0; i < routingInit.length; i++) routingInit[i] = (float) r.nextGaussian();
  }

  @Override
  public String name() { return "mind"; }

  @Override
  protected RecallBatch.Shape shape() { return new RecallBatch.Shape(cfg.get(RecallKeys.SHORT_SEQ_LEN), 0, 0, 0, cfg.get(RecallKeys.CATALOG_NEGATIVES)); }

  /** Interests {@code (B, K, d)}. */
  private NDArray interests(Step s, RecallBatch b, Rows r) {
    int k = cfg.get(RecallKeys.NUM_INTERESTS);
    int l = b.shortLen;
    NDArray low = r.itemEmb(b.shortItem, b.b, l).matMul(s.p(bilinear));              // (B,L,d)
    NDArray mask = s.floats(b.shortMask, b.b, 1, l);                                  // (B,1,L)
    NDArray logits = s.floats(routingInit, 1, k, l).broadcast(b.b, k, l);
    NDArray lowStop = low.stopGradient();
    NDArray u = null;
    for (int it = 0; it < cfg.get(RecallKeys.ROUTING_ITERATIONS); it++) {
      NDArray w = logits.softmax(1).mul(mask);                                        // (B,K,L)
      NDArray z = w.matMul(it == cfg.get(RecallKeys.ROUTING_ITERATIONS) - 1 ? low : lowStop);        // (B,K,d)
      u = squash(z);
      if (it < cfg.get(RecallKeys.ROUTING_ITERATIONS) - 1) logits = logits.add(u.matMul(lowStop.transpose(0, 2, 1)));
    }
    return out.forward(s, u);
  }

  private static NDArray squash(NDArray z) {
    NDArray n2 = z.square().sum(new int[] {-1}, true);
    return z.mul(n2.div(Scalars.add(n2, 1f))).div(Scalars.add(n2, 1e-9f).sqrt());
  }

  @Override
  protected NDArray loss(Step s, RecallBatch b, Rows r) {
    NDArray v = interests(s, b, r);                                                   // (B,K,d)
    NDArray pos = r.itemOut(b.target, b.b);                                           // (B,d+1)
    NDArray e = pos.get(":, 0:" + dim).expandDims(-1);                                // (B,d,1)
    NDArray a = Scalars.mul(v.matMul(e), LABEL_POWER).softmax(1);                     // (B,K,1)
    NDArray user = v.mul(a).sum(new int[] {1});                                       // (B,d)
    return sampledSoftmax(s, withBias(user), pos, null, null, r.itemOut(b.catalogNeg, b.catalogNegatives),
        b.catalogNegMask);
  }

  @Override
  public Hits retrieve(int[] items, int[] categories, int n) {
    RecallBatch b = RecallBatch.inference(items, categories, 1, null, shape());
    float[] v;
    try (Step s = new Step(false)) {
      v = interests(s, b, new Rows(s, b)).toFloatArray();
    }
    Map<Integer, Float> best = new HashMap<>();
    for (int k = 0; k < cfg.get(RecallKeys.NUM_INTERESTS); k++) {
      Hits h = index().search(query(v, k * dim, dim), n);
      for (int j = 0; j < h.size(); j++) best.merge(h.ids()[j], h.scores()[j], Math::max);
    }
    int[] ids = best.keySet().stream().mapToInt(Integer::intValue).toArray();
    float[] sc = new float[ids.length];
    for (int j = 0; j < ids.length; j++) sc[j] = best.get(ids[j]);
    return TopScores.of(ids, sc, n);
  }
}
