package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The union is ascending and distinct, positions point at each id, and the bitmap and sorting paths agree. */
class SortedUnionTest {
  @Test
  void handComputedUnionAndPositions() {
    int[][] at = new int[3][];
    int[] u = SortedUnion.of(new int[][] {{7, 2, 64}, null, {2, 130, 0}}, 200, at);
    assertArrayEquals(new int[] {0, 2, 7, 64, 130}, u);
    assertArrayEquals(new int[] {2, 1, 3}, at[0]);
    assertArrayEquals(null, at[1]);
    assertArrayEquals(new int[] {1, 4, 0}, at[2]);
  }

  @Test
  void bitmapAndSortingGiveTheSameResult() {
    SplittableRandom r = new SplittableRandom(5);
    for (int rows : new int[] {100, 5_000, 3_000_000}) { // the last one sorts (bitmap far larger than the ids)
      int[][] lists = new int[3][];
      TreeSet<Integer> expected = new TreeSet<>();
      for (int k = 0; k < 3; k++) {
        lists[k] = new int[40];
        for (int i = 0; i < 40; i++) {
          lists[k][i] = r.nextInt(rows);
          expected.add(lists[k][i]);
        }
      }
      int[][] at = new int[3][];
      int[] u = SortedUnion.of(lists, rows, at);
      assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), u);
      for (int k = 0; k < 3; k++) for (int i = 0; i < 40; i++) assertArrayEquals(new int[] {lists[k][i]}, new int[] {u[at[k][i]]});
    }
  }
}
