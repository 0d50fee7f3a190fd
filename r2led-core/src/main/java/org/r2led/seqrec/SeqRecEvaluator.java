package org.r2led.seqrec;

import ai.djl.ndarray.NDScope;
import java.util.List;
import org.r2led.io.Progress;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nextitem.RankingAccumulator;
import org.r2led.nextitem.SampledNegatives;
import org.r2led.nn.Step;

/**
 * Evaluates a {@link SeqRecModel} on next-item examples under both candidate protocols of
 * {@code org.r2led.nextitem} from one score row per example: the full catalog (every item ranked, none
 * filtered, ties by smaller id) and 100 sampled negatives (items the user never interacted with; a user who
 * leaves fewer than 100 such items is left out of that protocol, so its user count can be smaller).
 */
public final class SeqRecEvaluator {
  private SeqRecEvaluator() {}

  public static SeqRecMetrics evaluate(SeqRecModel model, List<NextItemExample> examples, SampledNegatives negatives,
      int batchSize, Progress progress) {
    RankingAccumulator full = new RankingAccumulator("full catalog", SeqRecMetrics.CUTOFFS);
    RankingAccumulator sampled = new RankingAccumulator(negatives.describe(), SeqRecMetrics.CUTOFFS);
    for (int from = 0; from < examples.size(); from += batchSize) {
      int to = Math.min(examples.size(), from + batchSize);
      int[][] hist = new int[to - from][];
      for (int i = from; i < to; i++) hist[i - from] = examples.get(i).historyItems(model.maxLen());
      float[][] scores;
      try (NDScope scope = new NDScope(); Step s = new Step(false)) {
        scores = model.scores(s, hist);
      }
      for (int i = from; i < to; i++) {
        NextItemExample ex = examples.get(i);
        float[] row = scores[i - from];
        full.addScores(row, ex.item(), 1);
        if (!sampleable(ex, negatives.count(), model.numItems())) continue;   // too few unseen items: not ranked
        int[] cand = negatives.candidates(ex, model.numItems());
        float[] cs = new float[cand.length];
        for (int k = 0; k < cand.length; k++) cs[k] = row[cand[k]];
        sampled.addRank(SampledNegatives.targetRank(cand, cs));
      }
      progress.advance(to - from);
    }
    return new SeqRecMetrics(full.report(), sampled.report());
  }

  /** Whether the user leaves at least {@code count} items never interacted with (else the sampled protocol skips the example). */
  static boolean sampleable(NextItemExample ex, int count, int numItems) {
    java.util.BitSet seen = new java.util.BitSet(numItems + 1);
    for (int i : ex.sequence().items()) seen.set(i);
    return numItems - seen.cardinality() >= count;
  }
}
