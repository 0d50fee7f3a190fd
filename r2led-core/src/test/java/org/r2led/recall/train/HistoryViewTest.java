package org.r2led.recall.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class HistoryViewTest {
  // positions:            0  1  2  3  4  5  6
  private static final int[] CATS = {7, 3, 7, 9, 3, 3, 5};
  private static final int[] ITEMS = {70, 30, 71, 90, 31, 32, 50};

  @Test
  void categoriesAreMostRecentFirstWithCountsAndAges() {
    int[][] v = HistoryView.categories(CATS, CATS.length, 10);
    assertArrayEquals(new int[] {5, 3, 9, 7}, v[0]);
    assertArrayEquals(new int[] {1, 3, 1, 2}, v[1]);
    assertArrayEquals(new int[] {0, 1, 3, 4}, v[2]);   // positions since the last occurrence
  }

  @Test
  void categoriesKeepTheMostRecentLenButCountTheWholePrefix() {
    int[][] v = HistoryView.categories(CATS, 6, 2);    // prefix without position 6
    assertArrayEquals(new int[] {3, 9}, v[0]);
    assertArrayEquals(new int[] {3, 1}, v[1]);
    assertArrayEquals(new int[] {0, 2}, v[2]);
  }

  @Test
  void manyDistinctCategoriesGrowTheTables() {
    int[] cats = new int[500];
    for (int p = 0; p < cats.length; p++) cats[p] = 1 + p % 200;
    int[][] v = HistoryView.categories(cats, cats.length, 300);
    assertArrayEquals(new int[] {100, 99}, Arrays.copyOf(v[0], 2));
    assertEquals(200, v[0].length);
    assertEquals(3, v[1][0]);   // 100 at positions 99, 299, 499
    assertEquals(2, v[1][199]); // 101 at positions 100, 300 (age 199)
    assertEquals(199, v[2][199]);
  }

  @Test
  void categoryTailIsOldestFirst() {
    assertArrayEquals(new int[] {31, 32}, HistoryView.categoryTail(ITEMS, CATS, CATS.length, 3, 2));
    assertArrayEquals(new int[] {30, 31}, HistoryView.categoryTail(ITEMS, CATS, 5, 3, 5));
  }
}
