package org.r2led.nn;

import ai.djl.ndarray.NDArray;

/**
 * The shared token representation: item ID embedding (row-sparse table, {@code numItems+1 × d}),
 * category embedding (row-sparse, optional), behavior-type embedding and log2 time-gap-to-target
 * bucket embedding (small dense tables, optional). Models first gather (and possibly fuse) the item
 * rows of a step, then build tokens by index: {@code token = item + category + behavior + gap}.
 */
public final class FeatureEmbeddings {
  private final Param items;
  private final Param categories;
  private final Param behaviors;
  private final Param gaps;
  private final int dim;
  private final int gapBuckets;

  public FeatureEmbeddings(ParamStore store, int numItems, int numCategories, int numBehaviors, int gapBuckets,
      int dim, double std, boolean useCategory, boolean useBehavior, boolean useTimeGap) {
    this.dim = dim;
    this.gapBuckets = gapBuckets;
    this.items = store.embedding("emb.item", numItems + 1, dim, std);
    this.categories = useCategory ? store.embedding("emb.category", numCategories + 1, dim, std) : null;
    this.behaviors = useBehavior ? store.denseTable("emb.behavior", numBehaviors + 1, dim, std) : null;
    this.gaps = useTimeGap ? store.denseTable("emb.time_gap", gapBuckets, dim, std) : null;
  }

  public int dim() { return dim; }

  public int gapBuckets() { return gapBuckets; }

  public Param itemTable() { return items; }

  public boolean usesCategory() { return categories != null; }

  public boolean usesBehavior() { return behaviors != null; }

  public boolean usesTimeGap() { return gaps != null; }

  /** Item ID embeddings of the step's unique items {@code (U, d)}. */
  public NDArray itemRows(Step s, UniqueIds ids) { return s.rows(items, ids); }

  /** Category embeddings of the step's unique categories {@code (C, d)}, or null when unused. */
  public NDArray categoryRows(Step s, UniqueIds ids) { return categories == null ? null : s.rows(categories, ids); }

  /**
   * Tokens of shape {@code (shape..., d)}: rows {@code itemPos} of the (fused) item matrix {@code h},
   * plus category rows {@code catPos} of {@code c}, behavior codes and time-gap buckets (each index
   * array has the product of {@code shape} entries; null arrays are skipped).
   */
  public NDArray tokens(Step s, NDArray h, int[] itemPos, NDArray c, int[] catPos, int[] behavior, int[] gap,
      long... shape) {
    NDArray t = Gather.rows(h, s.ints(itemPos, shape));
    if (c != null && catPos != null) t = t.add(Gather.rows(c, s.ints(catPos, shape)));
    if (behaviors != null && behavior != null) t = t.add(Gather.rows(s.p(behaviors), s.ints(behavior, shape)));
    if (gaps != null && gap != null) t = t.add(Gather.rows(s.p(gaps), s.ints(gap, shape)));
    return t;
  }
}
