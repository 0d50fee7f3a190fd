package org.r2led.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** SDIM's collisions, TWIN's bilinear scores and MIRRN's three queries against brute-force references. */
class LongSequenceRulesTest {
  /** Bit-by-bit collision mask (independent of the shift-and-mask implementation). */
  private static int bruteMask(long a, long b, int m, int bits) {
    int mask = 0;
    for (int h = 0; h < m; h++) {
      boolean equal = true;
      for (int i = h * bits; i < (h + 1) * bits; i++) {
        if (((a >>> i) & 1L) != ((b >>> i) & 1L)) equal = false;
      }
      if (equal) mask |= 1 << h;
    }
    return mask;
  }

  @Test
  void collisionSelectKeepsTheMostRecentCollisionsWithTheirMasks() {
    Random rnd = new Random(41);
    int[][] shapes = {{1, 1}, {2, 2}, {2, 4}, {3, 3}, {4, 2}, {8, 1}, {8, 8}, {1, 64}, {2, 32}, {5, 3}};
    long[] sigs = new long[120];
    for (int trial = 0; trial < 400; trial++) {
      int m = shapes[trial % shapes.length][0];
      int bits = shapes[trial % shapes.length][1];
      // few distinct signatures (random over a small pool), so that collisions in some hashes are frequent
      long[] pool = new long[1 + rnd.nextInt(6)];
      for (int i = 0; i < pool.length; i++) pool[i] = rnd.nextLong();
      for (int i = 0; i < sigs.length; i++) {
        long s = pool[rnd.nextInt(pool.length)];
        sigs[i] = rnd.nextInt(3) == 0 ? s ^ (1L << rnd.nextInt(64)) : s; // one flipped bit breaks one hash
      }
      int len = rnd.nextInt(200);
      int from = rnd.nextInt(3);
      int[] h = Fixtures.randomHistory(from + len, sigs.length - 1, rnd);
      long q = rnd.nextInt(4) == 0 ? rnd.nextLong() : sigs[1 + rnd.nextInt(sigs.length - 1)];
      int k = rnd.nextInt(60);
      List<Integer> exp = new ArrayList<>();
      for (int p = len - 1; p >= 0 && exp.size() < k; p--) {
        if (bruteMask(sigs[h[from + p]], q, m, bits) != 0) exp.add(p);
      }
      int[] expPos = exp.stream().mapToInt(Integer::intValue).sorted().toArray();
      int[] out = new int[k];
      byte[] masks = new byte[k];
      int c = CollisionSelect.select(h, from, len, q, sigs, m, bits, k, out, masks);
      assertArrayEquals(expPos, Arrays.copyOf(out, c), "trial " + trial);
      for (int i = 0; i < c; i++) {
        int e = bruteMask(sigs[h[from + out[i]]], q, m, bits);
        assertEquals(e, masks[i] & 0xFF, "trial " + trial + " mask of position " + out[i]);
        assertEquals(e, CollisionSelect.collisions(sigs[h[from + out[i]]], q, m, bits));
      }
    }
    // hand-made: 2 hashes of 2 bits; target 0b10_01
    long[] s = {0, 0b1001, 0b1101, 0b0001, 0b0110, 0b1000};
    int[] hist = {1, 2, 3, 4, 5, 1};
    int[] out = new int[3];
    byte[] masks = new byte[3];
    int c = CollisionSelect.select(hist, 0, hist.length, 0b1001, s, 2, 2, 3, out, masks);
    assertArrayEquals(new int[] {2, 4, 5}, Arrays.copyOf(out, c), "items 3 (hash 0), 5 (hash 1), 1 (both); 4 misses");
    assertArrayEquals(new byte[] {1, 2, 3}, masks);
    assertThrows(IllegalArgumentException.class, () -> CollisionSelect.check(9, 4));
    assertThrows(IllegalArgumentException.class, () -> CollisionSelect.check(3, 22));
  }

  @Test
  void bilinearScoresAreTheAttentionLogitsAndTopKBreaksTiesByRecency() {
    Random rnd = new Random(43);
    BilinearTopK sel = new BilinearTopK();
    for (int trial = 0; trial < 300; trial++) {
      boolean integral = trial % 2 == 0; // small integers: exact arithmetic, many exact ties between distinct items
      int d = 1 + rnd.nextInt(8);
      int a = 1 + rnd.nextInt(8);
      int items = 1 + rnd.nextInt(40);
      float[] wq = values(d * a, integral, rnd);
      float[] wk = values(d * a, integral, rnd);
      float[] vec = values((items + 1) * d, integral, rnd);
      float[] matrix = new float[d * d];
      BilinearTopK.product(wq, wk, d, a, matrix);
      int len = rnd.nextInt(150);
      int from = rnd.nextInt(3);
      int[] h = Fixtures.randomHistory(from + len, items, rnd);
      int target = 1 + rnd.nextInt(items);
      // reference: sum over attention dims of (e_v W_q)_c (e_i W_k)_c, in double
      double[] qp = project(vec, target, wq, d, a);
      double[] score = new double[len];
      for (int p = 0; p < len; p++) {
        double[] kp = project(vec, h[from + p], wk, d, a);
        for (int c = 0; c < a; c++) score[p] += qp[c] * kp[c];
      }
      int k = rnd.nextInt(40);
      int[] exp = IntStream.range(0, len).boxed()
          .sorted(Comparator.<Integer>comparingDouble(p -> -score[p]).thenComparing(p -> -p))
          .limit(k).mapToInt(Integer::intValue).sorted().toArray();
      int[] out = new int[k];
      int c = sel.select(h, from, len, target, vec, d, matrix, k, out);
      assertArrayEquals(exp, Arrays.copyOf(out, c), "trial " + trial);
      float[] got = new float[len];
      sel.score(h, from, len, target, vec, d, matrix, got);
      for (int p = 0; p < len; p++) assertEquals(score[p], got[p], 1e-4 * (1 + Math.abs(score[p])), "trial " + trial);
    }
    // ties: one item repeated; the most recent copies win
    float[] vec = {0, 0, 1, 0, 2, 0};
    float[] eye = {1, 0, 0, 1};
    int[] out = new int[2];
    int c = sel.select(new int[] {2, 1, 2, 1, 2}, 0, 5, 2, vec, 2, eye, 2, out);
    assertArrayEquals(new int[] {2, 4}, Arrays.copyOf(out, c));
  }

  private static float[] values(int n, boolean integral, Random rnd) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = integral ? rnd.nextInt(5) - 2 : (float) rnd.nextGaussian();
    return v;
  }

  private static double[] project(float[] vec, int item, float[] w, int d, int a) {
    double[] o = new double[a];
    for (int c = 0; c < a; c++) for (int i = 0; i < d; i++) o[c] += (double) vec[item * d + i] * w[i * a + c];
    return o;
  }

  @Test
  void granularQueriesRetrieveForTargetRecentWindowAndSequenceMean() {
    Random rnd = new Random(47);
    HammingTopK sel = new HammingTopK();
    for (int trial = 0; trial < 200; trial++) {
      int d = 1 + rnd.nextInt(12);
      int bits = trial % 3 == 0 ? 4 : 64; // few bits: many Hamming ties
      SimHash hash = new SimHash(d, bits, trial);
      int items = 1 + rnd.nextInt(50);
      float[] vec = new float[(items + 1) * d];
      for (int i = d; i < vec.length; i++) vec[i] = (float) rnd.nextGaussian();
      long[] sigs = new long[items + 1];
      hash.signAll(vec, d, sigs);
      int len = rnd.nextInt(120);
      int[] h = Fixtures.randomHistory(len, items, rnd);
      int target = 1 + rnd.nextInt(items);
      int recent = 1 + rnd.nextInt(30);
      long[] q = new long[GranularQueries.COUNT];
      GranularQueries.signatures(h, len, target, recent, vec, sigs, hash, new float[d], q);
      long[] exp = {sigs[target], hash.signature(bruteMean(h, Math.max(0, len - recent), len, vec, d), 0),
          hash.signature(bruteMean(h, 0, len, vec, d), 0)};
      assertArrayEquals(exp, q, "trial " + trial);
      int k = 1 + rnd.nextInt(30);
      for (int g = 0; g < GranularQueries.COUNT; g++) {
        long query = exp[g];
        int[] expPos = IntStream.range(0, len).boxed()
            .sorted(Comparator.<Integer>comparingInt(p -> Long.bitCount(sigs[h[p]] ^ query)).thenComparing(p -> -p))
            .limit(k).mapToInt(Integer::intValue).sorted().toArray();
        int[] out = new int[k];
        int c = sel.select(h, 0, len, q[g], sigs, k, out);
        assertArrayEquals(expPos, Arrays.copyOf(out, c), "trial " + trial + " group " + g);
      }
    }
    // the recent window's mean is the mean of the last `recent` vectors
    float[] vec = {0, 0, 1, 0, 0, 1, 3, 3};
    float[] m = new float[2];
    GranularQueries.mean(new int[] {1, 2, 3, 3}, 2, 4, vec, 2, m);
    assertArrayEquals(new float[] {3, 3}, m);
    GranularQueries.mean(new int[] {1, 2, 3, 3}, 0, 2, vec, 2, m);
    assertArrayEquals(new float[] {0.5f, 0.5f}, m);
    GranularQueries.mean(new int[] {1}, 0, 0, vec, 2, m);
    assertArrayEquals(new float[] {0, 0}, m, "empty window: zero vector");
  }

  /** Mean by a plain loop in the documented order (oldest → newest, float sum, then divide). */
  private static float[] bruteMean(int[] h, int from, int to, float[] vec, int d) {
    float[] s = new float[d];
    for (int j = 0; j < d; j++) {
      float acc = 0;
      for (int p = from; p < to; p++) acc += vec[h[p] * d + j];
      s[j] = to > from ? acc / (to - from) : 0f;
    }
    return s;
  }
}
