package org.r2led.model;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.nn.FeatureEmbeddings;
import org.r2led.nn.Gather;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;

/**
 * The shared token pipeline of every model: item ID embeddings (row-sparse), optional category,
 * behavior and time-gap embeddings ({@link ModelKeys#TOKENS}), turned from a {@link TokenBatch}
 * into tensors: {@code target = item + category} {@code (B, d)} and
 * {@code token = item + category + behavior + gap} {@code (G, B, K, d)}.
 */
public final class TokenEncoder {
  private final FeatureEmbeddings emb;

  /** Declares the embedding tables in {@code store} from the config's token keys and the dataset's vocabularies. */
  public TokenEncoder(ParamStore store, Config c, PreparedDataset ds) {
    this.emb = new FeatureEmbeddings(store, ds.numItems(), ds.numCategories(), ds.numBehaviors(),
        c.get(ModelKeys.TIME_GAP_BUCKETS), c.get(ModelKeys.EMBEDDING_DIM), c.get(ModelKeys.EMBEDDING_INIT_STD),
        c.get(ModelKeys.USE_CATEGORY), c.get(ModelKeys.USE_BEHAVIOR), c.get(ModelKeys.USE_TIME_GAP));
  }

  public FeatureEmbeddings embeddings() { return emb; }

  public int dim() { return emb.dim(); }

  /** A batch builder for {@code selector} with this encoder's time-gap buckets. */
  public TokenBatchBuilder builder(TokenSelector selector) { return new TokenBatchBuilder(selector, emb.gapBuckets()); }

  /**
   * The encoded inputs of a batch.
   *
   * @param items item rows of the batch's distinct items {@code (U, d)} (after any fusion)
   * @param categories category rows {@code (C, d)}, or null when categories are off
   * @param target target tokens {@code (B, d)}
   * @param tokens history tokens {@code (G, B, K, d)}, or null when the batch has no groups
   * @param mask token mask {@code (G, B, K)}, or null
   */
  public record Encoded(NDArray items, NDArray categories, NDArray target, NDArray tokens, NDArray mask) {
    /** Tokens of group g {@code (B, K, d)}. */
    public NDArray tokens(int g) { return tokens.get(g); }

    /** Mask of group g {@code (B, K)}. */
    public NDArray mask(int g) { return mask.get(g); }
  }

  public Encoded encode(Step s, TokenBatch b) { return encode(s, b, UnaryOperator.identity()); }

  /** As {@link #encode(Step, TokenBatch)}, passing the distinct items' ID rows through {@code fuse} first (e.g. a SID gate). */
  public Encoded encode(Step s, TokenBatch b, UnaryOperator<NDArray> fuse) {
    int n = b.size();
    NDArray items = fuse.apply(emb.itemRows(s, b.items));
    NDArray cats = emb.categoryRows(s, b.cats);
    NDArray target = Gather.rows(items, s.ints(b.targetItem, n));
    if (cats != null) target = target.add(Gather.rows(cats, s.ints(b.targetCat, n)));
    if (b.groups == 0 || b.capacity == 0) return new Encoded(items, cats, target, null, null);
    NDArray tokens = emb.tokens(s, items, b.tokItem, cats, b.tokCat, b.tokBeh, b.tokGap, b.groups, n, b.capacity);
    return new Encoded(items, cats, target, tokens, b.mask(s));
  }
}
