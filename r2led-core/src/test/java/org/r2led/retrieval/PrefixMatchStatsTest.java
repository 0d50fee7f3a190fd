package org.r2led.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.r2led.sid.SidTable;

/** Route statistics equal a brute-force count over SID prefixes. */
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
}
