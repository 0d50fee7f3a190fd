package org.r2led.recall;

import java.util.List;
import org.r2led.data.PreparedDataset;
import org.r2led.io.Progress;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nextitem.NextItemProtocol;
import org.r2led.nextitem.RankingAccumulator;
import org.r2led.nextitem.RankingReport;

/**
 * End-to-end metrics of a {@link TwoStage} pipeline on next-item examples: for each example the
 * retriever reads the positives before the target, the ranker every stored event before the target's
 * event; the ranked top list is scored against the target (full catalog: items outside the candidates
 * count as missed).
 */
public final class TwoStageEvaluation {
  private TwoStageEvaluation() {}

  /** HR/Recall/NDCG at {@code cutoffs} (each at most {@code candidates}). */
  public static RankingReport of(TwoStage two, PreparedDataset ds, List<NextItemExample> examples, int candidates,
      Progress progress, int... cutoffs) {
    RankingAccumulator acc = new RankingAccumulator("full catalog, two-stage over " + candidates + " candidates", cutoffs);
    for (NextItemExample ex : examples) {
      int[] offsets = NextItemProtocol.positiveEventOffsets(ds, ex.user());
      List<TwoStage.Recommendation> recs = two.recommendBefore(ex.user(), offsets[ex.position()], offsets, ex.position(),
          acc.maxCutoff(), candidates);
      acc.addRanked(recs.stream().mapToInt(TwoStage.Recommendation::denseItem).toArray(), ex.item());
      progress.advance(1);
    }
    return acc.report();
  }
}
