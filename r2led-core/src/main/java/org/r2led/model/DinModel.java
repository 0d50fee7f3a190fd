package org.r2led.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.nn.Act;
import org.r2led.nn.DinAttention;
import org.r2led.nn.FeatureEmbeddings;
import org.r2led.nn.Gather;
import org.r2led.nn.Mlp;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;
import org.r2led.nn.TimeGap;
import org.r2led.nn.UniqueIds;
import org.r2led.train.TrainConfig;

/**
 * DIN: DIN attention (target vs. each behavior) over the most recent {@code short_seq_len}
 * behaviors ({@code din}) or the whole history capped at {@code max_seq_len} ({@code din_full});
 * output {@code MLP([h_v, u, h_v⊙u])} → logit.
 */
public final class DinModel implements CtrModel {
  private final String name;
  private final PreparedDataset ds;
  private final ParamStore store;
  private final FeatureEmbeddings emb;
  private final DinAttention attention;
  private final Mlp head;
  private final int window;
  private final int dim;
  private final ThreadLocal<HistoryReader> readers;

  public DinModel(ModelContext ctx, boolean full) {
    TrainConfig c = ctx.config();
    this.name = full ? "din_full" : "din";
    this.ds = ctx.dataset();
    this.dim = c.getInt("embedding_dim");
    this.window = full ? c.getInt("max_seq_len") : Math.min(c.getInt("short_seq_len"), c.getInt("max_seq_len"));
    this.store = new ParamStore(c.getInt("seed"));
    this.emb = new FeatureEmbeddings(store, ds.numItems(), ds.numCategories(), ds.numBehaviors(),
        c.getInt("time_gap_buckets"), dim, c.getDouble("embedding_init_std"), c.getBool("use_category"),
        c.getBool("use_behavior"), c.getBool("use_time_gap"));
    this.attention = new DinAttention(store, "din_attention", dim, c.getInts("attention_hidden_units"),
        Act.parse(c.getString("attention_activation")), c.getBool("din_use_softmax"));
    this.head = new Mlp(store, "dnn", 3 * dim, c.getInts("dnn_hidden_units"), Act.parse(c.getString("dnn_activation")), 1);
    this.readers = ThreadLocal.withInitial(() -> new HistoryReader(ds));
  }

  @Override
  public String name() { return name; }

  @Override
  public ParamStore params() { return store; }

  /** Batch inputs: positions into the step's unique items/categories, token features, mask. */
  static final class Batch extends ModelBatch {
    final int k;
    final UniqueIds items;
    final UniqueIds cats;
    final int[] tgtItem;
    final int[] tgtCat;
    final int[] tokItem;
    final int[] tokCat;
    final int[] tokBeh;
    final int[] tokGap;
    final float[] mask;

    Batch(int[] samples, int[] users, float[] labels, int k) {
      super(samples, users, labels);
      int b = samples.length;
      this.k = k;
      this.items = new UniqueIds(b * Math.min(k, 64));
      this.cats = new UniqueIds(256);
      this.tgtItem = new int[b];
      this.tgtCat = new int[b];
      this.tokItem = new int[b * k];
      this.tokCat = new int[b * k];
      this.tokBeh = new int[b * k];
      this.tokGap = new int[b * k];
      this.mask = new float[b * k];
    }
  }

  @Override
  public ModelBatch prepare(SampleSplit split, int[] order, int from, int to) {
    int b = to - from;
    int[] samples = java.util.Arrays.copyOfRange(order, from, to);
    int[] users = new int[b];
    float[] labels = new float[b];
    Batch x = new Batch(samples, users, labels, window);
    int pad = x.items.add(0);
    int padCat = x.cats.add(0);
    HistoryReader h = readers.get();
    int gapBuckets = emb.gapBuckets();
    for (int j = 0; j < b; j++) {
      int i = samples[j];
      users[j] = split.user(i);
      labels[j] = split.label(i);
      x.tgtItem[j] = x.items.add(split.item(i));
      x.tgtCat[j] = x.cats.add(split.category(i));
      int len = h.load(split, i, window);
      long t = split.ts(i);
      int base = j * window;
      for (int q = 0; q < window; q++) {
        int o = base + q;
        if (q < len) {
          x.tokItem[o] = x.items.add(h.items()[q]);
          x.tokCat[o] = x.cats.add(h.categories()[q]);
          x.tokBeh[o] = h.behaviors()[q];
          x.tokGap[o] = TimeGap.bucket(t - h.timestamps()[q], gapBuckets);
          x.mask[o] = 1f;
        } else {
          x.tokItem[o] = pad;
          x.tokCat[o] = padCat;
        }
      }
    }
    return x;
  }

  @Override
  public NDArray forward(Step s, ModelBatch mb) {
    Batch x = (Batch) mb;
    int b = x.size();
    NDArray items = emb.itemRows(s, x.items);
    NDArray cats = emb.categoryRows(s, x.cats);
    NDArray target = Gather.rows(items, s.ints(x.tgtItem, b));
    if (cats != null) target = target.add(Gather.rows(cats, s.ints(x.tgtCat, b)));
    NDArray keys = emb.tokens(s, items, x.tokItem, cats, x.tokCat, x.tokBeh, x.tokGap, b, x.k);
    NDArray mask = s.floats(x.mask, b, x.k);
    NDArray u = attention.forward(s, target, keys, mask);
    NDArray in = NDArrays.concat(new NDList(target, u, target.mul(u)), -1);
    return head.forward(s, in).reshape(b);
  }
}
