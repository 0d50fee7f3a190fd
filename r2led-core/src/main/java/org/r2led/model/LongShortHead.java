package org.r2led.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.r2led.config.Config;
import org.r2led.nn.DinAttention;
import org.r2led.nn.ParamStore;
import org.r2led.nn.RouteFusion;
import org.r2led.nn.Step;
import org.r2led.nn.TargetAttention;

/**
 * The refinement and output shared by the retrieve-then-refine baselines (the layout of
 * {@link LongShortSelector}): multi-head target attention over each retrieved group
 * ({@link ModelKeys#MULTI_HEAD}) → {@code u_g}; several groups are fused by target-aware
 * cross-attention ({@link RouteFusion}) → {@code u}; optional DIN over the short group →
 * {@code u_short}; output {@code MLP([h_v, u, h_v⊙u, u_short, features])} → logit.
 */
public final class LongShortHead {
  private final int longGroups;
  private final TargetAttention attention;
  private final RouteFusion fusion;
  private final DinAttention shortDin;
  private final InterestHead output;

  public LongShortHead(ParamStore store, Config c, int dim, int longGroups, int features) {
    this.longGroups = longGroups;
    this.attention = new TargetAttention(store, "long_attention", longGroups, dim, dim, c.get(ModelKeys.ATTENTION_DIM),
        c.get(ModelKeys.NUM_HEADS), dim);
    this.fusion = longGroups > 1
        ? new RouteFusion(store, "long_fusion", longGroups, dim, RouteFusion.Mode.CROSS_ATTENTION, c.get(ModelKeys.EMBEDDING_INIT_STD))
        : null;
    boolean useShort = c.get(ModelKeys.USE_SHORT_DIN);
    this.shortDin = useShort ? DinUnits.of(store, "short_din", c, dim) : null;
    this.output = new InterestHead(store, c, (useShort ? 4 : 3) * dim + features);
  }

  /** Logits {@code (B)} from the encoded batch (groups as {@link LongShortSelector} lays them out). */
  public NDArray forward(Step s, TokenEncoder.Encoded x, TokenBatch b) {
    NDArray target = x.target();
    NDArray mask = x.mask();
    NDArray longTokens = x.tokens(0, longGroups);
    NDArray longMask = longGroups == b.groups ? mask : mask.get("0:{}", longGroups);
    NDArray perGroup = attention.forward(s, target, longTokens, longMask);         // (G,B,d)
    NDArray u = fusion == null ? perGroup.get(0)
        : fusion.forward(s, target, perGroup.transpose(1, 0, 2), b.groupMask(s).get(":, 0:{}", longGroups));
    NDList parts = InterestHead.inputs(target, u);
    if (shortDin != null) parts.add(shortDin.forward(s, target, x.tokens(longGroups), x.mask(longGroups)));
    if (b.numFeatures > 0) parts.add(b.features(s));
    return output.logits(s, parts, b.size());
  }
}
