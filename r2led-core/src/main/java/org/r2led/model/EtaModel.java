package org.r2led.model;

import org.r2led.retrieval.HammingTopK;
import org.r2led.retrieval.SimHash;

/**
 * ETA (Chen et al., 2021). Retrieval: SimHash signatures ({@code hash_bits} random projections,
 * seeded from the run seed) of the <em>live</em> item ID embeddings ({@link LiveItemVectors},
 * re-signed for the rows each step updated); the {@code topk} behaviors of the history capped at
 * {@code max_seq_len} nearest to the target's signature in Hamming distance ({@link HammingTopK},
 * ties → more recent); O(T) popcounts per target (plus O(hash_bits·d) per updated item and step).
 * Refinement: multi-head target attention over them plus the short-term DIN
 * ({@link LongShortHead}); O(topk·d·a + short_seq_len·d·h) per target.
 */
public final class EtaModel extends LongShortModel {
  public static final ModelSpec SPEC = new ModelSpec("eta",
      "ETA: topk behaviors by Hamming distance of SimHash signatures of live item embeddings, multi-head target attention",
      KEYS.plus(ModelKeys.HASH_BITS), EtaModel::new);

  private EtaModel(ModelContext ctx) {
    super(ctx, 1);
    SimHash hash = new SimHash(dim(), ctx.config().get(ModelKeys.HASH_BITS), ctx.seed() * 7919L + 31);
    LiveItemVectors live =
        live(new LiveItemVectors(encoder().embeddings().itemTable(), hash).persistIn(params(), "eta.item_signatures", false));
    int topk = ctx.config().get(ModelKeys.TOPK);
    final class Scratch {
      final HammingTopK rule = new HammingTopK();
      final int[] pos = new int[topk];
    }
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    retrieve((h, targetItem, targetCategory, targetTs, out) -> {
      Scratch x = scratch.get();
      long[] sig = live.signatures();
      int n = x.rule.select(h.items(), 0, h.length(), sig[targetItem], sig, topk, x.pos);
      out.addAll(0, x.pos, null, n);
    });
  }
}
