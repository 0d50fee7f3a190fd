package org.r2led.model;

import ai.djl.ndarray.NDArray;
import org.r2led.config.Config;
import org.r2led.nn.DinAttention;
import org.r2led.nn.Step;

/**
 * DIN (Zhou et al., 2018). Retrieval: none — the most recent {@code short_seq_len} behaviors
 * ({@code din}) or the whole history capped at {@code max_seq_len} ({@code din_full}). Refinement:
 * DIN's activation unit (MLP over [q, k, q−k, q⊙k]) weighs every token; output
 * {@code MLP([h_v, u, h_v⊙u])} → logit. Cost per target: O(W·d·h) for W attended behaviors
 * (W = short_seq_len, or up to max_seq_len for din_full, which grows linearly with the history).
 */
public final class DinModel extends TokenModel {
  public static final ModelSpec DIN = new ModelSpec("din", "DIN attention over the last short_seq_len behaviors",
      ModelKeys.TOKENS.plus(ModelKeys.DIN_UNIT, ModelKeys.HEAD).plus(ModelKeys.SHORT_SEQ_LEN), ctx -> new DinModel(ctx, false));
  public static final ModelSpec DIN_FULL = new ModelSpec("din_full",
      "DIN attention over the whole history capped at max_seq_len (the accuracy/cost reference)",
      ModelKeys.TOKENS.plus(ModelKeys.DIN_UNIT, ModelKeys.HEAD).plus(ModelKeys.MAX_SEQ_LEN), ctx -> new DinModel(ctx, true));

  private final DinAttention attention;
  private final InterestHead head;

  private DinModel(ModelContext ctx, boolean full) {
    super(ctx);
    Config c = ctx.config();
    this.attention = DinUnits.of(params(), "din_attention", c, dim());
    this.head = new InterestHead(params(), c, 3 * dim());
    select(TokenSelector.recent(full ? c.get(ModelKeys.MAX_SEQ_LEN) : c.get(ModelKeys.SHORT_SEQ_LEN)));
  }

  @Override
  public NDArray forward(Step s, TokenBatch b) {
    TokenEncoder.Encoded x = encoder().encode(s, b);
    NDArray u = attention.forward(s, x.target(), x.tokens(0), x.mask(0));
    return head.logits(s, InterestHead.inputs(x.target(), u), b.size());
  }
}
