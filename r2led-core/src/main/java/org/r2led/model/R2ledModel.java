package org.r2led.model;

import static org.r2led.config.ConfigKey.bool;
import static org.r2led.config.ConfigKey.choice;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.r2led.config.Config;
import org.r2led.config.ConfigKey;
import org.r2led.config.KeySet;
import org.r2led.nn.DinAttention;
import org.r2led.nn.Experiment;
import org.r2led.nn.Gather;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Profile;
import org.r2led.nn.RouteFusion;
import org.r2led.nn.SidGate;
import org.r2led.nn.Step;
import org.r2led.nn.TargetAttention;
import org.r2led.nn.UniqueIds;
import org.r2led.retrieval.ItemKeys;
import org.r2led.retrieval.MultiRouteRetriever;
import org.r2led.retrieval.RetrievalConfig;
import org.r2led.retrieval.RouteKind;
import org.r2led.retrieval.SimHash;
import org.r2led.sid.SidTable;

/**
 * R2LED (Liu et al., 2026).
 * <ol>
 *   <li>SID-level fusion: every item token (behaviors and target) is {@link SidGate}{@code (e_i, s_i^1..s_i^L)}
 *       (switch {@code sid_fusion}), computed once per distinct item of the batch; category, behavior,
 *       time-gap and mixed-fill-flag embeddings are added per token.</li>
 *   <li>Retrieval: multi-route mixed retrieval over the history capped at {@code max_seq_len}
 *       ({@link MultiRouteRetriever}; switches {@code semantic_view}, {@code collaborative_view},
 *       {@code single_route}, {@code mixed_fill}, {@code collaborative_route}, {@code short_route}),
 *       ranking by SimHash signatures of the <em>live</em> item ID embeddings, refreshed for every row
 *       a step updates. Cost O(T·(L+2)) integer work per target.</li>
 *   <li>Refinement: per-route multi-head target attention ({@link TargetAttention}, own projections per
 *       route) → {@code u_r (B, d)}; cost O(R·topk·d·a) per target, independent of T.</li>
 *   <li>Route-level fusion ({@link RouteFusion}, switch {@code route_fusion}) → {@code z}; output
 *       {@code MLP([h_v, z, h_v⊙z, u_short, stats])} → logit ({@code u_short}: a DIN unit over the short
 *       route with {@code short_interest=din}, or that route's target attention; absent without the short
 *       route).</li>
 *   <li>Route statistics ({@code route_stats}, our extension): per SID prefix level, for the exact item and for the
 *       target's category,
 *       {@code log(1+n)}, {@code n/T} and the recency {@code min(1, log(1+Δt)/21)} of the last match
 *       (1 when none), plus {@code log(1+T)/log(1+max_seq_len)}: what softmax attention normalizes away.</li>
 * </ol>
 */
public final class R2ledModel extends TokenModel {
  public static final ConfigKey<String> SID_FUSION = choice("sid_fusion", "gate", "R2LED SID-level fusion", "gate", "sum", "id_only");
  public static final ConfigKey<Boolean> SEMANTIC_VIEW =
      bool("semantic_view", true, "R2LED: SID-prefix routes (false: collaborative route only)");
  public static final ConfigKey<Boolean> COLLABORATIVE_VIEW =
      bool("collaborative_view", true, "R2LED: rank routes by SimHash (false: by recency, no collaborative route)");
  public static final ConfigKey<Boolean> SINGLE_ROUTE = bool("single_route", false, "R2LED: only the finest semantic level forms a route");
  public static final ConfigKey<Boolean> MIXED_FILL =
      bool("mixed_fill", true, "R2LED: fill short prefix routes with collaboratively nearest behaviors");
  public static final ConfigKey<Boolean> COLLABORATIVE_ROUTE =
      bool("collaborative_route", true, "R2LED: the purely collaborative route (SimHash over the sequence)");
  public static final ConfigKey<Boolean> SHORT_ROUTE = bool("short_route", true, "R2LED: the short-term route (last short_seq_len behaviors)");
  public static final ConfigKey<String> ROUTE_FUSION =
      choice("route_fusion", "cross_attention", "R2LED route-level fusion", "cross_attention", "mean");
  public static final ConfigKey<String> SHORT_INTEREST = choice("short_interest", "din", "R2LED u_short in the output: the short "
      + "route's target attention, or a DIN attention unit over the short route (as ETA's short-term DIN)", "attention", "din");
  public static final ConfigKey<Boolean> ROUTE_STATS = bool("route_stats", true,
      "R2LED: feed per-prefix-level match counts, shares and recency to the output MLP");

  public static final KeySet KEYS = ModelKeys.TOKENS.plus(ModelKeys.HEAD, ModelKeys.MULTI_HEAD, ModelKeys.DIN_UNIT)
      .plus(ModelKeys.MAX_SEQ_LEN, ModelKeys.SHORT_SEQ_LEN, ModelKeys.TOPK, ModelKeys.HASH_BITS)
      .plus(SID_FUSION, SEMANTIC_VIEW, COLLABORATIVE_VIEW, SINGLE_ROUTE, MIXED_FILL, COLLABORATIVE_ROUTE, SHORT_ROUTE,
          ROUTE_FUSION, SHORT_INTEREST, ROUTE_STATS);

  public static final ModelSpec SPEC = new ModelSpec("r2led",
      "R2LED: SID gate, multi-route mixed retrieval (SID prefixes x SimHash), route cross-attention", KEYS, R2ledModel::new);

  /** The ablation presets (each a row of the paper's ablation table). */
  public static List<ModelSpec> ablations() {
    return List.of(
        SPEC.preset("r2led_no_semantic", "R2LED without the semantic view (collaborative and short routes only)",
            Map.of("semantic_view", false)),
        SPEC.preset("r2led_no_collaborative", "R2LED without the collaborative view (prefix routes ranked by recency)",
            Map.of("collaborative_view", false)),
        SPEC.preset("r2led_single_route", "R2LED with the finest semantic level as the only prefix route", Map.of("single_route", true)),
        SPEC.preset("r2led_no_route_attention", "R2LED with the mean of routes instead of route cross-attention",
            Map.of("route_fusion", "mean")),
        SPEC.preset("r2led_no_gate", "R2LED with a plain sum of ID and SID embeddings instead of the gate", Map.of("sid_fusion", "sum")),
        SPEC.preset("r2led_no_stats", "R2LED without route statistics", Map.of("route_stats", false)));
  }

  private final SidTable sids;
  private final Param[] codeTables;
  private final Param flagTable;
  private final SidGate gate;
  private final TargetAttention routeAttention;
  private final RouteFusion fusion;
  private final InterestHead head;
  private final DinAttention shortDin;
  private final MultiRouteRetriever retriever;
  private final ItemKeys keys;
  private final SimHash simHash;
  private final int dim;
  private final int routes;
  private final int shortRoute;
  private final int statLevels;
  /** Items per evaluation step when precomputing the fused item table. */
  private static final int FREEZE_CHUNK = 4096;
  /** SID-fused item rows {@code (numItems+1) × d} of frozen parameters ({@link #freeze}), or null. */
  private volatile float[] fusedItems;

  private R2ledModel(ModelContext ctx) { this(ctx, sidsOf(ctx)); }

  /** The SID table: required by the semantic view, route statistics and SID fusion (checked before any table is declared). */
  private static SidTable sidsOf(ModelContext ctx) {
    Config c = ctx.config();
    boolean needed = c.get(SEMANTIC_VIEW) || c.get(ROUTE_STATS) || SidGate.Mode.parse(c.get(SID_FUSION)) != SidGate.Mode.ID_ONLY;
    return needed ? ctx.requireSids() : ctx.sids();
  }

  private R2ledModel(ModelContext ctx, SidTable sids) {
    super(ctx);
    Config c = ctx.config();
    this.dim = dim();
    this.sids = sids;
    SidGate.Mode fusionMode = SidGate.Mode.parse(c.get(SID_FUSION));
    boolean semantic = c.get(SEMANTIC_VIEW);
    boolean stats = c.get(ROUTE_STATS);
    double std = c.get(ModelKeys.EMBEDDING_INIT_STD);
    ParamStore store = params();
    int levels = fusionMode == SidGate.Mode.ID_ONLY ? 0 : sids.semanticLevels();
    this.codeTables = new Param[levels];
    for (int l = 0; l < levels; l++) codeTables[l] = store.denseTable("emb.sid" + (l + 1), sids.codebookSize(l) + 1, dim, std);
    this.gate = new SidGate(store, "sid_gate", dim, levels, fusionMode);
    RetrievalConfig rc = new RetrievalConfig(c.get(ModelKeys.TOPK), c.get(ModelKeys.SHORT_SEQ_LEN), semantic,
        c.get(COLLABORATIVE_VIEW), c.get(SINGLE_ROUTE), c.get(MIXED_FILL), c.get(COLLABORATIVE_ROUTE), c.get(SHORT_ROUTE));
    this.keys = new ItemKeys(sids, ctx.data().numItems());
    this.retriever = new MultiRouteRetriever(rc, sids == null ? 0 : sids.semanticLevels());
    this.routes = retriever.numRoutes();
    int k = 0;
    int sr = -1;
    for (int r = 0; r < routes; r++) {
      k = Math.max(k, retriever.routeLength(r));
      if (retriever.kind(r) == RouteKind.SHORT) sr = r;
    }
    this.shortRoute = sr;
    this.statLevels = stats ? sids.semanticLevels() : -1;
    int numStats = R2ledSelector.features(statLevels);
    this.flagTable = store.denseTable("emb.mixed_flag", 2, dim, std);
    this.routeAttention = new TargetAttention(store, "route_attention", routes, dim, dim, c.get(ModelKeys.ATTENTION_DIM),
        c.get(ModelKeys.NUM_HEADS), dim);
    this.fusion = new RouteFusion(store, "route_fusion", routes, dim, RouteFusion.Mode.parse(c.get(ROUTE_FUSION)), std);
    this.shortDin = sr >= 0 && c.get(SHORT_INTEREST).equals("din") ? DinUnits.of(store, "short_din", c, dim) : null;
    this.head = new InterestHead(store, c, (sr >= 0 ? 4 : 3) * dim + numStats);
    this.simHash = new SimHash(dim, c.get(ModelKeys.HASH_BITS), ctx.seed() * 7919L + 17);
    keys.signAll(simHash, encoder().embeddings().itemTable().values(), dim);
    store.buffer("item_signatures", keys.signatures());
    TokenSelector selector = new R2ledSelector(retriever, keys, k, c.get(ModelKeys.MAX_SEQ_LEN), statLevels);
    batches(new TokenBatchBuilder(selector, encoder().embeddings().gapBuckets(), sids, codeTables.length));
  }

  /** Number of routes R (for inspection). */
  public int routes() { return routes; }

  /** The retrieval keys (live signatures). */
  public ItemKeys itemKeys() { return keys; }

  @Override
  public NDArray forward(Step s, TokenBatch b) {
    int n = b.size();
    float[] frozen = fusedItems;
    NDArray items = frozen != null && !s.training()
        ? s.constantRows(frozen, dim, b.items)                                     // (U,d), precomputed
        : fuse(s, encoder().embeddings().itemRows(s, b.items), b.codes, b.items.size());
    TokenEncoder.Encoded x = encoder().encode(s, b, items, flagTable);
    NDArray target = x.target();
    NDArray perRoute;                                                              // (R,B,d)
    NDArray shortKeys = null;
    if (shortDin != null && !Experiment.on("legacy_route_blocks") && Experiment.on("shared_short_keys")) {
      // opt-in (benchmarks): one gather of every route's keys, the DIN unit reading the short route's view instead
      // of its own gather (whose backward scatters into a second zeroed token-table gradient); ~2 ms of CPU a step
      // less, but the token gradients are summed in another order, so published runs would not reproduce bit for bit
      NDList byRoute = x.tokens().split(routes, 0);
      perRoute = routeAttention.forward(s, target, byRoute, x.mask());
      shortKeys = byRoute.get(shortRoute).squeeze(0);
    } else {
      perRoute = routeAttention.forward(s, target, x.tokens(), x.mask());
    }
    NDArray z = fusion.forward(s, target, perRoute.transpose(1, 0, 2), b.groupMask(s));
    NDList parts = InterestHead.inputs(target, z);
    if (shortDin != null) {
      if (!s.training() && n > 1 && b.uniform(shortRoute)) {  // one history for all samples (a serving request)
        parts.add(shortDin.forward(s, target, x.firstTokens(shortRoute), b.firstMask(s, shortRoute)));  // keys (1,K,d)
      } else {
        parts.add(shortDin.forward(s, target, shortKeys != null ? shortKeys : x.tokens(shortRoute), x.mask(shortRoute)));
      }
    } else if (shortRoute >= 0) {
      parts.add(perRoute.get(shortRoute));
    }
    if (b.numFeatures > 0) parts.add(b.features(s));
    long t = Profile.start();
    NDArray logits = head.logits(s, parts, n);
    Profile.stop("forward.head", t);
    return logits;
  }

  /** SID-level fusion of item rows {@code e (U, d)} whose SID codes per level are {@code codes[l][0..u)} → {@code (U, d)}. */
  private NDArray fuse(Step s, NDArray e, int[][] codes, int u) {
    List<NDArray> tables = new ArrayList<>(codeTables.length);
    List<NDArray> idx = new ArrayList<>(codeTables.length);
    for (int l = 0; l < codeTables.length; l++) {
      tables.add(s.p(codeTables[l]));
      idx.add(s.ints(codes[l], u));
    }
    if (!Experiment.on("legacy_sid_gate")) return gate.forward(s, e, tables, idx);   // per-code products once per code row
    List<NDArray> rows = new ArrayList<>(codeTables.length);                           // the direct form, for comparison
    for (int l = 0; l < codeTables.length; l++) rows.add(Gather.rows(s, tables.get(l), idx.get(l)));
    return gate.forward(s, e, rows);
  }

  /**
   * Precomputes the SID-fused embedding of every item ({@link SidGate} over the item table and the code
   * tables, in evaluation steps of {@value #FREEZE_CHUNK} items): evaluation steps then gather these rows
   * instead of running the gate per batch. Without SID fusion ({@code id_only}) there is nothing to do.
   */
  @Override
  public void freeze() {
    fusedItems = null;
    if (gate.mode() == SidGate.Mode.ID_ONLY) return;
    Param table = encoder().embeddings().itemTable();
    int rows = table.rows();
    float[] out = new float[rows * dim];
    for (int from = 0; from < rows; from += FREEZE_CHUNK) {
      int u = Math.min(FREEZE_CHUNK, rows - from);
      UniqueIds ids = new UniqueIds(u);
      int[][] codes = new int[codeTables.length][u];
      for (int i = 0; i < u; i++) {
        ids.add(from + i);
        for (int l = 0; l < codeTables.length; l++) codes[l][i] = sids.code(from + i, l);
      }
      try (Step s = new Step(false)) {
        float[] f = fuse(s, encoder().embeddings().itemRows(s, ids), codes, u).toFloatArray();
        System.arraycopy(f, 0, out, from * dim, u * dim);
      }
    }
    fusedItems = out;
  }

  @Override
  public void afterLoad() { fusedItems = null; }

  @Override
  public void afterUpdate(Param table, int[] rows, int count) {
    fusedItems = null;
    if (table == encoder().embeddings().itemTable()) simHash.signRows(table.values(), dim, rows, count, keys.signatures());
  }
}
