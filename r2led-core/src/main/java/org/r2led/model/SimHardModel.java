package org.r2led.model;

import org.r2led.retrieval.CategoryRetriever;

/**
 * SIM (hard search) (Pi et al., 2020). Retrieval: the most recent {@code topk} behaviors whose
 * category equals the target's ({@link CategoryRetriever}), O(T) per target (O(topk) with a
 * per-user category index). Refinement: multi-head target attention over them, plus the short-term
 * DIN ({@link LongShortHead}); O(topk·d·a) per target.
 */
public final class SimHardModel extends LongShortModel {
  public static final ModelSpec SPEC = new ModelSpec("sim_hard",
      "SIM hard search: the target category's most recent topk behaviors, multi-head target attention",
      KEYS, SimHardModel::new);

  private SimHardModel(ModelContext ctx) {
    super(ctx, 1);
    int topk = ctx.config().get(ModelKeys.TOPK);
    ThreadLocal<int[]> buf = ThreadLocal.withInitial(() -> new int[topk]);
    retrieve((h, targetItem, targetCategory, targetTs, out) -> {
      int[] pos = buf.get();
      int n = CategoryRetriever.select(h.categories(), 0, h.length(), targetCategory, topk, pos);
      out.addAll(0, pos, null, n);
    });
  }
}
