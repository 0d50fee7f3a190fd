package org.r2led.seqrec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic views of a catalog for DMESR, aligned with dense item ids ({@code 1..numItems}, 0 = padding):
 * any number of coarse views (one vector per item, or none: missing) and the fine view (the token-level
 * encoder outputs of each item's original text, a variable number of tokens, possibly none). Immutable;
 * accessors return the shared arrays, which callers must not modify.
 */
public final class ItemViews {
  /**
   * One coarse view.
   *
   * @param name view name (e.g. {@code title_genres}, {@code file:mllm.txt})
   * @param source what produced the vectors (encoder or file)
   * @param dim vector size
   * @param rows row-major {@code (numItems+1) × dim}; a missing item's row is zero
   * @param present whether item {@code i} has this view (index 0: false)
   */
  public record Coarse(String name, String source, int dim, float[] rows, boolean[] present) {
    public Coarse {
      if (rows.length != (long) present.length * dim) {
        throw new IllegalArgumentException("view " + name + ": rows has " + rows.length + " floats; expected "
            + present.length + " items × " + dim);
      }
    }

    /** Items {@code 1..n} without this view. */
    public int missing() {
      int m = 0;
      for (int i = 1; i < present.length; i++) if (!present[i]) m++;
      return m;
    }
  }

  /**
   * The fine view.
   *
   * @param source encoder that produced it
   * @param dim token vector size
   * @param offsets item {@code i}'s tokens are rows {@code [offsets[i], offsets[i+1])} of {@code data}; length numItems+2
   * @param data row-major token vectors
   */
  public record Fine(String source, int dim, int[] offsets, float[] data) {
    public Fine {
      if (offsets.length < 2 || (long) offsets[offsets.length - 1] * dim != data.length) {
        throw new IllegalArgumentException("fine view: offsets end at " + offsets[offsets.length - 1] + " tokens × " + dim
            + " but data has " + data.length + " floats");
      }
    }

    public int tokens(int item) { return offsets[item + 1] - offsets[item]; }

    /** Longest token count over items. */
    public int maxTokens() {
      int m = 0;
      for (int i = 0; i + 1 < offsets.length; i++) m = Math.max(m, tokens(i));
      return m;
    }
  }

  private final int numItems;
  private final List<Coarse> coarse;
  private final Fine fine;

  public ItemViews(int numItems, List<Coarse> coarse, Fine fine) {
    for (Coarse c : coarse) {
      if (c.present().length != numItems + 1) {
        throw new IllegalArgumentException("view " + c.name() + " covers " + (c.present().length - 1) + " items; expected " + numItems);
      }
    }
    if (fine.offsets().length != numItems + 2) {
      throw new IllegalArgumentException("fine view covers " + (fine.offsets().length - 2) + " items; expected " + numItems);
    }
    if (coarse.isEmpty()) throw new IllegalArgumentException("views: expected at least one coarse view, got none");
    this.numItems = numItems;
    this.coarse = List.copyOf(coarse);
    this.fine = fine;
  }

  public int numItems() { return numItems; }

  public List<Coarse> coarse() { return coarse; }

  public Fine fine() { return fine; }

  /** Coverage for reports: per view its source, dimension and missing items; fine-view token statistics. */
  public Map<String, Object> report() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("items", numItems);
    Map<String, Object> views = new LinkedHashMap<>();
    for (Coarse c : coarse) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("source", c.source());
      v.put("dim", c.dim());
      v.put("missing_items", c.missing());
      views.put(c.name(), v);
    }
    m.put("coarse", views);
    int none = 0;
    long total = 0;
    for (int i = 1; i <= numItems; i++) {
      if (fine.tokens(i) == 0) none++;
      total += fine.tokens(i);
    }
    int noCoarse = 0;
    for (int i = 1; i <= numItems; i++) {
      boolean any = false;
      for (Coarse c : coarse) any |= c.present()[i];
      if (!any) noCoarse++;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("source", fine.source());
    f.put("dim", fine.dim());
    f.put("items_without_tokens", none);
    f.put("mean_tokens", numItems == 0 ? 0 : (double) total / numItems);
    f.put("max_tokens", fine.maxTokens());
    m.put("fine", f);
    m.put("items_without_any_coarse_view", noCoarse);
    return m;
  }
}
