package org.r2led.nextitem;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Sums per-user HR/Recall/NDCG at a set of cutoffs and returns their means ({@link RankingReport}).
 * Not thread-safe; use one per thread and {@link #merge} them.
 */
public final class RankingAccumulator {
  private final String protocol;
  private final int[] cutoffs;
  private final double[] hr;
  private final double[] recall;
  private final double[] ndcg;
  private int users;

  /** @param cutoffs the N values, each at least 1 (e.g. 10, 50, 200) */
  public RankingAccumulator(String protocol, int... cutoffs) {
    if (cutoffs.length == 0) throw new IllegalArgumentException("cutoffs: expected at least one N, got none");
    for (int n : cutoffs) if (n < 1) throw new IllegalArgumentException("cutoff N = " + n + "; expected >= 1");
    this.protocol = protocol;
    this.cutoffs = Arrays.stream(cutoffs).distinct().sorted().toArray();
    this.hr = new double[this.cutoffs.length];
    this.recall = new double[this.cutoffs.length];
    this.ndcg = new double[this.cutoffs.length];
  }

  /** The sorted, distinct cutoffs. */
  public int[] cutoffs() { return cutoffs.clone(); }

  /** Largest cutoff: how many items a ranked list needs. */
  public int maxCutoff() { return cutoffs[cutoffs.length - 1]; }

  /** Adds a user with one target at 0-based {@code rank} (e.g. from {@link RankingMetrics#rankOf}). */
  public void addRank(int rank) {
    for (int k = 0; k < cutoffs.length; k++) {
      double h = RankingMetrics.hit(rank, cutoffs[k]);
      hr[k] += h;
      recall[k] += h;
      ndcg[k] += RankingMetrics.ndcg(rank, cutoffs[k]);
    }
    users++;
  }

  /** Adds a user from a score array over items {@code from..scores.length-1} and the target's index. */
  public void addScores(float[] scores, int target, int from) {
    addRank(RankingMetrics.rankOf(scores, target, from));
  }

  /** Adds a user from a ranked list (best first) and the relevant items. */
  public void addRanked(int[] ranked, int... relevant) {
    for (int k = 0; k < cutoffs.length; k++) {
      hr[k] += RankingMetrics.hit(ranked, relevant, cutoffs[k]);
      recall[k] += RankingMetrics.recall(ranked, relevant, cutoffs[k]);
      ndcg[k] += RankingMetrics.ndcg(ranked, relevant, cutoffs[k]);
    }
    users++;
  }

  /** Adds another accumulator's sums (same cutoffs). */
  public void merge(RankingAccumulator o) {
    if (!Arrays.equals(cutoffs, o.cutoffs)) {
      throw new IllegalArgumentException("cannot merge cutoffs " + Arrays.toString(o.cutoffs) + " into "
          + Arrays.toString(cutoffs));
    }
    for (int k = 0; k < cutoffs.length; k++) { hr[k] += o.hr[k]; recall[k] += o.recall[k]; ndcg[k] += o.ndcg[k]; }
    users += o.users;
  }

  public int users() { return users; }

  /** The means so far (0 for every metric when no user was added). */
  public RankingReport report() {
    TreeMap<Integer, Double> h = new TreeMap<>();
    TreeMap<Integer, Double> r = new TreeMap<>();
    TreeMap<Integer, Double> g = new TreeMap<>();
    for (int k = 0; k < cutoffs.length; k++) {
      double d = Math.max(1, users);
      h.put(cutoffs[k], hr[k] / d);
      r.put(cutoffs[k], recall[k] / d);
      g.put(cutoffs[k], ndcg[k] / d);
    }
    return new RankingReport(protocol, users, h, r, g);
  }
}
