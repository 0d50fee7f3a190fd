package org.r2led.nextitem;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Next-category accuracy@K: the share of examples whose true next category is among the K highest
 * scored categories (ties broken by the smaller category id). Not thread-safe.
 */
public final class CategoryAccuracy {
  private final int[] ks;
  private final long[] hits;
  private long count;

  /** @param ks the K values, each at least 1 */
  public CategoryAccuracy(int... ks) {
    if (ks.length == 0) throw new IllegalArgumentException("ks: expected at least one K, got none");
    for (int k : ks) if (k < 1) throw new IllegalArgumentException("K = " + k + "; expected >= 1");
    this.ks = Arrays.stream(ks).distinct().sorted().toArray();
    this.hits = new long[this.ks.length];
  }

  /** Adds one example from scores over categories {@code 1..scores.length-1} (index 0 ignored). */
  public void add(float[] categoryScores, int trueCategory) {
    addRank(RankingMetrics.rankOf(categoryScores, trueCategory, 1));
  }

  /** Adds one example from a ranked category list (best first). */
  public void add(int[] rankedCategories, int trueCategory) {
    int rank = Integer.MAX_VALUE;
    for (int r = 0; r < rankedCategories.length; r++) if (rankedCategories[r] == trueCategory) { rank = r; break; }
    addRank(rank);
  }

  private void addRank(int rank) {
    for (int j = 0; j < ks.length; j++) if (rank < ks[j]) hits[j]++;
    count++;
  }

  public long count() { return count; }

  /** Accuracy@K by K (immutable). */
  public SortedMap<Integer, Double> accuracy() {
    TreeMap<Integer, Double> m = new TreeMap<>();
    for (int j = 0; j < ks.length; j++) m.put(ks[j], count == 0 ? 0.0 : (double) hits[j] / count);
    return Collections.unmodifiableSortedMap(m);
  }

  /** {@code Acc@1 0.31  Acc@5 0.62}. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    accuracy().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "CatAcc@%d %.4f  ", k, v)));
    return sb.toString().trim();
  }
}
