package org.r2led.model;

import ai.djl.ndarray.NDArray;
import org.r2led.config.Config;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;
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
public final class EtaModel implements CtrModel {
  public static final ModelSpec SPEC = new ModelSpec("eta",
      "ETA: topk behaviors by Hamming distance of SimHash signatures of live item embeddings, multi-head target attention",
      ModelKeys.TOKENS.plus(ModelKeys.HEAD, ModelKeys.MULTI_HEAD, ModelKeys.DIN_UNIT, ModelKeys.RETRIEVAL)
          .plus(ModelKeys.HASH_BITS), EtaModel::new);

  private final String name;
  private final ParamStore store;
  private final TokenEncoder enc;
  private final LongShortHead head;
  private final LiveItemVectors live;
  private final TokenBatchBuilder batches;

  private EtaModel(ModelContext ctx) {
    Config c = ctx.config();
    this.name = ctx.name();
    this.store = new ParamStore(ctx.seed());
    this.enc = new TokenEncoder(store, c, ctx.data());
    this.head = new LongShortHead(store, c, enc.dim(), 1, 0);
    SimHash hash = new SimHash(enc.dim(), c.get(ModelKeys.HASH_BITS), ctx.seed() * 7919L + 31);
    this.live = new LiveItemVectors(enc.embeddings().itemTable(), hash).persistIn(store, "eta.item_signatures", false);
    int topk = c.get(ModelKeys.TOPK);
    final class Scratch {
      final HammingTopK rule = new HammingTopK();
      final int[] pos = new int[topk];
    }
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    this.batches = enc.builder(new LongShortSelector(c, 1, 0) {
      @Override
      protected void selectLong(History h, int targetItem, int targetCategory, long targetTs, TokenGroups out) {
        Scratch x = scratch.get();
        long[] sig = live.signatures();
        int n = x.rule.select(h.items(), 0, h.length(), sig[targetItem], sig, topk, x.pos);
        out.addAll(0, x.pos, null, n);
      }
    });
  }

  /** The retrieval snapshot (for tests and inspection). */
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
  public void afterLoad() { live.afterLoad(); }
}
