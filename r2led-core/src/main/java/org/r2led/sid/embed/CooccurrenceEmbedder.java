package org.r2led.sid.embed;

import java.util.LinkedHashMap;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.io.Progress;
import org.r2led.sid.quant.Parallel;

/**
 * Content vectors for ID-only catalogs, from what the data has: the item's category and the items it
 * co-occurs with in user sequences. Vector = {@code [sqrt(w)·category part, sqrt(1-w)·item part]},
 * each part L2-normalized (so the squared-norm share of the category part is {@code w}):
 * <ul>
 *   <li>category part: one-hot when there are at most {@code categoryDim} categories, else the
 *       {@link SpectralEmbedding} of the category co-occurrence graph (categories of events within
 *       {@code window} positions);
 *   <li>item part: the {@link SpectralEmbedding} of the item co-occurrence graph (items within
 *       {@code window} positions of each other); zero for items that never co-occur.
 * </ul>
 * Only events before each user's first sample target (of any split) are counted. A target event that
 * is counted would tie the target item to the user's own history, so the SIDs would encode training
 * labels (positives share prefixes with their user's history, negatives do not) — a shortcut that is
 * absent at validation/test time. Nothing from an evaluation period leaks in either. Plain Java,
 * deterministic for a seed.
 */
public final class CooccurrenceEmbedder implements ItemEmbedder {
  /**
   * @param window co-occurrence window in events
   * @param itemDim dimension of the item part
   * @param categoryDim dimension of the category part
   * @param categoryWeight squared-norm share of the category part, in [0, 1]
   * @param iterations subspace iterations of the spectral embeddings
   */
  public record Config(int window, int itemDim, int categoryDim, double categoryWeight, int iterations, long seed,
      int threads) {
    public Config {
      if (window < 1) throw new IllegalArgumentException("window must be >= 1, got " + window);
      if (itemDim < 1 || categoryDim < 1) throw new IllegalArgumentException("dimensions must be >= 1");
      if (categoryWeight < 0 || categoryWeight > 1) {
        throw new IllegalArgumentException("categoryWeight must be in [0,1], got " + categoryWeight);
      }
    }

    public static Config defaults(long seed) {
      return new Config(5, 32, 16, 0.5, 12, seed, 0);
    }
  }

  private final Config cfg;

  public CooccurrenceEmbedder(Config cfg) {
    this.cfg = cfg;
  }

  @Override
  public String name() { return "cooccurrence"; }

  @Override
  public ItemEmbeddings embed(PreparedDataset data) {
    int n = data.numItems();
    int nc = data.numCategories();
    long t0 = System.nanoTime();
    int[] cutoff = labelFreeLengths(data);
    Cooccurrence.Builder items = new Cooccurrence.Builder(n, cfg.window());
    Cooccurrence.Builder cats = new Cooccurrence.Builder(Math.max(nc, 1), cfg.window());
    boolean oneHot = nc <= cfg.categoryDim();
    int[] buf = new int[1024];
    long used = 0;
    Progress p = Progress.builder("counting co-occurrences").total(data.numUsers()).unit("users").build();
    for (int u = 0; u < data.numUsers(); u++) {
      int len = cutoff[u];
      if (buf.length < len) buf = new int[Math.max(len, buf.length * 2)];
      data.copyItems(data.seqStart(u), len, buf, 0);
      items.addSequence(buf, len);
      if (!oneHot) {
        data.copyCategories(data.seqStart(u), len, buf, 0);
        cats.addSequence(buf, len);
      }
      used += len;
      p.advance(1);
    }
    p.finish();
    Cooccurrence ic = items.build();
    int itemDim;
    float[] itemPart;
    float[] catPart;
    int catDim;
    try (Parallel par = new Parallel(cfg.threads())) {
      itemPart = SpectralEmbedding.embed(ic, cfg.itemDim(), cfg.iterations(), cfg.seed(), par);
      itemDim = itemPart.length / (n + 1);
      if (oneHot) {
        catDim = Math.max(nc, 1);
        catPart = new float[(catDim + 1) * catDim];
        for (int c = 1; c <= nc; c++) catPart[c * catDim + (c - 1)] = 1f;
      } else {
        catPart = SpectralEmbedding.embed(cats.build(), cfg.categoryDim(), cfg.iterations(), cfg.seed() + 1, par);
        catDim = catPart.length / (nc + 1);
      }
    }
    int dim = catDim + itemDim;
    float wc = (float) Math.sqrt(cfg.categoryWeight());
    float wi = (float) Math.sqrt(1 - cfg.categoryWeight());
    float[] rows = new float[(n + 1) * dim];
    int isolated = 0;
    for (int i = 1; i <= n; i++) {
      int c = data.itemCategory(i);
      if (c > 0 && c <= nc) {
        for (int t = 0; t < catDim; t++) rows[i * dim + t] = wc * catPart[c * catDim + t];
      }
      boolean any = false;
      for (int t = 0; t < itemDim; t++) {
        float v = itemPart[i * itemDim + t];
        any |= v != 0;
        rows[i * dim + catDim + t] = wi * v;
      }
      if (!any) isolated++;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("method", "spectral embedding (regularized normalized adjacency, randomized subspace iteration)"
        + " of item co-occurrence within a window, concatenated with a category "
        + (oneHot ? "one-hot" : "spectral embedding of category co-occurrence"));
    details.put("window", cfg.window());
    details.put("itemDim", itemDim);
    details.put("categoryDim", catDim);
    details.put("categoryPart", oneHot ? "one-hot" : "spectral");
    details.put("categoryWeight", cfg.categoryWeight());
    details.put("eventsUsed", used);
    details.put("eventsTotal", data.numEvents());
    details.put("itemPairs", ic.nonZeros() / 2);
    details.put("itemsWithoutCooccurrence", isolated);
    details.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
    return new ItemEmbeddings(n, dim, rows, name(), details);
  }

  /** Per user, the number of leading events before the user's first sample (of any split). */
  static int[] labelFreeLengths(PreparedDataset data) {
    int[] cut = new int[data.numUsers()];
    for (int u = 0; u < cut.length; u++) cut[u] = data.seqLength(u);
    for (Split s : Split.values()) {
      SampleSplit sp = data.split(s);
      for (int i = 0; i < sp.size(); i++) {
        int u = sp.user(i);
        cut[u] = Math.min(cut[u], sp.pos(i));
      }
    }
    return cut;
  }
}
