package org.r2led.nextitem;

import java.util.List;
import org.r2led.io.Progress;

/**
 * Evaluates a {@link NextItemScorer} on examples under either candidate protocol. Items are never
 * filtered by the history (repeat consumption is common on Taobao); ties rank by smaller item id.
 */
public final class NextItemEvaluator {
  private NextItemEvaluator() {}

  /** Full-catalog protocol: the target's rank among items {@code 1..numItems}. */
  public static RankingReport fullCatalog(List<NextItemExample> examples, NextItemScorer scorer, Progress progress,
      int... cutoffs) {
    RankingAccumulator acc = new RankingAccumulator("full catalog", cutoffs);
    for (NextItemExample ex : examples) {
      acc.addScores(scorer.scoreAll(ex), ex.item(), 1);
      progress.advance(1);
    }
    return acc.report();
  }

  /** Sampled-negatives protocol: the target's rank among itself and {@code negatives.count()} sampled items. */
  public static RankingReport sampled(List<NextItemExample> examples, NextItemScorer scorer, SampledNegatives negatives,
      int numItems, Progress progress, int... cutoffs) {
    RankingAccumulator acc = new RankingAccumulator(negatives.describe(), cutoffs);
    for (NextItemExample ex : examples) {
      int[] cand = negatives.candidates(ex, numItems);
      acc.addRank(SampledNegatives.targetRank(cand, scorer.score(ex, cand)));
      progress.advance(1);
    }
    return acc.report();
  }
}
