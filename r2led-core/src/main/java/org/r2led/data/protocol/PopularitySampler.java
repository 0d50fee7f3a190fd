package org.r2led.data.protocol;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws dense items with probability proportional to a per-item weight (e.g. event counts). */
final class PopularitySampler {
  private final long[] cumulative; // cumulative[i] = sum of weights of items 1..i; index 0 = 0
  private final long total;

  /** {@code weights[i]} for dense items i = 1..n (index 0 ignored). */
  PopularitySampler(long[] weights) {
    cumulative = new long[weights.length];
    for (int i = 1; i < weights.length; i++) cumulative[i] = cumulative[i - 1] + weights[i];
    total = cumulative[weights.length - 1];
    if (total <= 0) throw new IllegalArgumentException("no item has a positive weight");
  }

  /** One draw. */
  int draw(SplittableRandom rnd) {
    long r = rnd.nextLong(total);
    // first i with cumulative[i] > r
    int i = Arrays.binarySearch(cumulative, r + 1);
    if (i < 0) i = -i - 1;
    while (i > 1 && cumulative[i - 1] == r + 1) i--; // land on the first item reaching r+1
    return i;
  }

  /** A draw different from {@code exclude} (rejection sampling). */
  int drawExcluding(SplittableRandom rnd, int exclude) {
    long excludedWeight = exclude > 0 && exclude < cumulative.length ? cumulative[exclude] - cumulative[exclude - 1] : 0;
    if (excludedWeight == total) {
      throw new IllegalStateException("cannot sample a negative item different from item " + exclude
          + ": it is the only item with events");
    }
    while (true) {
      int i = draw(rnd);
      if (i != exclude) return i;
    }
  }
}
