package org.r2led.model;

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
public final class MirrnModel extends LongShortModel {
  public static final ModelSpec SPEC = new ModelSpec("mirrn",
      "MIRRN: SimHash top-topk for the target, recent-window and sequence-mean queries, fused by target cross-attention",
      KEYS.plus(ModelKeys.HASH_BITS), MirrnModel::new);

  private MirrnModel(ModelContext ctx) {
    super(ctx, GranularQueries.COUNT);
    int d = dim();
    SimHash hash = new SimHash(d, ctx.config().get(ModelKeys.HASH_BITS), ctx.seed() * 7919L + 31);
    LiveItemVectors live =
        live(new LiveItemVectors(encoder().embeddings().itemTable(), hash).persistIn(params(), "mirrn_item_vectors", true));
    int topk = ctx.config().get(ModelKeys.TOPK);
    int recent = ctx.config().get(ModelKeys.SHORT_SEQ_LEN);
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(topk, d));
    retrieve((h, targetItem, targetCategory, targetTs, out) -> {
      Scratch x = scratch.get();
      long[] sigs = live.signatures();
      GranularQueries.signatures(h.items(), h.length(), targetItem, recent, live.vectors(), sigs, live.hash(), x.mean, x.queries);
      for (int g = 0; g < GranularQueries.COUNT; g++) {
        int n = x.topk.select(h.items(), 0, h.length(), x.queries[g], sigs, topk, x.pos);
        out.addAll(g, x.pos, null, n);
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
}
