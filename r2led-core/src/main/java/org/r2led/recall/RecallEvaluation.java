package org.r2led.recall;

import java.util.List;
import org.r2led.io.Progress;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nextitem.RankingAccumulator;
import org.r2led.nextitem.RankingReport;
import org.r2led.recall.ann.Hits;

/**
 * Full-catalog evaluation of a {@link Retriever}: each example's history → the top max(N) items →
 * HR/Recall/NDCG@N of the target, plus wall-clock latency per user (one thread, ms).
 *
 * @param report the ranking metrics
 * @param meanMillis mean retrieval latency per user
 * @param p99Millis 99th-percentile latency per user
 */
public record RecallEvaluation(RankingReport report, double meanMillis, double p99Millis) {
  /** Evaluates {@code r} on {@code examples} at {@code cutoffs}. */
  public static RecallEvaluation of(Retriever r, List<NextItemExample> examples, Progress progress, int... cutoffs) {
    RankingAccumulator acc = new RankingAccumulator("full catalog", cutoffs);
    int n = acc.maxCutoff();
    long[] nanos = new long[examples.size()];
    for (int k = 0; k < examples.size(); k++) {
      NextItemExample ex = examples.get(k);
      int[] items = ex.historyItems(Integer.MAX_VALUE);
      int[] cats = ex.historyCategories(Integer.MAX_VALUE);
      long t0 = System.nanoTime();
      Hits h = r.retrieve(items, cats, n);
      nanos[k] = System.nanoTime() - t0;
      acc.addRanked(h.ids(), ex.item());
      progress.advance(1);
    }
    return new RecallEvaluation(acc.report(), mean(nanos) / 1e6, percentile(nanos, 0.99) / 1e6);
  }

  /** Mean of {@code a}. */
  public static double mean(long[] a) {
    double s = 0;
    for (long x : a) s += x;
    return a.length == 0 ? 0 : s / a.length;
  }

  /** The {@code q}-quantile (nearest rank) of {@code a}. */
  public static double percentile(long[] a, double q) {
    if (a.length == 0) return 0;
    long[] c = a.clone();
    java.util.Arrays.sort(c);
    return c[Math.min(c.length - 1, (int) Math.ceil(q * c.length) - 1)];
  }
}
