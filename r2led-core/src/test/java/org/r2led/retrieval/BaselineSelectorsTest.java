package org.r2led.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** TopK, HammingTopK and CategoryRetriever against sort-based references. */
class BaselineSelectorsTest {
  /** Indices of the k best by the comparator (best first), returned sorted ascending. */
  private static int[] bruteTop(int n, int k, Comparator<Integer> bestFirst) {
    return IntStream.range(0, n).boxed().sorted(bestFirst).limit(k).mapToInt(Integer::intValue).sorted().toArray();
  }

  @Test
  void topKMatchesSortingWithRecencyTieBreak() {
    Random rnd = new Random(17);
    TopK topk = new TopK();
    for (int trial = 0; trial < 300; trial++) {
      int len = rnd.nextInt(120);
      int from = rnd.nextInt(4);
      int k = rnd.nextInt(40);
      int range = 1 + rnd.nextInt(trial % 3 == 0 ? 3 : 1000); // tiny ranges: many ties
      int[] is = new int[from + len];
      float[] fs = new float[from + len];
      for (int i = 0; i < is.length; i++) {
        is[i] = rnd.nextInt(range) - range / 2;
        fs[i] = is[i] * 0.25f;
      }
      int[] exp = bruteTop(len, k, Comparator.<Integer>comparingInt(i -> -is[from + i]).thenComparing(i -> -i));
      int[] out = new int[Math.max(k, 1)];
      int c = topk.largest(is, from, len, k, out);
      assertArrayEquals(exp, java.util.Arrays.copyOf(out, c), "int trial " + trial);
      c = topk.largest(fs, from, len, k, out);
      assertArrayEquals(exp, java.util.Arrays.copyOf(out, c), "float trial " + trial);
    }
    assertArrayEquals(new int[] {1, 3}, topAll(new int[] {5, 9, 5, 9}, 2));
    assertArrayEquals(new int[] {1, 3}, topAll(new int[] {5, 9, 5, 5}, 2), "tie at 5: the most recent wins");
    assertArrayEquals(new int[] {2, 3}, topAll(new int[] {5, 5, 5, 5}, 2));
    assertThrows(IllegalArgumentException.class, () -> new TopK().largest(new float[] {1f, Float.NaN}, 0, 2, 1, new int[1]));
  }

  private static int[] topAll(int[] s, int k) {
    int[] out = new int[k];
    int c = new TopK().largest(s, 0, s.length, k, out);
    return java.util.Arrays.copyOf(out, c);
  }

  @Test
  void hammingTopKMatchesSorting() {
    Random rnd = new Random(23);
    HammingTopK sel = new HammingTopK();
    long[] sigs = new long[100];
    for (int trial = 0; trial < 200; trial++) {
      long mask = trial % 2 == 0 ? 0x7L : -1L;
      for (int i = 0; i < sigs.length; i++) sigs[i] = rnd.nextLong() & mask;
      int len = rnd.nextInt(300);
      int from = rnd.nextInt(3);
      int[] h = Fixtures.randomHistory(from + len, 99, rnd);
      long q = rnd.nextLong() & mask;
      int k = 1 + rnd.nextInt(50);
      int[] exp = bruteTop(len, k, Comparator.<Integer>comparingInt(p -> Long.bitCount(sigs[h[from + p]] ^ q))
          .thenComparing(p -> -p));
      int[] out = new int[k];
      int c = sel.select(h, from, len, q, sigs, k, out);
      assertArrayEquals(exp, java.util.Arrays.copyOf(out, c), "trial " + trial);
    }
  }

  @Test
  void categoryRetrieverTakesTheMostRecentMatches() {
    int[] cats = {9, 4, 2, 4, 4, 7, 4};
    int[] out = new int[3];
    assertEquals(3, CategoryRetriever.select(cats, 0, cats.length, 4, 3, out));
    assertArrayEquals(new int[] {3, 4, 6}, out);
    assertEquals(2, CategoryRetriever.select(cats, 2, 3, 4, 3, out), "slice [2,5) = {2,4,4}");
    assertArrayEquals(new int[] {1, 2}, java.util.Arrays.copyOf(out, 2));
    assertEquals(0, CategoryRetriever.select(cats, 0, cats.length, 5, 3, out));
    Random rnd = new Random(31);
    for (int trial = 0; trial < 100; trial++) {
      int len = rnd.nextInt(80);
      int[] c = new int[len];
      for (int i = 0; i < len; i++) c[i] = rnd.nextInt(4);
      int k = 1 + rnd.nextInt(10);
      int[] exp = IntStream.range(0, len).filter(p -> c[p] == 2).boxed().sorted(Comparator.reverseOrder()).limit(k)
          .mapToInt(Integer::intValue).sorted().toArray();
      int[] o = new int[k];
      int n = CategoryRetriever.select(c, 0, len, 2, k, o);
      assertArrayEquals(exp, java.util.Arrays.copyOf(o, n));
    }
  }
}
