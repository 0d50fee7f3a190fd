package org.r2led.recall.ann;

/**
 * Item search over the whole catalog and within each category: one {@link VectorIndex} for all items
 * and one per category, each an {@link HnswIndex} or, below {@link HnswSettings#exactBelow()} items
 * or when {@code exact}, an {@link ExactIndex}. Immutable and thread-safe after construction.
 */
public final class CatalogIndex {
  private final VectorIndex all;
  private final VectorIndex[] byCategory;
  private final int dim;

  /**
   * @param itemVectors row-major {@code (numItems+1, dim)}; row 0 (padding) is not indexed
   * @param itemCategory primary category per item, length numItems+1
   * @param numCategories categories are 1..numCategories
   */
  public CatalogIndex(float[] itemVectors, int dim, int[] itemCategory, int numCategories, HnswSettings settings,
      boolean exact) {
    int numItems = itemCategory.length - 1;
    if (itemVectors.length != (long) (numItems + 1) * dim) {
      throw new IllegalArgumentException("itemVectors has " + itemVectors.length + " floats; expected (numItems+1)*dim = "
          + (long) (numItems + 1) * dim);
    }
    this.dim = dim;
    int[] allIds = new int[numItems];
    for (int i = 0; i < numItems; i++) allIds[i] = i + 1;
    this.all = index(allIds, itemVectors, settings, exact);
    int[] count = new int[numCategories + 1];
    for (int i = 1; i <= numItems; i++) count[itemCategory[i]]++;
    this.byCategory = new VectorIndex[numCategories + 1];
    int[][] members = new int[numCategories + 1][];
    for (int c = 0; c <= numCategories; c++) members[c] = new int[count[c]];
    int[] k = new int[numCategories + 1];
    for (int i = 1; i <= numItems; i++) members[itemCategory[i]][k[itemCategory[i]]++] = i;
    for (int c = 1; c <= numCategories; c++) byCategory[c] = index(members[c], itemVectors, settings, exact);
  }

  private VectorIndex index(int[] ids, float[] table, HnswSettings settings, boolean exact) {
    float[] v = new float[ids.length * dim];
    for (int r = 0; r < ids.length; r++) System.arraycopy(table, ids[r] * dim, v, r * dim, dim);
    return exact || ids.length < settings.exactBelow() ? new ExactIndex(ids, v, dim) : new HnswIndex(ids, v, dim, settings);
  }

  public int dim() { return dim; }

  /** The best n items of the whole catalog. */
  public Hits search(float[] query, int n) { return all.search(query, n); }

  /** The best n items of category {@code c} (empty for an unknown category). */
  public Hits searchCategory(int c, float[] query, int n) {
    if (c < 1 || c >= byCategory.length) return Hits.EMPTY;
    return byCategory[c].search(query, n);
  }
}
