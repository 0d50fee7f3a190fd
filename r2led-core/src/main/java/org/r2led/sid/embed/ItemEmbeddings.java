package org.r2led.sid.embed;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Content vectors of a catalog, aligned with dense item ids: row {@code i} (1..numItems) is item
 * {@code i}'s vector, row 0 (padding) is all zeros. Immutable (accessors copy).
 */
public final class ItemEmbeddings {
  private final int numItems;
  private final int dim;
  private final float[] rows;
  private final String source;
  private final Map<String, Object> details;

  /**
   * @param rows row-major {@code (numItems+1) × dim}; row 0 must be zero (copied)
   * @param source what produced the vectors, e.g. {@code text:bge-small-en-v1.5-q}
   * @param details facts for the report (dimensions, window, cache hits, ...)
   */
  public ItemEmbeddings(int numItems, int dim, float[] rows, String source, Map<String, Object> details) {
    if (dim < 1) throw new IllegalArgumentException("dim must be >= 1, got " + dim);
    if (rows.length != (long) (numItems + 1) * dim) {
      throw new IllegalArgumentException("rows has " + rows.length + " floats; expected (numItems+1)*dim = "
          + (long) (numItems + 1) * dim);
    }
    for (int t = 0; t < dim; t++) {
      if (rows[t] != 0f) throw new IllegalArgumentException("row 0 (padding item) must be zero");
    }
    this.numItems = numItems;
    this.dim = dim;
    this.rows = rows.clone();
    this.source = source;
    this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public int numItems() { return numItems; }

  public int dim() { return dim; }

  public String source() { return source; }

  public Map<String, Object> details() { return details; }

  /** A copy of item {@code item}'s vector. */
  public float[] row(int item) { return Arrays.copyOfRange(rows, item * dim, (item + 1) * dim); }

  /** A copy of the item rows 1..numItems, row-major {@code numItems × dim} (row {@code i-1} = item {@code i}). */
  public float[] itemMatrix() { return Arrays.copyOfRange(rows, dim, (numItems + 1) * dim); }
}
