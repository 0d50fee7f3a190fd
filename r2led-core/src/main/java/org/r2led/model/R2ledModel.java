package org.r2led.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.nn.Act;
import org.r2led.nn.DinAttention;
import org.r2led.nn.FeatureEmbeddings;
import org.r2led.nn.Gather;
import org.r2led.nn.Mlp;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.RouteFusion;
import org.r2led.nn.SidGate;
import org.r2led.nn.Step;
import org.r2led.nn.TargetAttention;
import org.r2led.nn.TimeGap;
import org.r2led.nn.TokenTable;
import org.r2led.nn.UniqueIds;
import org.r2led.retrieval.ItemKeys;
import org.r2led.retrieval.MultiRouteRetriever;
import org.r2led.retrieval.RetrievalConfig;
import org.r2led.retrieval.RouteKind;
import org.r2led.retrieval.RouteSelection;
import org.r2led.retrieval.SimHash;
import org.r2led.sid.SidTable;
import org.r2led.train.TrainConfig;

/**
 * R2LED (SPEC §4.2).
 * <ol>
 *   <li>SID-level fusion: every item token (behaviors and target) is {@link SidGate}{@code (e_i, s_i^1..s_i^L)}
 *       (switch {@code sid_fusion}), computed once per distinct item of the batch; category, behavior,
 *       time-gap and mixed-fill-flag embeddings are added per token.</li>
 *   <li>Multi-route mixed retrieval over the history capped at {@code max_seq_len}
 *       ({@link MultiRouteRetriever}; switches {@code semantic_view}, {@code collaborative_view},
 *       {@code single_route}, {@code mixed_fill}, {@code collaborative_route}, {@code short_route}),
 *       ranking by SimHash signatures of the <em>live</em> item ID embeddings, refreshed for every row
 *       a step updates.</li>
 *   <li>Per-route multi-head target attention ({@link TargetAttention}, own projections per route) →
 *       {@code u_r (B, d)}.</li>
 *   <li>Route-level fusion ({@link RouteFusion}, switch {@code route_fusion}) → {@code z}; output
 *       {@code MLP([h_v, z, h_v⊙z, u_short])} → logit ({@code u_short} omitted without the short route; with
 *       {@code short_interest=din} it is a DIN attention unit over the short route's tokens, as ETA's
 *       short-term DIN, instead of that route's multi-head target attention).</li>
 * </ol>
 */
public final class R2ledModel implements CtrModel {
  private final PreparedDataset ds;
  private final SidTable sids;
  private final ParamStore store;
  private final FeatureEmbeddings emb;
  private final Param[] codeTables;
  private final Param flagTable;
  private final SidGate gate;
  private final TargetAttention routeAttention;
  private final RouteFusion fusion;
  private final Mlp head;
  private final DinAttention shortDin;
  private final MultiRouteRetriever retriever;
  private final ItemKeys keys;
  private final SimHash simHash;
  private final int dim;
  private final int maxSeqLen;
  private final int routes;
  private final int tokensPerRoute;
  private final int shortRoute;
  private final ThreadLocal<HistoryReader> readers;
  private final ThreadLocal<RouteSelection> selections;

  public R2ledModel(ModelContext ctx) {
    TrainConfig c = ctx.config();
    this.ds = ctx.dataset();
    this.dim = c.getInt("embedding_dim");
    this.maxSeqLen = c.getInt("max_seq_len");
    SidGate.Mode fusionMode = SidGate.Mode.parse(c.getString("sid_fusion"));
    boolean semantic = c.getBool("semantic_view");
    this.sids = (semantic || fusionMode != SidGate.Mode.ID_ONLY) ? ctx.requireSids("r2led") : ctx.sids();
    double std = c.getDouble("embedding_init_std");
    this.store = new ParamStore(c.getInt("seed"));
    this.emb = new FeatureEmbeddings(store, ds.numItems(), ds.numCategories(), ds.numBehaviors(),
        c.getInt("time_gap_buckets"), dim, std, c.getBool("use_category"), c.getBool("use_behavior"), c.getBool("use_time_gap"));
    int levels = fusionMode == SidGate.Mode.ID_ONLY ? 0 : sids.semanticLevels();
    this.codeTables = new Param[levels];
    for (int l = 0; l < levels; l++) codeTables[l] = store.denseTable("emb.sid" + (l + 1), sids.codebookSize(l) + 1, dim, std);
    this.gate = new SidGate(store, "sid_gate", dim, levels, fusionMode);
    RetrievalConfig rc = new RetrievalConfig(c.getInt("topk"), c.getInt("short_seq_len"), semantic,
        c.getBool("collaborative_view"), c.getBool("single_route"), c.getBool("mixed_fill"),
        c.getBool("collaborative_route"), c.getBool("short_route"));
    this.keys = new ItemKeys(sids, ds.numItems());
    this.retriever = new MultiRouteRetriever(rc, sids == null ? 0 : sids.semanticLevels());
    this.routes = retriever.numRoutes();
    if (routes == 0) throw new IllegalArgumentException("r2led: the route switches leave no retrieval route");
    int k = 0;
    int sr = -1;
    for (int r = 0; r < routes; r++) {
      k = Math.max(k, retriever.routeLength(r));
      if (retriever.kind(r) == RouteKind.SHORT) sr = r;
    }
    this.tokensPerRoute = k;
    this.shortRoute = sr;
    this.flagTable = store.denseTable("emb.mixed_flag", 2, dim, std);
    this.routeAttention = new TargetAttention(store, "route_attention", routes, dim, dim, c.getInt("attention_dim"),
        c.getInt("num_heads"), dim);
    this.fusion = new RouteFusion(store, "route_fusion", routes, dim, RouteFusion.Mode.parse(c.getString("route_fusion")), std);
    this.shortDin = sr >= 0 && c.getString("short_interest").equals("din")
        ? new DinAttention(store, "short_din", dim, c.getInts("attention_hidden_units"), Act.parse(c.getString("attention_activation")),
            c.getBool("din_use_softmax"))
        : null;
    this.head = new Mlp(store, "dnn", (sr >= 0 ? 4 : 3) * dim, c.getInts("dnn_hidden_units"),
        Act.parse(c.getString("dnn_activation")), 1);
    this.simHash = new SimHash(dim, c.getInt("hash_bits"), c.getInt("seed") * 7919L + 17);
    keys.signAll(simHash, emb.itemTable().values(), dim);
    store.buffer("item_signatures", keys.signatures());
    this.readers = ThreadLocal.withInitial(() -> new HistoryReader(ds));
    this.selections = ThreadLocal.withInitial(retriever::newSelection);
  }

  @Override
  public String name() { return "r2led"; }

  @Override
  public ParamStore params() { return store; }

  /** Number of routes R (for inspection). */
  public int routes() { return routes; }

  /** The retrieval keys (live signatures). */
  public ItemKeys itemKeys() { return keys; }

  /** Batch inputs; token arrays are route-major {@code (R, B, K)}. */
  static final class Batch extends ModelBatch {
    final UniqueIds items;
    final UniqueIds cats;
    int[][] codes;
    final int[] tgtItem;
    final int[] tgtCat;
    final int[] tokItem;
    final int[] tokCat;
    final int[] tokBeh;
    final int[] tokGap;
    final int[] tokFlag;
    final float[] tokMask;
    final float[] routeMask;

    Batch(int[] samples, int[] users, float[] labels, int routes, int k) {
      super(samples, users, labels);
      int b = samples.length;
      int n = routes * b * k;
      items = new UniqueIds(Math.min(n, 1 << 16));
      cats = new UniqueIds(256);
      tgtItem = new int[b];
      tgtCat = new int[b];
      tokItem = new int[n];
      tokCat = new int[n];
      tokBeh = new int[n];
      tokGap = new int[n];
      tokFlag = new int[n];
      tokMask = new float[n];
      routeMask = new float[b * routes];
    }
  }

  @Override
  public ModelBatch prepare(SampleSplit split, int[] order, int from, int to) {
    int b = to - from;
    int[] samples = Arrays.copyOfRange(order, from, to);
    Batch x = new Batch(samples, new int[b], new float[b], routes, tokensPerRoute);
    int pad = x.items.add(0);
    int padCat = x.cats.add(0);
    HistoryReader h = readers.get();
    RouteSelection sel = selections.get();
    int buckets = emb.gapBuckets();
    int k = tokensPerRoute;
    for (int j = 0; j < b; j++) {
      int i = samples[j];
      x.users[j] = split.user(i);
      x.labels[j] = split.label(i);
      int target = split.item(i);
      x.tgtItem[j] = x.items.add(target);
      x.tgtCat[j] = x.cats.add(split.category(i));
      int len = h.load(split, i, maxSeqLen);
      retriever.retrieve(h.items(), len, target, keys, sel);
      long t = split.ts(i);
      for (int r = 0; r < routes; r++) {
        int cnt = sel.counts[r];
        x.routeMask[j * routes + r] = cnt > 0 ? 1f : 0f;
        int base = (r * b + j) * k;
        for (int q = 0; q < k; q++) {
          int o = base + q;
          if (q < cnt) {
            int p = sel.positions[r][q];
            x.tokItem[o] = x.items.add(h.items()[p]);
            x.tokCat[o] = x.cats.add(h.categories()[p]);
            x.tokBeh[o] = h.behaviors()[p];
            x.tokGap[o] = TimeGap.bucket(t - h.timestamps()[p], buckets);
            x.tokFlag[o] = sel.mixed[r][q];
            x.tokMask[o] = 1f;
          } else {
            x.tokItem[o] = pad;
            x.tokCat[o] = padCat;
          }
        }
      }
    }
    int u = x.items.size();
    x.codes = new int[codeTables.length][u];
    for (int l = 0; l < codeTables.length; l++) {
      int[] cl = x.codes[l];
      for (int q = 0; q < u; q++) cl[q] = sids.code(x.items.id(q), l);
    }
    return x;
  }

  @Override
  public NDArray forward(Step s, ModelBatch mb) {
    Batch x = (Batch) mb;
    int b = x.size();
    int u = x.items.size();
    NDArray e = emb.itemRows(s, x.items);
    List<NDArray> codeEmb = new ArrayList<>(codeTables.length);
    for (int l = 0; l < codeTables.length; l++) codeEmb.add(Gather.rows(s.p(codeTables[l]), s.ints(x.codes[l], u)));
    NDArray h = gate.forward(s, e, codeEmb);                                       // (U,d)
    NDArray cats = emb.categoryRows(s, x.cats);
    NDArray target = Gather.rows(h, s.ints(x.tgtItem, b));
    if (cats != null) target = target.add(Gather.rows(cats, s.ints(x.tgtCat, b)));
    long[] shape = {routes, b, tokensPerRoute};
    boolean legacy = org.r2led.nn.Experiment.on("legacy_tokens");
    TokenTable tt = legacy ? null : emb.tokenTable(s, h, x.tokItem, cats, x.tokCat, x.tokBeh, x.tokGap, flagTable, x.tokFlag);
    NDArray tokens = legacy ? emb.tokens(s, h, x.tokItem, cats, x.tokCat, x.tokBeh, x.tokGap, shape)
        .add(Gather.rows(s.p(flagTable), s.ints(x.tokFlag, shape))) : tt.gatherAll(s, shape);  // (R,B,K,d)
    NDArray mask = s.floats(x.tokMask, shape);
    NDArray perRoute = routeAttention.forward(s, target, tokens, mask);             // (R,B,d)
    NDArray routeVecs = perRoute.transpose(1, 0, 2);                               // (B,R,d)
    NDArray z = fusion.forward(s, target, routeVecs, s.floats(x.routeMask, b, routes));
    NDList parts = new NDList(target, z, target.mul(z));
    if (shortDin != null) {
      int per = b * tokensPerRoute;
      NDArray shortTokens = legacy ? tokens.get(shortRoute)
          : tt.gatherRange(s, shortRoute * per, (shortRoute + 1) * per, b, tokensPerRoute);  // own branch: no slice backward
      parts.add(shortDin.forward(s, target, shortTokens, mask.get(shortRoute)));
    } else if (shortRoute >= 0) {
      parts.add(perRoute.get(shortRoute));
    }
    return head.forward(s, NDArrays.concat(parts, -1)).reshape(b);
  }

  @Override
  public void afterUpdate(Param table, int[] rows, int count) {
    if (table == emb.itemTable()) simHash.signRows(table.values(), dim, rows, count, keys.signatures());
  }
}
