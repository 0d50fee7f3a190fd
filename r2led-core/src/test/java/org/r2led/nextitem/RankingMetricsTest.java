package org.r2led.nextitem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static final double EPS = 1e-12;

  @Test
  void rankOfCountsHigherScoresAndTiesWithSmallerIds() {
    float[] s = {99f, 0.5f, 0.9f, 0.5f, 0.1f};
    assertEquals(0, RankingMetrics.rankOf(s, 2, 1)); // index 0 ignored
    assertEquals(1, RankingMetrics.rankOf(s, 1, 1)); // behind 0.9; tie with index 3 (larger id) does not count
    assertEquals(2, RankingMetrics.rankOf(s, 3, 1)); // behind 0.9 and the tied smaller index 1
    assertEquals(3, RankingMetrics.rankOf(s, 4, 1));
  }

  @Test
  void singleTargetMetricsEqualHandValues() {
    RankingAccumulator acc = new RankingAccumulator("t", 1, 3);
    acc.addRank(0); // HR@1 1, NDCG@1 1; HR@3 1, NDCG@3 1
    acc.addRank(2); // HR@1 0; HR@3 1, NDCG@3 1/log2(4) = 0.5
    acc.addRank(5); // misses both
    RankingReport r = acc.report();
    assertEquals(3, r.users());
    assertEquals(1.0 / 3, r.hr(1), EPS);
    assertEquals(2.0 / 3, r.hr(3), EPS);
    assertEquals(2.0 / 3, r.recall(3), EPS);
    assertEquals(1.0 / 3, r.ndcg(1), EPS);
    assertEquals((1.0 + 0.5) / 3, r.ndcg(3), EPS);
    assertThrows(IllegalArgumentException.class, () -> r.hr(10));
  }

  @Test
  void rankedListMetricsWithSeveralRelevantItems() {
    int[] ranked = {7, 3, 9, 4, 1};
    int[] relevant = {3, 4, 8};
    // hits in top 2: {3} -> recall 1/3; top 5: {3, 4} -> 2/3
    assertEquals(1.0, RankingMetrics.hit(ranked, relevant, 2), EPS);
    assertEquals(0.0, RankingMetrics.hit(ranked, relevant, 1), EPS);
    assertEquals(1.0 / 3, RankingMetrics.recall(ranked, relevant, 2), EPS);
    assertEquals(2.0 / 3, RankingMetrics.recall(ranked, relevant, 5), EPS);
    // DCG@5 = 1/log2(3) + 1/log2(5); IDCG@5 = 1 + 1/log2(3) + 1/log2(4)
    double dcg = 1 / log2(3) + 1 / log2(5);
    double idcg = 1 + 1 / log2(3) + 0.5;
    assertEquals(dcg / idcg, RankingMetrics.ndcg(ranked, relevant, 5), EPS);
    // ranked-list path of the accumulator agrees with the single-rank path for one target
    RankingAccumulator a = new RankingAccumulator("t", 2, 5);
    a.addRanked(ranked, 9);
    RankingAccumulator b = new RankingAccumulator("t", 2, 5);
    b.addRank(2);
    assertEquals(b.report(), a.report());
  }

  @Test
  void scoreArrayPathMatchesRankedPath() {
    float[] s = {0f, 0.2f, 0.8f, 0.4f, 0.8f};
    RankingAccumulator a = new RankingAccumulator("t", 1, 2, 3);
    a.addScores(s, 4, 1); // order: 2, 4, 3, 1 -> rank 1
    RankingAccumulator b = new RankingAccumulator("t", 1, 2, 3);
    b.addRanked(new int[] {2, 4, 3, 1}, 4);
    assertEquals(b.report(), a.report());
    assertEquals(1.0 / log2(3), a.report().ndcg(2), EPS);
  }

  @Test
  void categoryAccuracyAtK() {
    CategoryAccuracy acc = new CategoryAccuracy(1, 2);
    acc.add(new float[] {0f, 0.1f, 0.7f, 0.2f}, 2); // rank 0
    acc.add(new float[] {0f, 0.1f, 0.7f, 0.2f}, 3); // rank 1
    acc.add(new int[] {5, 6}, 4);                   // missing
    assertEquals(1.0 / 3, acc.accuracy().get(1), EPS);
    assertEquals(2.0 / 3, acc.accuracy().get(2), EPS);
  }

  @Test
  void badCutoffsNameTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RankingAccumulator("t", 0));
    assertEquals("cutoff N = 0; expected >= 1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RankingAccumulator("a", 1).merge(new RankingAccumulator("b", 2)));
  }

  @Test
  void sampledNegativesAreDeterministicUnseenAndRanked() {
    UserSequence s = new UserSequence(3, new int[] {1, 2, 3, 4}, new int[] {1, 1, 1, 1}, new long[] {1, 2, 3, 4});
    NextItemExample ex = new NextItemExample(s, 3);
    SampledNegatives neg = new SampledNegatives(10, 7);
    int[] c = neg.candidates(ex, 20);
    assertEquals(11, c.length);
    assertEquals(4, c[0]);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int k = 1; k < c.length; k++) {
      org.junit.jupiter.api.Assertions.assertTrue(c[k] > 4 && c[k] <= 20, "negative " + c[k] + " is a seen item");
      org.junit.jupiter.api.Assertions.assertTrue(seen.add(c[k]), "duplicate negative " + c[k]);
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(c, neg.candidates(ex, 20));
    assertThrows(IllegalArgumentException.class, () -> new SampledNegatives(17, 7).candidates(ex, 20));
    float[] scores = new float[11];
    scores[0] = 0.5f;
    scores[3] = 0.9f;
    scores[4] = 0.5f; // tie: counts only when its id is smaller than the target's (it is not: ids > 4)
    assertEquals(1, SampledNegatives.targetRank(c, scores));
    // evaluator over the sampled protocol with a scorer that prefers the target
    NextItemScorer scorer = e -> { float[] a = new float[21]; a[e.item()] = 1f; return a; };
    RankingReport r = NextItemEvaluator.sampled(List.of(ex), scorer, neg, 20, org.r2led.io.Progress.silent(), 1);
    assertEquals(1.0, r.hr(1), EPS);
  }

  private static double log2(double x) { return Math.log(x) / Math.log(2); }
}
