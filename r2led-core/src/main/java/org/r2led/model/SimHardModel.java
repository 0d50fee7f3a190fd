package org.r2led.model;

import ai.djl.ndarray.NDArray;
import org.r2led.config.Config;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;
import org.r2led.retrieval.CategoryRetriever;

/**
 * SIM (hard search) (Pi et al., 2020). Retrieval: the most recent {@code topk} behaviors whose
 * category equals the target's ({@link CategoryRetriever}), O(T) per target (O(topk) with a
 * per-user category index). Refinement: multi-head target attention over them, plus the short-term
 * DIN ({@link LongShortHead}); O(topk·d·a) per target.
 */
public final class SimHardModel implements CtrModel {
  public static final ModelSpec SPEC = new ModelSpec("sim_hard",
      "SIM hard search: the target category's most recent topk behaviors, multi-head target attention",
      ModelKeys.TOKENS.plus(ModelKeys.HEAD, ModelKeys.MULTI_HEAD, ModelKeys.DIN_UNIT, ModelKeys.RETRIEVAL), SimHardModel::new);

  private final String name;
  private final ParamStore store;
  private final TokenEncoder enc;
  private final LongShortHead head;
  private final TokenBatchBuilder batches;

  private SimHardModel(ModelContext ctx) {
    Config c = ctx.config();
    this.name = ctx.name();
    this.store = new ParamStore(ctx.seed());
    this.enc = new TokenEncoder(store, c, ctx.data());
    this.head = new LongShortHead(store, c, enc.dim(), 1, 0);
    int topk = c.get(ModelKeys.TOPK);
    ThreadLocal<int[]> buf = ThreadLocal.withInitial(() -> new int[topk]);
    this.batches = enc.builder(new LongShortSelector(c, 1, 0) {
      @Override
      protected void selectLong(History h, int targetItem, int targetCategory, long targetTs, TokenGroups out) {
        int[] pos = buf.get();
        int n = CategoryRetriever.select(h.categories(), 0, h.length(), targetCategory, topk, pos);
        out.addAll(0, pos, null, n);
      }
    });
  }

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
}
