package org.r2led.recall.train;

import java.util.SplittableRandom;

/**
 * Uniform negative sampling for sampled softmax: over the whole catalog, or within one category
 * (ULIM's losses, so that a model cannot separate a positive from its negatives by category alone).
 * Negatives equal to the positive are possible and are masked by the loss.
 */
public final class NegativeSampler {
  private final int numItems;
  private final int[][] itemsByCategory;

  /** @param itemsByCategory members of each category (index = category id) */
  public NegativeSampler(int numItems, int[][] itemsByCategory) {
    this.numItems = numItems;
    this.itemsByCategory = itemsByCategory;
  }

  /** {@code count} items drawn uniformly from {@code 1..numItems}. */
  public int[] catalog(int count, SplittableRandom rnd) {
    int[] out = new int[count];
    for (int k = 0; k < count; k++) out[k] = 1 + rnd.nextInt(numItems);
    return out;
  }

  /**
   * {@code count} items drawn uniformly from the members of {@code category} other than {@code positive}
   * (with replacement); when the positive is the category's only member, every draw is the positive.
   * Never returns an item of another category.
   */
  public int[] sameCategory(int category, int positive, int count, SplittableRandom rnd) {
    if (category < 1 || category >= itemsByCategory.length) {
      throw new IllegalArgumentException("category " + category + " is outside [1, " + itemsByCategory.length + ")");
    }
    int[] members = itemsByCategory[category];
    int[] out = new int[count];
    if (members.length == 0 || (members.length == 1 && members[0] == positive)) {
      java.util.Arrays.fill(out, positive);
      return out;
    }
    for (int k = 0; k < count; k++) {
      int i;
      do { i = members[rnd.nextInt(members.length)]; } while (i == positive);
      out[k] = i;
    }
    return out;
  }
}
