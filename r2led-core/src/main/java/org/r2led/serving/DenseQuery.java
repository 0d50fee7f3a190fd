package org.r2led.serving;

import org.r2led.model.HistorySamples;

/**
 * One scoring request in the model's dense ids ({@link ScoringModel#query} maps raw ids with the
 * documented fallbacks): a user's history, oldest first, and the candidates to score at one time.
 * The arrays are not copied and must not change while a call reads them.
 *
 * @param items dense item id per event (0 = unknown item), length T
 * @param categories dense category per event (0 = unknown), length T
 * @param behaviors behavior code per event (1-based; 0 = unknown), length T
 * @param timestamps Unix seconds per event, non-decreasing, length T
 * @param targets dense item ids of the candidates (0 = unknown item), length N
 * @param targetCategories dense category per candidate (0 = unknown), length N
 * @param ts request time, Unix seconds
 */
public record DenseQuery(int[] items, int[] categories, int[] behaviors, long[] timestamps, int[] targets,
    int[] targetCategories, long ts) {
  /** Fails naming the lengths when the arrays disagree, or the event timestamps go back in time. */
  public DenseQuery {
    new HistorySamples.Query(-1, items, categories, behaviors, timestamps, targets, targetCategories, ts); // validates
  }

  /** Events in the history, T. */
  public int length() { return items.length; }

  /** The model-level query of an unknown user (validates the arrays). */
  HistorySamples.Query toSamples() {
    return new HistorySamples.Query(-1, items, categories, behaviors, timestamps, targets, targetCategories, ts);
  }
}
