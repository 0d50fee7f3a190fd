package org.r2led.sid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-made 6-item SID set; expected numbers computed by hand (see comments). */
class SidStatsTest {
  // item: L1 L2 L3 (semantic), 1-based codes; row 0 = padding
  static final int[] SEM = {
    0, 0, 0,
    1, 1, 1,
    1, 1, 1,
    1, 2, 1,
    2, 1, 1,
    2, 1, 1,
    2, 1, 1};
  // labels (multi-label); item 6 unlabelled
  static final int[][] LABELS = {{}, {1, 2}, {2}, {3}, {1}, {1, 3}, {}};

  @Test
  void collisionSuffixIsUniqueAndMinimal() {
    CollisionSuffix.Result r = CollisionSuffix.compute(SEM, 6, 3);
    // (1,1,1): items 1,2 → 1,2; (1,2,1): item 3 → 1; (2,1,1): items 4,5,6 → 1,2,3
    assertArrayEquals(new int[] {0, 1, 2, 1, 1, 2, 3}, r.suffix());
    assertEquals(3, r.maxGroupSize());
    assertEquals(3, r.distinctCodes());
    assertEquals(5, r.itemsInCollidingCodes());
    assertEquals(0.5, r.collisionRate(), 1e-12);
  }

  @Test
  void suffixIsOneWhenCodesAreAlreadyUnique() {
    CollisionSuffix.Result r = CollisionSuffix.compute(new int[] {0, 0, 3, 1, 1, 2, 2, 2}, 3, 2);
    assertArrayEquals(new int[] {0, 1, 1, 1}, r.suffix());
    assertEquals(1, r.maxGroupSize());
    assertEquals(0.0, r.collisionRate());
  }

  @Test
  void usageUtilizationAndPerplexity() {
    SidStats.Usage l1 = SidStats.usage(new int[] {0, 1, 1, 1, 2, 2, 2}, 4);
    assertEquals(2, l1.used());
    assertEquals(0.5, l1.utilization(), 1e-12);
    assertEquals(2.0, l1.perplexity(), 1e-12); // two codes used equally: exp(ln 2)
    SidStats.Usage l2 = SidStats.usage(new int[] {0, 1, 1, 2, 1, 1, 1}, 2);
    // H = -(5/6 ln 5/6 + 1/6 ln 1/6) = 0.45056; exp(H) = 1.56919
    assertEquals(1.0, l2.utilization(), 1e-12);
    assertEquals(1.5691925832, l2.perplexity(), 1e-9);
  }

  @Test
  void multiLabelPurity() {
    // level 1: {1,2,3} → label 2 carried by 2 items; {4,5,6} → label 1 carried by 2; 4 of 5 labelled items
    assertEquals(0.8, SidStats.purity(new int[] {0, 0, 0, 0, 1, 1, 1}, LABELS), 1e-12);
    // level-2 prefixes {1,2} {3} {4,5,6}: 2 + 1 + 2 of 5
    assertEquals(1.0, SidStats.purity(new int[] {0, 7, 7, 3, 5, 5, 5}, LABELS), 1e-12);
    // single-label classic purity: groups {1,2},{3,4}: labels a a | a b → (2 + 1) / 4
    assertEquals(0.75, SidStats.purity(new int[] {0, 0, 0, 1, 1}, SidStats.single(new int[] {0, 1, 1, 1, 2})), 1e-12);
  }

  @Test
  void nmiAgainstPrimaryLabels() {
    int[] primary = SidStats.primary(LABELS);
    assertArrayEquals(new int[] {0, 1, 2, 3, 1, 1, 0}, primary);
    // groups {1,2,3},{4,5} (item 6 unlabelled): 2I/(H(G)+H(L)) = 0.35866 (computed by hand)
    assertEquals(0.3586599606, SidStats.nmi(new int[] {0, 0, 0, 0, 1, 1, 1}, primary), 1e-9);
    // identical partitions → 1; independent partitions → 0
    assertEquals(1.0, SidStats.nmi(new int[] {0, 4, 4, 9, 9}, new int[] {0, 1, 1, 2, 2}), 1e-12);
    assertEquals(0.0, SidStats.nmi(new int[] {0, 0, 0, 1, 1}, new int[] {0, 1, 2, 1, 2}), 1e-12);
  }

  @Test
  void randomBaselineKeepsGroupSizes() {
    int[] g = new int[1001];
    for (int i = 1; i <= 1000; i++) g[i] = i % 7 == 0 ? 0 : i % 3 + 1;
    int[] s = SidStats.shuffled(g, 3);
    assertEquals(0, s[0]);
    int[] a = Arrays.copyOfRange(g, 1, 1001), b = Arrays.copyOfRange(s, 1, 1001);
    assertFalse(Arrays.equals(a, b));
    Arrays.sort(a);
    Arrays.sort(b);
    assertArrayEquals(a, b);
    assertArrayEquals(s, SidStats.shuffled(g, 3));
  }

  @Test
  void qualityOfATableMatchesHandComputedFigures() {
    CollisionSuffix.Result cs = CollisionSuffix.compute(SEM, 6, 3);
    int[] codes = new int[7 * 4];
    for (int i = 1; i <= 6; i++) {
      System.arraycopy(SEM, i * 3, codes, i * 4, 3);
      codes[i * 4 + 3] = cs.suffix()[i];
    }
    SidTable t = new SidTable(new SidTable.Meta("fp", 6, new int[] {4, 2, 2, 3}, 3, "file:x", "rqkmeans", Map.of()), codes);
    SidQuality q = SidQuality.of(t, List.of(new Labeling("genres", LABELS)), 1);
    assertEquals(4, q.levels().size());
    assertEquals(0.5, q.levels().get(0).utilization(), 1e-12);
    assertEquals(2.0, q.levels().get(0).perplexity(), 1e-12);
    assertEquals(1.5691925832, q.levels().get(1).perplexity(), 1e-9);
    assertEquals(3, q.levels().get(1).distinctPrefixes());
    assertEquals("suffix", q.levels().get(3).kind());
    assertEquals(6, q.levels().get(3).distinctPrefixes());
    assertEquals(0.5, q.collisions().collisionRate(), 1e-12);
    assertEquals(3, q.collisions().maxItemsPerCode());
    assertTrue(q.collisions().uniqueWithSuffix());
    assertEquals(2, q.purity().size());
    assertEquals(0.8, q.purity().get(0).purity(), 1e-12);
    assertEquals(1.0, q.purity().get(1).purity(), 1e-12);
    assertEquals(3, q.purity().get(1).groups());
    assertTrue(q.purity().get(0).randomPurity() > 0 && q.purity().get(0).randomPurity() <= 1);
  }

  @Test
  void duplicateSidsAreDetected() {
    int[] codes = {0, 0, 1, 1, 1, 1}; // two items with the same 2-level SID
    SidTable t = new SidTable(new SidTable.Meta("fp", 2, new int[] {1, 1}, 1, "e", "q", Map.of()), codes);
    assertFalse(SidQuality.isUnique(t));
  }
}
