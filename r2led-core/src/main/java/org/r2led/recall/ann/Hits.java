package org.r2led.recall.ann;

/**
 * Search results, best first: item ids and their raw inner products with the query.
 *
 * @param ids dense item ids
 * @param scores inner products, aligned with {@code ids}, non-increasing
 */
public record Hits(int[] ids, float[] scores) {
  public Hits {
    if (ids.length != scores.length) {
      throw new IllegalArgumentException("ids (" + ids.length + ") and scores (" + scores.length + ") differ in length");
    }
  }

  /** No results. */
  public static final Hits EMPTY = new Hits(new int[0], new float[0]);

  public int size() { return ids.length; }
}
