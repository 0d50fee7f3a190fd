package org.r2led.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.r2led.config.Config;
import org.r2led.nn.Act;
import org.r2led.nn.DinAttention;
import org.r2led.nn.Mlp;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;

/**
 * DIN (Zhou et al., 2018). Retrieval: none — the most recent {@code short_seq_len} behaviors
 * ({@code din}) or the whole history capped at {@code max_seq_len} ({@code din_full}). Refinement:
 * DIN's activation unit (MLP over [q, k, q−k, q⊙k]) weighs every token; output
 * {@code MLP([h_v, u, h_v⊙u])} → logit. Cost per target: O(W·d·h) for W attended behaviors
 * (W = short_seq_len, or up to max_seq_len for din_full, which grows linearly with the history).
 */
public final class DinModel implements CtrModel {
  public static final ModelSpec DIN = new ModelSpec("din", "DIN attention over the last short_seq_len behaviors",
      ModelKeys.TOKENS.plus(ModelKeys.DIN_UNIT, ModelKeys.HEAD).plus(ModelKeys.SHORT_SEQ_LEN), ctx -> new DinModel(ctx, false));
  public static final ModelSpec DIN_FULL = new ModelSpec("din_full",
      "DIN attention over the whole history capped at max_seq_len (the accuracy/cost reference)",
      ModelKeys.TOKENS.plus(ModelKeys.DIN_UNIT, ModelKeys.HEAD).plus(ModelKeys.MAX_SEQ_LEN), ctx -> new DinModel(ctx, true));

  private final String name;
  private final ParamStore store;
  private final TokenEncoder enc;
  private final DinAttention attention;
  private final Mlp head;
  private final TokenBatchBuilder batches;

  private DinModel(ModelContext ctx, boolean full) {
    Config c = ctx.config();
    this.name = ctx.name();
    this.store = new ParamStore(ctx.seed());
    this.enc = new TokenEncoder(store, c, ctx.data());
    int d = enc.dim();
    this.attention = dinUnit(store, "din_attention", c, d);
    this.head = head(store, c, 3 * d);
    int window = full ? c.get(ModelKeys.MAX_SEQ_LEN) : c.get(ModelKeys.SHORT_SEQ_LEN);
    this.batches = enc.builder(TokenSelector.recent(window));
  }

  /** DIN's activation unit from the {@link ModelKeys#DIN_UNIT} keys. */
  static DinAttention dinUnit(ParamStore store, String name, Config c, int d) {
    return new DinAttention(store, name, d, c.ints(ModelKeys.ATTENTION_HIDDEN_UNITS),
        Act.parse(c.get(ModelKeys.ATTENTION_ACTIVATION)), c.get(ModelKeys.DIN_USE_SOFTMAX));
  }

  /** The prediction MLP from the {@link ModelKeys#HEAD} keys, {@code in} → 1 logit. */
  static Mlp head(ParamStore store, Config c, int in) {
    return new Mlp(store, "dnn", in, c.ints(ModelKeys.DNN_HIDDEN_UNITS), Act.parse(c.get(ModelKeys.DNN_ACTIVATION)), 1,
        c.get(ModelKeys.NET_DROPOUT));
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
  public NDArray forward(Step s, TokenBatch b) {
    TokenEncoder.Encoded x = enc.encode(s, b);
    NDArray u = attention.forward(s, x.target(), x.tokens(0), x.mask(0));
    NDArray in = NDArrays.concat(new NDList(x.target(), u, x.target().mul(u)), -1);
    return head.forward(s, in).reshape(b.size());
  }
}
