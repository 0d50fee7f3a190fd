package org.r2led.model;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;
import org.r2led.config.Config;
import org.r2led.nn.FeatureEmbeddings;
import org.r2led.nn.Gather;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.TokenTable;
import org.r2led.nn.Step;

/**
 * The shared token pipeline of every model: item ID embeddings (row-sparse), optional category,
 * behavior and time-gap embeddings ({@link ModelKeys#TOKENS}), turned from a {@link TokenBatch}
 * into tensors: {@code target = item + category} {@code (B, d)} and
 * {@code token = item + category + behavior + gap} {@code (G, B, K, d)}.
 */
public final class TokenEncoder {
  private final FeatureEmbeddings emb;

  /** Declares the embedding tables in {@code store} from the config's token keys and the data's vocabularies. */
  public TokenEncoder(ParamStore store, Config c, ModelData ds) {
    this.emb = new FeatureEmbeddings(store, ds.numItems(), ds.numCategories(), ds.numBehaviors(),
        c.get(ModelKeys.TIME_GAP_BUCKETS), c.get(ModelKeys.EMBEDDING_DIM), c.get(ModelKeys.EMBEDDING_INIT_STD),
        c.get(ModelKeys.USE_CATEGORY), c.get(ModelKeys.USE_BEHAVIOR), c.get(ModelKeys.USE_TIME_GAP));
  }

  public FeatureEmbeddings embeddings() { return emb; }

  public int dim() { return emb.dim(); }

  /** A batch builder for {@code selector} with this encoder's time-gap buckets. */
  public TokenBatchBuilder builder(TokenSelector selector) { return new TokenBatchBuilder(selector, emb.gapBuckets()); }

  /**
   * The encoded inputs of a batch. History tokens are held in factored form ({@link TokenTable}:
   * distinct item+category pairs plus the sums of the small dense tables), and each gather below is
   * an independent branch of the graph (no slice of one large token tensor, whose backward would
   * materialise a zero gradient of the whole tensor).
   */
  public static final class Encoded {
    private final NDArray items;
    private final NDArray categories;
    private final NDArray target;
    private final TokenTable table;
    private final NDArray mask;
    private final Step step;
    private final int b;
    private final int k;
    private final int groups;

    Encoded(Step step, TokenBatch batch, NDArray items, NDArray categories, NDArray target, TokenTable table, NDArray mask) {
      this.step = step;
      this.items = items;
      this.categories = categories;
      this.target = target;
      this.table = table;
      this.mask = mask;
      this.b = batch.size();
      this.k = batch.capacity;
      this.groups = batch.groups;
    }

    /** Item rows of the batch's distinct items {@code (U, d)} (after any fusion). */
    public NDArray items() { return items; }

    /** Category rows {@code (C, d)}, or null when categories are off. */
    public NDArray categories() { return categories; }

    /** Target tokens {@code (B, d)}. */
    public NDArray target() { return target; }

    /** All history tokens {@code (G, B, K, d)}, or null when the batch has no groups. */
    public NDArray tokens() { return tokens(0, groups); }

    /** Tokens of groups {@code [from, to)}, shape {@code (to−from, B, K, d)}. */
    public NDArray tokens(int from, int to) {
      if (table == null) return null;
      int per = b * k;
      return table.gatherRange(step, from * per, to * per, to - from, b, k);
    }

    /** Tokens of group g {@code (B, K, d)}. */
    public NDArray tokens(int g) {
      int per = b * k;
      return table.gatherRange(step, g * per, (g + 1) * per, b, k);
    }

    /** Tokens of group g of sample 0 only {@code (1, K, d)} (for a group where {@link TokenBatch#uniform} holds). */
    public NDArray firstTokens(int g) {
      int from = g * b * k;
      return table.gatherRange(step, from, from + k, 1, k);
    }

    /** Token mask {@code (G, B, K)}, or null. */
    public NDArray mask() { return mask; }

    /** Mask of group g {@code (B, K)}. */
    public NDArray mask(int g) { return mask.get(g); }
  }

  public Encoded encode(Step s, TokenBatch b) { return encode(s, b, UnaryOperator.identity(), null); }

  /**
   * As {@link #encode(Step, TokenBatch)}, passing the distinct items' ID rows through {@code fuse} first
   * (e.g. a SID gate) and adding rows {@code b.tokFlag} of {@code flagTableOrNull} (a small dense table,
   * e.g. R2LED's mixed-fill flag) to every history token.
   */
  public Encoded encode(Step s, TokenBatch b, UnaryOperator<NDArray> fuse, Param flagTableOrNull) {
    return encode(s, b, fuse.apply(emb.itemRows(s, b.items)), flagTableOrNull);
  }

  /**
   * As {@link #encode(Step, TokenBatch, UnaryOperator, Param)} with the rows of the batch's distinct
   * items already computed ({@code items (U, d)}, e.g. precomputed from frozen parameters).
   */
  public Encoded encode(Step s, TokenBatch b, NDArray items, Param flagTableOrNull) {
    int n = b.size();
    NDArray cats = emb.categoryRows(s, b.cats);
    NDArray target = Gather.rows(s, items, s.ints(b.targetItem, n));
    if (cats != null) target = target.add(Gather.rows(s, cats, s.ints(b.targetCat, n)));
    if (b.groups == 0 || b.capacity == 0) return new Encoded(s, b, items, cats, target, null, null);
    TokenTable table = emb.tokenTable(s, items, b.tokItem, cats, b.tokCat, b.tokBeh, b.tokGap, flagTableOrNull,
        flagTableOrNull == null ? null : b.tokFlag);
    return new Encoded(s, b, items, cats, target, table, b.mask(s));
  }
}
