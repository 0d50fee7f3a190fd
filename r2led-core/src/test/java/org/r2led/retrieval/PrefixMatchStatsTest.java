package org.r2led.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.r2led.sid.SidTable;

/** Route statistics equal a brute-force count over SID prefixes; the per-history index gives the same numbers. */
class PrefixMatchStatsTest {
  @Test
  void countsAndLastPositionsMatchBruteForce() {
    int items = 300;
    SidTable sids = Fixtures.randomSids(items, new int[] {4, 3, 3}, 5);
    ItemKeys keys = new ItemKeys(sids, items);
    Random rnd = new Random(9);
    int levels = 3;
    int[] counts = new int[levels + 1];
    int[] last = new int[levels + 1];
    for (int trial = 0; trial < 200; trial++) {
      int len = rnd.nextInt(120);
      int[] hist = Fixtures.randomHistory(len, items, rnd);
      int target = 1 + rnd.nextInt(items);
      if (len > 0 && rnd.nextInt(3) == 0) target = hist[rnd.nextInt(len)];
      for (int lv = 0; lv <= levels; lv++) {
        PrefixMatchStats.compute(hist, len, target, keys, lv, counts, last);
        for (int l = 1; l <= lv + 1; l++) {
          int n = 0;
          int lp = -1;
          for (int p = 0; p < len; p++) {
            boolean match = l <= lv ? sids.prefixKey(hist[p], l) == sids.prefixKey(target, l) : hist[p] == target;
            if (match) {
              n++;
              lp = p;
            }
          }
          assertEquals(n, counts[l - 1], "level " + l + " of " + lv + ", trial " + trial);
          assertEquals(lp, last[l - 1], "level " + l + " of " + lv + ", trial " + trial);
        }
      }
    }
  }

  @Test
  void indexOverOneHistoryGivesTheSameCountsForEveryTarget() {
    int items = 300;
    SidTable sids = Fixtures.randomSids(items, new int[] {4, 3, 3}, 5);
    ItemKeys keys = new ItemKeys(sids, items);
    Random rnd = new Random(11);
    PrefixMatchIndex index = new PrefixMatchIndex();
    int[] counts = new int[4];
    int[] last = new int[4];
    int[] ic = new int[4];
    int[] il = new int[4];
    for (int trial = 0; trial < 100; trial++) {
      int len = trial == 0 ? 0 : rnd.nextInt(trial < 50 ? 30 : 600);
      int[] hist = Fixtures.randomHistory(len, items, rnd);
      int[] cats = new int[len];
      for (int p = 0; p < len; p++) cats[p] = rnd.nextInt(6);
      int lv = trial % 4;
      index.build(hist, cats, len, keys, lv);
      for (int t = 0; t < 20; t++) {
        int target = t == 0 ? 0 : 1 + rnd.nextInt(items);
        if (len > 0 && t % 3 == 1) target = hist[rnd.nextInt(len)];
        PrefixMatchStats.compute(hist, len, target, keys, lv, counts, last);
        index.lookup(target, ic, il);
        for (int l = 0; l <= lv; l++) {
          assertEquals(counts[l], ic[l], "count, level index " + l + " of " + lv + ", trial " + trial);
          assertEquals(last[l], il[l], "last, level index " + l + " of " + lv + ", trial " + trial);
        }
        int c = rnd.nextInt(7);
        int n = 0;
        int lp = -1;
        for (int p = 0; p < len; p++) {
          if (cats[p] == c) {
            n++;
            lp = p;
          }
        }
        assertEquals(n, index.categoryCount(c), "category " + c + ", trial " + trial);
        assertEquals(lp, index.categoryLast(c), "category " + c + ", trial " + trial);
      }
    }
  }
}
