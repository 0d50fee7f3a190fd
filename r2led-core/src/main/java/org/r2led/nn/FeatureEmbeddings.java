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
    long t = Profile.start();
    NDArray r = tokensImpl(s, h, itemPos, c, catPos, behavior, gap, shape);
    Profile.stop("forward.tokens", t);
    return r;
  }

  private NDArray tokensImpl(Step s, NDArray h, int[] itemPos, NDArray c, int[] catPos, int[] behavior, int[] gap,
      long... shape) {
    NDArray t = Gather.rows(s, h, s.ints(itemPos, shape));
    if (c != null && catPos != null) t = t.add(Gather.rows(s, c, s.ints(catPos, shape)));
    if (behaviors != null && behavior != null) t = t.add(Gather.rows(s, s.p(behaviors), s.ints(behavior, shape)));
    if (gaps != null && gap != null) t = t.add(Gather.rows(s, s.p(gaps), s.ints(gap, shape)));
    return t;
  }

  /**
   * The step's tokens in factored form ({@link TokenTable}): {@code item + category + behavior + gap
   * + extra} for each of the {@code itemPos.length} tokens, where {@code extra} is an optional further
   * small dense table (e.g. R2LED's mixed-fill flag) with per-token rows {@code extraIdx}. Null
   * arrays/tables are skipped as in {@link #tokens}.
   */
  public TokenTable tokenTable(Step s, NDArray h, int[] itemPos, NDArray c, int[] catPos, int[] behavior, int[] gap,
      Param extra, int[] extraIdx) {
    long t = Profile.start();
    NDArray pairs;
    int[] pairPos;
    if (c != null && catPos != null) {
      int[][] p = TokenTable.pairs(itemPos, catPos, (int) c.getShape().get(0));
      pairPos = p[0];
      int np = p[1].length;
      pairs = Gather.rows(s, h, s.ints(p[1], np)).add(Gather.rows(s, c, s.ints(p[2], np)));
    } else {
      pairs = h;
      pairPos = itemPos;
    }
    boolean ub = behaviors != null && behavior != null;
    boolean ug = gaps != null && gap != null;
    boolean ue = extra != null && extraIdx != null;
    NDArray combos = null;
    int[] comboPos = null;
    if (ub || ug || ue) {
      int nb = ub ? behaviors.rows() : 1;
      int ng = ug ? gaps.rows() : 1;
      int ne = ue ? extra.rows() : 1;
      int n = itemPos.length;
      comboPos = new int[n];
      for (int i = 0; i < n; i++) {
        int bi = ub ? behavior[i] : 0;
        int gi = ug ? gap[i] : 0;
        int ei = ue ? extraIdx[i] : 0;
        if (bi < 0 || bi >= nb || gi < 0 || gi >= ng || ei < 0 || ei >= ne) {
          throw new IndexOutOfBoundsException("token " + i + ": behavior " + bi + "/" + nb + ", time gap " + gi + "/" + ng
              + ", extra " + ei + "/" + ne);
        }
        comboPos[i] = (bi * ng + gi) * ne + ei;
      }
      NDArray acc = null;
      if (ub) acc = s.p(behaviors).reshape(nb, 1, 1, dim);
      if (ug) {
        NDArray g = s.p(gaps).reshape(1, ng, 1, dim);
        acc = acc == null ? g : acc.add(g);
      }
      if (ue) {
        NDArray e = s.p(extra).reshape(1, 1, ne, dim);
        acc = acc == null ? e : acc.add(e);
      }
      combos = acc.reshape((long) nb * ng * ne, dim);
    }
    Profile.stop("forward.token_table", t);
    return TokenTable.of(s, pairs, pairPos, combos, comboPos);
  }
}
