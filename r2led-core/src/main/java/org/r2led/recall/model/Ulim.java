package org.r2led.recall.model;

import ai.djl.ndarray.NDArray;
import org.r2led.nextitem.NextItemData;
import org.r2led.nn.Linear;
import org.r2led.nn.Param;
import org.r2led.nn.Profile;
import org.r2led.nn.Scalars;
import org.r2led.nn.SelfAttention;
import org.r2led.nn.Step;
import org.r2led.nn.TargetAttention;
import org.r2led.nn.UniqueIds;
import org.r2led.config.Config;
import org.r2led.recall.RecallKeys;
import org.r2led.recall.ann.ExactIndex;
import org.r2led.recall.ann.Hits;
import org.r2led.recall.ann.TopScores;
import org.r2led.recall.train.NeuralRecall;
import org.r2led.recall.train.RecallBatch;

/**
 * ULIM (Meng et al., RecSys 2025), our reading (docs/retrieval.md#ulim):
 * <ul>
 *   <li>short-term: tokens {@code item + category + position} of the last {@code short_seq_len} positives
 *       → one multi-head self-attention layer → mean pool → linear: {@code v_s (d)};</li>
 *   <li>long-term: target attention with query {@code v_s} over the last {@code long_seq_len} positives of
 *       one category, plus {@code v_s} (residual, so a category with few positives still has a vector):
 *       {@code v_l(c) (d)}; ablations: self-attention + mean pool instead ({@code long_encoder=self_attention}),
 *       or {@code v_l = v_s} ({@code long_encoder=none});</li>
 *   <li>loss {@code α·L_long + β·L_short + γ·L_category}: sampled softmax of {@code v_l(c_t)} against
 *       {@code num_negatives} negatives of the positive's own category; of {@code v_s} against the same plus
 *       shared catalog negatives ({@code short_negatives=mixed}, since {@code v_s} also searches all items);
 *       PGIN's {@code −log P(c_t)};</li>
 *   <li>retrieval: PGIN's top {@code topk_categories} categories each search their own items with
 *       {@code v_l(c)}; {@code v_s} searches all items; an item's merged score is
 *       {@code w·P(c)·p_l(i|c) + (1−w)·p_s(i)} with each {@code p} a softmax over its route's hits and
 *       {@code w = cascade_weight};</li>
 *   <li>repeat route (ours, off by default): with {@code r = repeat_weight > 0} the merged score is
 *       {@code (1−r)·(the above) + r·p_rep(i)}, {@code p_rep} a softmax of {@code [v_s; 1]·[e_i; b_i]} over the
 *       distinct items of the last {@code short_seq_len} positives (re-views are a third of Taobao's next
 *       items; docs/retrieval.md#repeat-route).</li>
 *   <li>co-occurrence route (ours, off by default): with {@code q = cooc_weight > 0} the merged score is
 *       {@code (1−q)·(the above) + q·p_co(i)}, {@code p_co} item_cooc's scores over the history
 *       ({@code cooc_window}) normalised to sum to 1 over its top hits (docs/retrieval.md#cooc-route).</li>
 * </ul>
 */
public final class Ulim extends NeuralRecall {
  private final Param position;
  private final SelfAttention shortSa;
  private final Linear shortOut;
  private final TargetAttention longTa;
  private final SelfAttention longSa;
  private final Linear longOut;
  private final Pgin pgin;
  private final String longEncoder;
  /** The co-occurrence route's table (item_cooc over the training positions), when {@code cooc_weight > 0}. */
  private final ItemCoocRetriever coocTable;

  public Ulim(NextItemData data, Config cfg) {
    super(data, cfg);
    this.coocTable = cfg.get(RecallKeys.COOC_WEIGHT) > 0 ? new ItemCoocRetriever(data, cfg.get(RecallKeys.COOC_WINDOW)) : null;
    this.longEncoder = cfg.get(RecallKeys.LONG_ENCODER);
    this.position = store.denseTable("ulim.position", cfg.get(RecallKeys.SHORT_SEQ_LEN), dim, 0.05);
    this.shortSa = new SelfAttention(store, "ulim.short_sa", dim, dim, cfg.get(RecallKeys.NUM_HEADS));
    this.shortOut = new Linear(store, "ulim.short_out", dim, dim, true);
    this.longTa = longEncoder.equals("target_attention")
        ? new TargetAttention(store, "ulim.long_ta", 1, dim, dim, dim, cfg.get(RecallKeys.NUM_HEADS), dim) : null;
    this.longSa = longEncoder.equals("self_attention") ? new SelfAttention(store, "ulim.long_sa", dim, dim, cfg.get(RecallKeys.NUM_HEADS)) : null;
    this.longOut = longSa != null ? new Linear(store, "ulim.long_out", dim, dim, true) : null;
    this.pgin = new Pgin(store, dim, numCategories, cfg.get(RecallKeys.POINTER));
  }

  @Override
  public String name() { return "ulim"; }

  @Override
  protected RecallBatch.Shape shape() {
    int longLen = longEncoder.equals("none") ? 0 : cfg.get(RecallKeys.LONG_SEQ_LEN);
    int shared = cfg.get(RecallKeys.SHORT_NEGATIVES).equals("same_category") ? 0 : cfg.get(RecallKeys.CATALOG_NEGATIVES);
    return new RecallBatch.Shape(cfg.get(RecallKeys.SHORT_SEQ_LEN), longLen, cfg.get(RecallKeys.CATEGORY_SEQ_LEN), cfg.get(RecallKeys.NUM_NEGATIVES), shared);
  }

  /** {@code v_s (B, d)}. */
  private NDArray shortTerm(Step s, RecallBatch b, Rows r) {
    long n = b.b;
    int l = b.shortLen;
    NDArray x = r.itemEmb(b.shortItem, n, l).add(r.catEmb(b.shortCat, n, l)).add(s.p(position));
    NDArray mask = s.floats(b.shortMask, n, l);
    return shortOut.forward(s, SelfAttention.meanPool(shortSa.forward(s, x, mask), mask));
  }

  /** {@code v_l (B, d)} for each row's long history, queried by {@code vs (B, d)}. */
  private NDArray longTerm(Step s, RecallBatch b, Rows r, NDArray vs) {
    if (b.longLen == 0) return vs;
    long n = b.b;
    int l = b.longLen;
    NDArray x = r.itemEmb(b.longItem, n, l).add(r.catEmb(b.longCat, n, l));
    NDArray mask = s.floats(b.longMask, n, l);
    if (longTa != null) return vs.add(longTa.forward(s, vs, x.expandDims(0), mask.expandDims(0)).reshape(n, dim));
    return vs.add(longOut.forward(s, SelfAttention.meanPool(longSa.forward(s, x, mask), mask)));
  }

  private Pgin.Out categories(Step s, RecallBatch b, Rows r, NDArray vs) {
    long n = b.b;
    int m = b.catLen;
    return pgin.forward(s, vs, r.catEmb(b.catHist, n, m), s.floats(b.catFeat, n, m, 2), s.floats(b.catMask, n, m));
  }

  @Override
  protected NDArray loss(Step s, RecallBatch b, Rows r) {
    NDArray vs = shortTerm(s, b, r);
    NDArray vl = longTerm(s, b, r, vs);
    NDArray pos = r.itemOut(b.target, b.b);
    NDArray same = r.itemOut(b.sameNeg, b.b, b.negatives);
    NDArray shared = b.catalogNegatives > 0 ? r.itemOut(b.catalogNeg, b.catalogNegatives) : null;
    NDArray lLong = sampledSoftmax(s, withBias(vl), pos, same, b.sameNegMask, null, null);
    boolean useSame = !cfg.get(RecallKeys.SHORT_NEGATIVES).equals("catalog");
    NDArray lShort = sampledSoftmax(s, withBias(vs), pos, useSame ? same : null, b.sameNegMask, shared, b.catalogNegMask);
    NDArray lCat = pgin.loss(s, categories(s, b, r, vs), b.catTarget, b.targetCategory);
    return Scalars.mul(lLong, cfg.get(RecallKeys.ALPHA).floatValue()).add(Scalars.mul(lShort, cfg.get(RecallKeys.BETA).floatValue()))
        .add(Scalars.mul(lCat, cfg.get(RecallKeys.GAMMA).floatValue()));
  }

  /** The short-term vector and PGIN's next-category distribution of one history. */
  public record Interest(float[] vs, float[] categoryProbabilities) {}

  /** {@code v_s} and {@code P(c)} (index = category) for a history. */
  public Interest interest(int[] items, int[] categories) {
    RecallBatch b = RecallBatch.inference(items, categories, 1, null,
        new RecallBatch.Shape(cfg.get(RecallKeys.SHORT_SEQ_LEN), 0, cfg.get(RecallKeys.CATEGORY_SEQ_LEN), 0, 0));
    int[] touched = b.touchedCategories(0);
    try (Step s = new Step(false)) {
      Rows r = new Rows(s, b);
      NDArray vs = shortTerm(s, b, r);
      Pgin.Out o = categories(s, b, r, vs);
      float[] ptr = o.pointer() == null ? null : o.pointer().toFloatArray();
      float gate = o.gate() == null ? 0f : o.gate().toFloatArray()[0];
      float[] p = Pgin.distribution(numCategories, ptr, touched, o.generator().toFloatArray(), gate, pgin.pointerOn());
      return new Interest(vs.toFloatArray(), p);
    }
  }

  /** PGIN's pointer-only distribution over categories (index = category) for a history (tests, analysis). */
  public float[] pointerDistribution(int[] items, int[] categories) {
    if (!pgin.pointerOn()) throw new IllegalStateException("pointer = false: PGIN has no pointer distribution");
    RecallBatch b = RecallBatch.inference(items, categories, 1, null,
        new RecallBatch.Shape(cfg.get(RecallKeys.SHORT_SEQ_LEN), 0, cfg.get(RecallKeys.CATEGORY_SEQ_LEN), 0, 0));
    int[] touched = b.touchedCategories(0);
    try (Step s = new Step(false)) {
      Rows r = new Rows(s, b);
      Pgin.Out o = categories(s, b, r, shortTerm(s, b, r));
      return Pgin.distribution(numCategories, o.pointer().toFloatArray(), touched, new float[numCategories + 1], 1f, true);
    }
  }

  /** {@code v_l(c)} for each of {@code cats}, row-major {@code (cats.length, d)}. */
  private float[] longVectors(int[] items, int[] categories, float[] vs, int[] cats) {
    if (longEncoder.equals("none")) {
      float[] out = new float[cats.length * dim];
      for (int k = 0; k < cats.length; k++) System.arraycopy(vs, 0, out, k * dim, dim);
      return out;
    }
    RecallBatch b = RecallBatch.inference(items, categories, cats.length, cats,
        new RecallBatch.Shape(0, cfg.get(RecallKeys.LONG_SEQ_LEN), 0, 0, 0));
    float[] rep = new float[cats.length * dim];
    for (int k = 0; k < cats.length; k++) System.arraycopy(vs, 0, rep, k * dim, dim);
    try (Step s = new Step(false)) {
      return longTerm(s, b, new Rows(s, b), s.floats(rep, cats.length, dim)).toFloatArray();
    }
  }

  @Override
  public Hits retrieve(int[] items, int[] categories, int n) {
    long t = Profile.start();
    Interest in = interest(items, categories);
    t = Profile.lap("ulim.interest", t);
    float[] p = in.categoryProbabilities();
    int[] cids = new int[numCategories];
    for (int c = 1; c <= numCategories; c++) cids[c - 1] = c;
    float[] pc = java.util.Arrays.copyOfRange(p, 1, numCategories + 1);
    int[] top = TopScores.of(cids, pc, cfg.get(RecallKeys.TOPK_CATEGORIES)).ids();
    t = Profile.lap("ulim.top_categories", t);
    double w = cfg.get(RecallKeys.CASCADE_WEIGHT);
    double r = cfg.get(RecallKeys.REPEAT_WEIGHT);
    float[] qs = query(in.vs(), 0, dim);
    double q = cfg.get(RecallKeys.COOC_WEIGHT);
    Hits recent = r > 0 ? recentItems(items, qs) : Hits.EMPTY;
    Hits cooc = q > 0 ? coocTable.retrieve(items, categories, n) : Hits.EMPTY;
    int capacity = n * (1 + top.length) + recent.size() + cooc.size();   // every search returns at most n hits
    UniqueIds merged = new UniqueIds(capacity);
    double[] score = new double[capacity];
    double u = 1 - q;   // ULIM's share when the co-occurrence route is on
    addRoute(merged, score, w < 1 && r < 1 && q < 1 ? index().search(qs, n) : Hits.EMPTY, u * (1 - r) * (1 - w));
    t = Profile.lap("ulim.search_all", t);
    if (w > 0 && r < 1 && q < 1) {   // the category routes have weight
      float[] vl = longVectors(items, categories, in.vs(), top);
      t = Profile.lap("ulim.long_vectors", t);
      for (int k = 0; k < top.length; k++) {
        addRoute(merged, score, index().searchCategory(top[k], query(vl, k * dim, dim), n), u * (1 - r) * w * p[top[k]]);
      }
      t = Profile.lap("ulim.search_categories", t);
    }
    addRoute(merged, score, recent, u * r);
    addShares(merged, score, cooc, q);
    float[] sc = new float[merged.size()];
    for (int j = 0; j < sc.length; j++) sc[j] = (float) score[j];
    Hits out = TopScores.of(merged.ids(), sc, n);
    Profile.lap("ulim.merge", t);
    return out;
  }

  /**
   * The repeat route's hits: the distinct items among the last {@code short_seq_len} positives, each scored
   * as the catalog route scores it ({@code [v_s; 1]·[e_i; b_i]}), best first.
   */
  private Hits recentItems(int[] items, float[] qs) {
    int from = Math.max(0, items.length - cfg.get(RecallKeys.SHORT_SEQ_LEN));
    UniqueIds seen = new UniqueIds(items.length - from);
    for (int p = items.length - 1; p >= from; p--) if (items[p] > 0) seen.add(items[p]);
    int[] ids = seen.ids();
    float[] sc = new float[ids.length];
    float[] table = item.values();
    for (int j = 0; j < ids.length; j++) sc[j] = ExactIndex.dot(qs, table, ids[j] * (dim + 1), dim + 1);
    return TopScores.of(ids, sc, ids.length);
  }

  /**
   * Adds {@code weight · s_i / Σ s} to each hit's merged score: the co-occurrence route's scores are sums of
   * non-negative transition shares, so their own proportions (not a softmax) are its distribution over its hits.
   */
  private static void addShares(UniqueIds merged, double[] score, Hits h, double weight) {
    if (h.size() == 0 || weight <= 0) return;
    double z = 0;
    for (float s : h.scores()) z += Math.max(0f, s);
    if (z <= 0) return;
    for (int j = 0; j < h.size(); j++) score[merged.add(h.ids()[j])] += weight * Math.max(0f, h.scores()[j]) / z;
  }

  /** Adds {@code weight · softmax(hits.scores)} to each hit's merged score ({@code score[position in merged]}). */
  private static void addRoute(UniqueIds merged, double[] score, Hits h, double weight) {
    if (h.size() == 0 || weight <= 0) return;
    double max = h.scores()[0];
    double z = 0;
    for (float s : h.scores()) z += Math.exp(s - max);
    for (int j = 0; j < h.size(); j++) score[merged.add(h.ids()[j])] += weight * Math.exp(h.scores()[j] - max) / z;
  }
}
