package org.r2led.nextitem;

/**
 * A model that scores items as the next item of an example's history. Higher is better.
 */
@FunctionalInterface
public interface NextItemScorer {
  /** Scores of every item: an array of length {@code numItems+1}, index = dense item (index 0 is ignored). */
  float[] scoreAll(NextItemExample example);

  /** Scores of the given candidates, aligned with them (default: picks from {@link #scoreAll}). */
  default float[] score(NextItemExample example, int[] candidates) {
    float[] all = scoreAll(example);
    float[] out = new float[candidates.length];
    for (int k = 0; k < candidates.length; k++) out[k] = all[candidates[k]];
    return out;
  }
}
