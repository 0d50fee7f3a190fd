package org.r2led.model;

import ai.djl.ndarray.NDArray;
import org.r2led.config.Config;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;
import org.r2led.retrieval.InnerProductTopK;

/**
 * SIM (soft search) (Pi et al., 2020; FuxiCTR's SIM). Retrieval: the {@code topk} behaviors of the
 * history capped at {@code max_seq_len} whose <em>live</em> item ID embeddings have the largest
 * inner product with the target's ({@link InnerProductTopK}, ties → more recent), read from a
 * {@link LiveItemVectors} snapshot refreshed for the rows each step updated (never the parameters
 * the optimizer writes); O(T·d) per target. Refinement: multi-head target attention over them plus
 * the short-term DIN ({@link LongShortHead}); O(topk·d·a + short_seq_len·d·h) per target.
 */
public final class SimSoftModel implements CtrModel {
  public static final ModelSpec SPEC = new ModelSpec("sim_soft",
      "SIM soft search: topk behaviors by inner product of live item embeddings with the target, multi-head target attention",
      ModelKeys.TOKENS.plus(ModelKeys.HEAD, ModelKeys.MULTI_HEAD, ModelKeys.DIN_UNIT, ModelKeys.RETRIEVAL), SimSoftModel::new);

  private final String name;
  private final ParamStore store;
  private final TokenEncoder enc;
  private final LongShortHead head;
  private final LiveItemVectors live;
  private final TokenBatchBuilder batches;

  private SimSoftModel(ModelContext ctx) {
    Config c = ctx.config();
    this.name = ctx.name();
    this.store = new ParamStore(ctx.seed());
    this.enc = new TokenEncoder(store, c, ctx.data());
    this.head = new LongShortHead(store, c, enc.dim(), 1, 0);
    this.live = new LiveItemVectors(enc.embeddings().itemTable(), null).persistIn(store, "sim_soft.item_vectors", true);
    int topk = c.get(ModelKeys.TOPK);
    int d = live.dim();
    final class Scratch {
      final InnerProductTopK rule = new InnerProductTopK();
      final float[] query = new float[d];
      final int[] pos = new int[topk];
    }
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    this.batches = enc.builder(new LongShortSelector(c, 1, 0) {
      @Override
      protected void selectLong(History h, int targetItem, int targetCategory, long targetTs, TokenGroups out) {
        Scratch x = scratch.get();
        float[] v = live.vectors();
        System.arraycopy(v, targetItem * d, x.query, 0, d);
        int n = x.rule.select(h.items(), h.length(), x.query, v, d, topk, x.pos);
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
