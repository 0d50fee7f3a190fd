package org.r2led.model;

import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;

/**
 * The plumbing every token model shares, so that a model is a retrieval rule (a
 * {@link TokenSelector}) plus a {@link #forward} pass: its registry name, its {@link ParamStore}
 * (seeded with the run seed), the {@link TokenEncoder}'s embedding tables (declared first, so every
 * model's parameters start with them), its {@link TokenBatchBuilder}, and optionally a
 * {@link LiveItemVectors} snapshot kept current through {@link #afterUpdate} and {@link #afterLoad}.
 *
 * <p>A subclass constructor calls {@code super(ctx)}, declares its own parameters in
 * {@link #params()} (declaration order is initialisation order and the checkpoint's order), then
 * calls {@link #select} (or {@link #batches}) once.
 */
public abstract class TokenModel implements CtrModel {
  private final String name;
  private final ParamStore store;
  private final TokenEncoder enc;
  private TokenBatchBuilder batches;
  private LiveItemVectors live;

  /** A model over history tokens: declares the token encoder's tables ({@link ModelKeys#TOKENS}). */
  protected TokenModel(ModelContext ctx) { this(ctx, true); }

  /**
   * @param embedTokens declare the token encoder's tables; false for a model without embeddings
   *     (dense features only), whose {@link #encoder()} is then null
   */
  protected TokenModel(ModelContext ctx, boolean embedTokens) {
    this.name = ctx.name();
    this.store = new ParamStore(ctx.seed());
    this.enc = embedTokens ? new TokenEncoder(store, ctx.config(), ctx.data()) : null;
  }

  /** The token encoder (null for a model built without token embeddings). */
  protected final TokenEncoder encoder() { return enc; }

  /** The embedding size d of the token encoder. */
  protected final int dim() { return enc.dim(); }

  /** Sets the retrieval rule: batches are built by the encoder's builder for {@code selector}. */
  protected final void select(TokenSelector selector) { batches(enc.builder(selector)); }

  /** Sets the batch builder (for models that need SID codes or no token encoder); once, in the constructor. */
  protected final void batches(TokenBatchBuilder builder) {
    if (batches != null) throw new IllegalStateException("model '" + name + "' already has a batch builder");
    this.batches = builder;
  }

  /**
   * Keeps {@code vectors} current: {@link #afterUpdate} refreshes the rows a step changed and
   * {@link #afterLoad} restores it after a checkpoint was loaded.
   *
   * @return {@code vectors}
   */
  protected final LiveItemVectors live(LiveItemVectors vectors) {
    if (live != null) throw new IllegalStateException("model '" + name + "' already has a live item snapshot");
    this.live = vectors;
    return vectors;
  }

  /** The retrieval snapshot of the live item vectors, or null (for tests and inspection). */
  final LiveItemVectors liveVectors() { return live; }

  @Override
  public final String name() { return name; }

  @Override
  public final ParamStore params() { return store; }

  @Override
  public final TokenBatch prepare(SampleSource samples) { return builder().build(samples); }

  @Override
  public final int historyWindow() { return builder().layout().window(); }

  private TokenBatchBuilder builder() {
    if (batches == null) throw new IllegalStateException("model '" + name + "' set no selector (call select in its constructor)");
    return batches;
  }

  /** Refreshes the live item snapshot, if any, for the rows of the item table a step changed. */
  @Override
  public void afterUpdate(Param table, int[] rows, int count) {
    if (live != null) live.refresh(table, rows, count);
  }

  /** Restores the live item snapshot, if any, as the checkpoint saved it. */
  @Override
  public void afterLoad() {
    if (live != null) live.afterLoad();
  }
}
