package org.r2led.model;

import ai.djl.ndarray.NDArray;
import org.r2led.config.Config;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;
import org.r2led.retrieval.GranularQueries;
import org.r2led.retrieval.HammingTopK;
import org.r2led.retrieval.SimHash;

/**
 * MIRRN (Xu et al., 2025), multi-granularity interest retrieval. Retrieval: three groups, each the
 * {@code topk} behaviors of the history capped at {@code max_seq_len} nearest (Hamming, ties → more
 * recent; {@link HammingTopK}) to one query signature ({@link GranularQueries}): the target's, the
 * mean live vector of the last {@code short_seq_len} behaviors, and the mean over the whole capped
 * history; signatures are {@code hash_bits}-bit SimHashes of the live item ID embeddings
 * ({@link LiveItemVectors}). O(T·d) per target for the two means plus O(3·T) for the Hamming
 * selections (T the capped history). Refinement: multi-head target attention per group, fused by
 * target-aware cross-attention, plus the short-term DIN ({@link LongShortHead} with three long
 * groups); O(3·topk·d·a) per target.
 *
 * <p>The snapshot is refreshed on the training thread ({@link #afterUpdate}) and saved with
 * checkpoints (buffer {@code mirrn_item_vectors}), so a resumed run retrieves exactly as the
 * uninterrupted one.
 */
public final class MirrnModel implements CtrModel {
  public static final ModelSpec SPEC = new ModelSpec("mirrn",
      "MIRRN: SimHash top-topk for the target, recent-window and sequence-mean queries, fused by target cross-attention",
      ModelKeys.TOKENS.plus(ModelKeys.HEAD, ModelKeys.MULTI_HEAD, ModelKeys.DIN_UNIT, ModelKeys.RETRIEVAL)
          .plus(ModelKeys.HASH_BITS),
      MirrnModel::new);

  private final String name;
  private final ParamStore store;
  private final TokenEncoder enc;
  private final LongShortHead head;
  private final LiveItemVectors live;
  private final TokenBatchBuilder batches;

  private MirrnModel(ModelContext ctx) {
    Config c = ctx.config();
    this.name = ctx.name();
    this.store = new ParamStore(ctx.seed());
    this.enc = new TokenEncoder(store, c, ctx.data());
    int d = enc.dim();
    this.head = new LongShortHead(store, c, d, GranularQueries.COUNT, 0);
    this.live = new LiveItemVectors(enc.embeddings().itemTable(), new SimHash(d, c.get(ModelKeys.HASH_BITS), ctx.seed() * 7919L + 31))
        .persistIn(store, "mirrn_item_vectors", true);
    int topk = c.get(ModelKeys.TOPK);
    int recent = c.get(ModelKeys.SHORT_SEQ_LEN);
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(topk, d));
    this.batches = enc.builder(new LongShortSelector(c, GranularQueries.COUNT, 0) {
      @Override
      protected void selectLong(History h, int targetItem, int targetCategory, long targetTs, TokenGroups out) {
        Scratch x = scratch.get();
        long[] sigs = live.signatures();
        GranularQueries.signatures(h.items(), h.length(), targetItem, recent, live.vectors(), sigs, live.hash(), x.mean, x.queries);
        for (int g = 0; g < GranularQueries.COUNT; g++) {
          int n = x.topk.select(h.items(), 0, h.length(), x.queries[g], sigs, topk, x.pos);
          out.addAll(g, x.pos, null, n);
        }
      }
    });
  }

  /** Per-thread retrieval buffers. */
  private static final class Scratch {
    final HammingTopK topk = new HammingTopK();
    final int[] pos;
    final float[] mean;
    final long[] queries = new long[GranularQueries.COUNT];

    Scratch(int k, int d) {
      this.pos = new int[k];
      this.mean = new float[d];
    }
  }

  /** The retrieval snapshot of the item vectors (for tests). */
  LiveItemVectors liveVectors() { return live; }

  @Override
  public String name() { return name; }

  @Override
  public ParamStore params() { return store; }

  @Override
  public TokenBatch prepare(SampleSource samples) { return batches.build(samples); }

  @Override
  public int historyWindow() { return batches.layout().window(); }

  @Override
  public NDArray forward(Step s, TokenBatch b) { return head.forward(s, enc.encode(s, b), b); }

  @Override
  public void afterUpdate(Param table, int[] rows, int count) { live.refresh(table, rows, count); }

  @Override
  public void afterLoad() { live.afterLoad(); } // as saved: a pause may fall between an update and its refresh
}
