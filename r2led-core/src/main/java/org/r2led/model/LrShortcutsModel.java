package org.r2led.model;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.r2led.nn.Linear;
import org.r2led.nn.Step;

/**
 * LR-shortcuts: logistic regression ({@code σ(w·x + b)}, one {@link Linear} layer, trained by the
 * shared loop with Adam and BCE) on hand-made history features — not neural, no embeddings. It
 * measures how far the history alone separates the labels, which keeps the neural models' tables
 * honest (on Taobao with sampled negatives it is a strong baseline).
 *
 * <p>Features (computed by {@link Features}, its {@link TokenSelector}, from the history capped at
 * {@code max_seq_len}, "window" W; and from its last {@code short_seq_len} events, "short window" S):
 * <ul>
 *   <li>f0 {@code log(1 + n_cat(W))}: behaviors in W whose category is the target's;</li>
 *   <li>f1 {@code n_cat(W) / |W|} (0 for an empty history);</li>
 *   <li>f2 {@code 1} if the target item occurs in W, else {@code 0};</li>
 *   <li>f3 {@code log(1 + n_item(W))}: occurrences of the target item in W;</li>
 *   <li>f4–f7 the same four over S (share {@code n_cat(S) / |S|});</li>
 *   <li>f8 {@code log(1 + pop(v))}: popularity of the target item v = the number of TRAIN-split samples
 *       whose target is v, counted once when the model is built (no validation or test information; 0
 *       for an item that is never a training target);</li>
 *   <li>f9 {@code log(1 + |W|)}: history length (capped at {@code max_seq_len}).</li>
 * </ul>
 * Cost per target: O(T) integer work; the model itself is F+1 = 11 parameters.
 */
public final class LrShortcutsModel extends TokenModel {
  public static final ModelSpec SPEC = new ModelSpec("lr_shortcuts",
      "logistic regression on hand-made history features (category/item matches, popularity, length); no embeddings",
      org.r2led.config.KeySet.of(ModelKeys.MAX_SEQ_LEN, ModelKeys.SHORT_SEQ_LEN), LrShortcutsModel::new);

  /** Number of features F. */
  public static final int NUM_FEATURES = 10;
  /** Feature names, in order (for inspection and documentation). */
  public static final List<String> FEATURE_NAMES = List.of("log1p_cat_count", "cat_share", "item_seen", "log1p_item_count",
      "log1p_cat_count_short", "cat_share_short", "item_seen_short", "log1p_item_count_short", "log1p_item_popularity",
      "log1p_history_length");

  private final Linear lr;

  private LrShortcutsModel(ModelContext ctx) {
    super(ctx, false);
    this.lr = new Linear(params(), "lr", NUM_FEATURES, 1, true);
    java.util.Arrays.fill(lr.weight().values(), 0f); // zero start, as usual for logistic regression
    Features f = new Features(ctx.config().get(ModelKeys.MAX_SEQ_LEN), ctx.config().get(ModelKeys.SHORT_SEQ_LEN),
        ctx.data().trainTargetCounts());
    batches(new TokenBatchBuilder(f, 2)); // no tokens: the time-gap buckets are never used
  }

  /** The feature rule: 0 token groups, {@link #NUM_FEATURES} dense features. Stateless, thread-safe. */
  public static final class Features implements TokenSelector {
    private final Layout layout;
    private final int shortLen;
    private final int[] popularity;

    /** @param popularity per item id, e.g. TRAIN-split target counts (not copied; must not change) */
    public Features(int maxSeqLen, int shortSeqLen, int[] popularity) {
      this.layout = new Layout(0, 0, maxSeqLen, NUM_FEATURES);
      this.shortLen = shortSeqLen;
      this.popularity = popularity;
    }

    @Override
    public Layout layout() { return layout; }

    @Override
    public void select(History h, int targetItem, int targetCategory, long targetTs, TokenGroups out) {
      int len = h.length();
      int shortFrom = Math.max(0, len - shortLen);
      int[] items = h.items();
      int[] cats = h.categories();
      int catLong = 0;
      int itemLong = 0;
      int catShort = 0;
      int itemShort = 0;
      for (int p = 0; p < len; p++) {
        boolean cat = cats[p] == targetCategory;
        boolean item = items[p] == targetItem;
        if (cat) catLong++;
        if (item) itemLong++;
        if (p >= shortFrom) {
          if (cat) catShort++;
          if (item) itemShort++;
        }
      }
      int shortCount = len - shortFrom;
      window(out, 0, catLong, itemLong, len);
      window(out, 4, catShort, itemShort, shortCount);
      int pop = targetItem >= 0 && targetItem < popularity.length ? popularity[targetItem] : 0;
      out.feature(8, (float) Math.log1p(pop));
      out.feature(9, (float) Math.log1p(len));
    }

    private static void window(TokenGroups out, int f, int cat, int item, int n) {
      out.feature(f, (float) Math.log1p(cat));
      out.feature(f + 1, n == 0 ? 0f : cat / (float) n);
      out.feature(f + 2, item > 0 ? 1f : 0f);
      out.feature(f + 3, (float) Math.log1p(item));
    }
  }

  @Override
  public NDArray forward(Step s, TokenBatch b) { return lr.forward(s, b.features(s)).reshape(b.size()); }
}
