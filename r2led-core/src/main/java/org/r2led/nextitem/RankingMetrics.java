package org.r2led.nextitem;

import java.util.HashSet;
import java.util.Set;

/**
 * Per-user top-N ranking metrics. Ranks are 0-based; ties in a score array are broken by the smaller
 * index first (the order a sort by (score desc, id asc) gives), so the metrics are deterministic.
 *
 * <ul>
 *   <li>HR@N: 1 when at least one relevant item is in the top N.</li>
 *   <li>Recall@N: relevant items in the top N / relevant items (equals HR@N for a single target).</li>
 *   <li>NDCG@N: DCG@N / ideal DCG@N with gain 1 and discount {@code 1/log2(rank+2)}.</li>
 * </ul>
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /**
   * 0-based rank of {@code scores[target]} among {@code scores[from..)}: the number of entries with a
   * higher score plus those with an equal score and a smaller index.
   */
  public static int rankOf(float[] scores, int target, int from) {
    if (target < from || target >= scores.length) {
      throw new IllegalArgumentException("target " + target + " is outside [" + from + ", " + scores.length + ")");
    }
    float t = scores[target];
    int rank = 0;
    for (int j = from; j < scores.length; j++) {
      float s = scores[j];
      if (s > t || (s == t && j < target)) rank++;
    }
    return rank;
  }

  /** HR@n of a single target at 0-based {@code rank}. */
  public static double hit(int rank, int n) { return rank < n ? 1.0 : 0.0; }

  /** NDCG@n of a single target at 0-based {@code rank}. */
  public static double ndcg(int rank, int n) { return rank < n ? 1.0 / log2(rank + 2) : 0.0; }

  /** HR@n of a ranked list (best first) against a set of relevant items. */
  public static double hit(int[] ranked, int[] relevant, int n) {
    return hits(ranked, relevant, n) > 0 ? 1.0 : 0.0;
  }

  /** Recall@n of a ranked list against relevant items; 0 when {@code relevant} is empty. */
  public static double recall(int[] ranked, int[] relevant, int n) {
    Set<Integer> rel = asSet(relevant);
    return rel.isEmpty() ? 0.0 : (double) hits(ranked, relevant, n) / rel.size();
  }

  /** NDCG@n of a ranked list against relevant items (binary gains); 0 when {@code relevant} is empty. */
  public static double ndcg(int[] ranked, int[] relevant, int n) {
    Set<Integer> rel = asSet(relevant);
    if (rel.isEmpty()) return 0.0;
    double dcg = 0;
    for (int r = 0; r < Math.min(n, ranked.length); r++) if (rel.contains(ranked[r])) dcg += 1.0 / log2(r + 2);
    double ideal = 0;
    for (int r = 0; r < Math.min(n, rel.size()); r++) ideal += 1.0 / log2(r + 2);
    return dcg / ideal;
  }

  private static int hits(int[] ranked, int[] relevant, int n) {
    Set<Integer> rel = asSet(relevant);
    Set<Integer> seen = new HashSet<>();
    int h = 0;
    for (int r = 0; r < Math.min(n, ranked.length); r++) if (rel.contains(ranked[r]) && seen.add(ranked[r])) h++;
    return h;
  }

  private static Set<Integer> asSet(int[] a) {
    Set<Integer> s = new HashSet<>();
    for (int x : a) s.add(x);
    return s;
  }

  private static double log2(double x) { return Math.log(x) / Math.log(2); }
}
