package org.r2led.nextitem;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The sampled-negatives protocol: the target is ranked against {@code count} items drawn uniformly,
 * without replacement, from the catalog minus every item of the user's sequence (history and held-out
 * targets). Deterministic: the draw depends only on {@code seed}, the user and the target position.
 *
 * @param count negatives per example (the field's default is 100)
 * @param seed sampling seed
 */
public record SampledNegatives(int count, long seed) {
  public SampledNegatives {
    if (count < 1) throw new IllegalArgumentException("count = " + count + "; expected >= 1 negatives");
  }

  /** The field's common protocol: 100 negatives. */
  public static SampledNegatives standard(long seed) { return new SampledNegatives(100, seed); }

  /** Label for reports, e.g. {@code "100 sampled negatives (seed 7)"}. */
  public String describe() { return count + " sampled negatives (seed " + seed + ")"; }

  /**
   * Candidates for {@code example}: index 0 is the target, 1..count the negatives (dense item ids).
   * Fails when the catalog has fewer than {@code count} items outside the user's sequence.
   */
  public int[] candidates(NextItemExample example, int numItems) {
    UserSequence s = example.sequence();
    BitSet seen = new BitSet(numItems + 1);
    for (int i : s.items()) seen.set(i);
    int free = numItems - seen.cardinality();
    if (free < count) {
      throw new IllegalArgumentException("user " + s.user() + " leaves " + free + " unseen items of " + numItems
          + "; sampled-negatives protocol needs count = " + count);
    }
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + s.user() * 1_000_003L + example.position());
    int[] out = new int[count + 1];
    out[0] = example.item();
    for (int k = 1; k <= count; ) {
      int i = 1 + rnd.nextInt(numItems);
      if (seen.get(i)) continue;
      seen.set(i);
      out[k++] = i;
    }
    return out;
  }

  /**
   * 0-based rank of the target (candidate 0) given scores aligned with {@link #candidates}: negatives
   * with a higher score, plus those with an equal score and a smaller item id.
   */
  public static int targetRank(int[] candidates, float[] scores) {
    if (candidates.length != scores.length) {
      throw new IllegalArgumentException("scores has " + scores.length + " entries; candidates has " + candidates.length);
    }
    int rank = 0;
    for (int j = 1; j < scores.length; j++) {
      if (scores[j] > scores[0] || (scores[j] == scores[0] && candidates[j] < candidates[0])) rank++;
    }
    return rank;
  }
}
