package org.r2led.recall;

import org.r2led.recall.ann.Hits;

/**
 * The retrieval stage: the best items for a user's positive history. Thread-safe for queries.
 */
public interface Retriever {
  /** Registry name of the model (e.g. {@code ulim}, {@code popular}). */
  String name();

  /**
   * The best {@code n} items for a history, best first.
   *
   * @param items dense item ids of the user's positives, oldest first (may be empty)
   * @param categories their categories, same length
   * @return item ids and the model's scores (comparable within one call only)
   */
  Hits retrieve(int[] items, int[] categories, int n);
}
