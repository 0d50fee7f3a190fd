package org.r2led.model;

import ai.djl.ndarray.NDArray;
import org.r2led.config.Config;
import org.r2led.config.KeySet;
import org.r2led.nn.Step;

/**
 * A retrieve-then-refine model: a {@link LongShortSelector} whose long-term groups come from the
 * model's retrieval rule, refined by the {@link LongShortHead} (target attention per group, fusion,
 * short-term DIN, output MLP). A subclass constructor calls {@code super(ctx, groups)}, declares
 * any state its rule reads, then {@link #retrieve} once.
 */
public abstract class LongShortModel extends TokenModel {
  /** The keys the token tables, the head and the selector read; a model adds its retrieval rule's own. */
  public static final KeySet KEYS = ModelKeys.TOKENS.plus(ModelKeys.HEAD, ModelKeys.MULTI_HEAD, ModelKeys.DIN_UNIT, ModelKeys.RETRIEVAL);

  private final Config config;
  private final int longGroups;
  private final LongShortHead head;

  /** Declares the token tables, then the head's parameters for {@code longGroups} retrieved groups. */
  protected LongShortModel(ModelContext ctx, int longGroups) {
    super(ctx);
    this.config = ctx.config();
    this.longGroups = longGroups;
    this.head = new LongShortHead(params(), config, dim(), longGroups, 0);
  }

  /** Sets the long-term retrieval rule (the short-term group is added per {@link ModelKeys#RETRIEVAL}). */
  protected final void retrieve(LongShortSelector.Rule rule) { select(new LongShortSelector(config, longGroups, 0, rule)); }

  @Override
  public final NDArray forward(Step s, TokenBatch b) { return head.forward(s, encoder().encode(s, b), b); }
}
