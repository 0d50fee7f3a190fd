package org.r2led.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The retrieval rules of SIM soft (inner-product top-k) and ETA (Hamming top-k of SimHash signatures
 * of the item vectors) against brute-force references: score every behaviour, sort by (score desc,
 * position desc), keep k, return chronologically.
 */
class InnerProductTopKTest {
  /** Reference dot product (same float summation order as the rule). */
  private static float dot(float[] v, int id, float[] q, int dim) {
    float s = 0f;
    for (int j = 0; j < dim; j++) s += v[id * dim + j] * q[j];
    return s;
  }

  private static int[] brute(int len, int k, Comparator<Integer> bestFirst) {
    return IntStream.range(0, len).boxed().sorted(bestFirst).limit(k).mapToInt(Integer::intValue).sorted().toArray();
  }

  /** Vectors for items 0..n; with {@code coarse}, entries from {-1, 0, 1} so that equal scores are frequent. */
  private static float[] randomVectors(int n, int dim, boolean coarse, Random rnd) {
    float[] v = new float[(n + 1) * dim];
    for (int i = dim; i < v.length; i++) v[i] = coarse ? rnd.nextInt(3) - 1 : (float) rnd.nextGaussian();
    return v;
  }

  @Test
  void innerProductTopKMatchesBruteForce() {
    Random rnd = new Random(41);
    InnerProductTopK rule = new InnerProductTopK();
    for (int trial = 0; trial < 300; trial++) {
      int items = 1 + rnd.nextInt(60);
      int dim = 1 + rnd.nextInt(12);
      boolean coarse = trial % 2 == 0;
      float[] v = randomVectors(items, dim, coarse, rnd);
      int len = rnd.nextInt(200);
      int[] h = Fixtures.randomHistory(len + rnd.nextInt(5), items, rnd); // array may be longer than len
      float[] q = new float[dim + rnd.nextInt(3)];                       // ... and the query than dim
      for (int j = 0; j < q.length; j++) q[j] = coarse ? rnd.nextInt(3) - 1 : (float) rnd.nextGaussian();
      int k = rnd.nextInt(40);
      int[] exp = brute(len, k, Comparator.<Integer, Float>comparing(p -> -dot(v, h[p], q, dim)).thenComparing(p -> -p));
      int[] out = new int[Math.max(1, k)];
      int c = rule.select(h, len, q, v, dim, k, out);
      assertArrayEquals(exp, Arrays.copyOf(out, c), "trial " + trial);
    }
  }

  @Test
  void innerProductTiesGoToTheMoreRecentBehaviour() {
    // items 1..3 in 2-d; query (1, 0): item 1 scores 2, item 2 scores 1, item 3 scores 2 (tie with item 1)
    float[] v = {0, 0, 2, 5, 1, 0, 2, -5};
    float[] q = {1, 0};
    int[] h = {1, 3, 2, 1, 2, 3};
    int[] out = new int[3];
    InnerProductTopK rule = new InnerProductTopK();
    assertEquals(3, rule.select(h, h.length, q, v, 2, 3, out));
    assertArrayEquals(new int[] {1, 3, 5}, out, "four behaviours score 2: the three most recent win");
    assertEquals(2, rule.select(h, 2, q, v, 2, 3, out), "shorter history than k: everything");
    assertArrayEquals(new int[] {0, 1}, Arrays.copyOf(out, 2));
    assertEquals(0, rule.select(h, h.length, q, v, 2, 0, out));
    assertThrows(IndexOutOfBoundsException.class, () -> rule.select(new int[] {1, 9}, 2, q, v, 2, 1, new int[1]));
    assertThrows(IllegalArgumentException.class, () -> rule.select(h, h.length, q, v, 2, 3, new int[2]));
  }

  @Test
  void etaHammingRuleOnSimHashOfVectorsMatchesBruteForce() {
    Random rnd = new Random(43);
    HammingTopK rule = new HammingTopK();
    for (int trial = 0; trial < 200; trial++) {
      int items = 1 + rnd.nextInt(80);
      int dim = 1 + rnd.nextInt(16);
      int bits = trial % 3 == 0 ? 1 + rnd.nextInt(4) : 64; // few bits: many distance ties
      SimHash hash = new SimHash(dim, bits, trial);
      float[] v = randomVectors(items, dim, false, rnd);
      long[] sig = new long[items + 1];
      hash.signAll(v, dim, sig);
      int len = rnd.nextInt(250);
      int[] h = Fixtures.randomHistory(len, items, rnd);
      int target = 1 + rnd.nextInt(items);
      long query = hash.signature(v, target * dim);
      int k = 1 + rnd.nextInt(50);
      int[] exp = brute(len, k, Comparator.<Integer>comparingInt(p -> SimHash.hamming(hash.signature(v, h[p] * dim), query))
          .thenComparing(p -> -p));
      int[] out = new int[k];
      int c = rule.select(h, 0, len, sig[target], sig, k, out);
      assertArrayEquals(exp, Arrays.copyOf(out, c), "trial " + trial);
    }
  }

  @Test
  void etaTiesGoToTheMoreRecentBehaviour() {
    long[] sig = {0, 0b0000, 0b0001, 0b0011, 0b0001};  // items 1..4; distances to 0: 0, 1, 2, 1
    int[] h = {2, 4, 3, 2, 1, 3};
    int[] out = new int[3];
    assertEquals(3, new HammingTopK().select(h, 0, h.length, 0L, sig, 3, out));
    assertArrayEquals(new int[] {1, 3, 4}, out, "item 1 (d 0), then the two most recent of three at d 1");
  }
}
