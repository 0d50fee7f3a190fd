package org.r2led.recall;

import java.util.ArrayList;
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
 * count as missed). With seen items excluded ({@link TwoStage#excludeSeen}) the candidates leave out the items
 * of that history, as a user's recommendations do.
 */
public final class TwoStageEvaluation {
  private TwoStageEvaluation() {}

  /**
   * One report per retrieval weight ({@link TwoStage.Scored#top}), all from one pass: each example's
   * candidates are retrieved and scored once.
   */
  public static List<RankingReport> atWeights(TwoStage two, PreparedDataset ds, List<NextItemExample> examples,
      int candidates, double[] retrievalWeights, boolean excludeSeen, Progress progress, int... cutoffs) {
    List<RankingAccumulator> accs = new ArrayList<>();
    for (int w = 0; w < retrievalWeights.length; w++) accs.add(accumulator(candidates, excludeSeen, cutoffs));
    int n = accs.get(0).maxCutoff();
    for (NextItemExample ex : examples) {
      int[] offsets = NextItemProtocol.positiveEventOffsets(ds, ex.user());
      TwoStage.Scored s = two.scoreBefore(ex.user(), offsets[ex.position()], offsets, ex.position(), n, candidates,
          excludeSeen);
      for (int w = 0; w < retrievalWeights.length; w++) accs.get(w).addRanked(dense(s.top(n, retrievalWeights[w])), ex.item());
      progress.advance(1);
    }
    List<RankingReport> out = new ArrayList<>();
    for (RankingAccumulator a : accs) out.add(a.report());
    return out;
  }

  private static RankingAccumulator accumulator(int candidates, boolean excludeSeen, int... cutoffs) {
    return new RankingAccumulator("full catalog, two-stage over " + candidates + (excludeSeen ? " unseen" : "")
        + " candidates", cutoffs);
  }

  private static int[] dense(List<TwoStage.Recommendation> recs) {
    return recs.stream().mapToInt(TwoStage.Recommendation::denseItem).toArray();
  }
}
