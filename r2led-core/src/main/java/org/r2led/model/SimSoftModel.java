package org.r2led.model;

import org.r2led.retrieval.InnerProductTopK;

/**
 * SIM (soft search) (Pi et al., 2020; FuxiCTR's SIM). Retrieval: the {@code topk} behaviors of the
 * history capped at {@code max_seq_len} whose <em>live</em> item ID embeddings have the largest
 * inner product with the target's ({@link InnerProductTopK}, ties → more recent), read from a
 * {@link LiveItemVectors} snapshot refreshed for the rows each step updated (never the parameters
 * the optimizer writes); O(T·d) per target. Refinement: multi-head target attention over them plus
 * the short-term DIN ({@link LongShortHead}); O(topk·d·a + short_seq_len·d·h) per target.
 */
public final class SimSoftModel extends LongShortModel {
  public static final ModelSpec SPEC = new ModelSpec("sim_soft",
      "SIM soft search: topk behaviors by inner product of live item embeddings with the target, multi-head target attention",
      KEYS, SimSoftModel::new);

  private SimSoftModel(ModelContext ctx) {
    super(ctx, 1);
    LiveItemVectors live =
        live(new LiveItemVectors(encoder().embeddings().itemTable(), null).persistIn(params(), "sim_soft.item_vectors", true));
    int topk = ctx.config().get(ModelKeys.TOPK);
    int d = live.dim();
    final class Scratch {
      final InnerProductTopK rule = new InnerProductTopK();
      final float[] query = new float[d];
      final int[] pos = new int[topk];
    }
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    retrieve((h, targetItem, targetCategory, targetTs, out) -> {
      Scratch x = scratch.get();
      float[] v = live.vectors();
      System.arraycopy(v, targetItem * d, x.query, 0, d);
      int n = x.rule.select(h.items(), h.length(), x.query, v, d, topk, x.pos);
      out.addAll(0, x.pos, null, n);
    });
  }
}
