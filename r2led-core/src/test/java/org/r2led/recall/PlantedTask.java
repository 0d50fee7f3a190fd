package org.r2led.recall;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.UserSequence;

/**
 * A tiny seeded next-item task with a planted pattern: {@code CATS} categories of {@code PER_CAT} items;
 * each user cycles through the items of two favourite categories, the successor of item i being the
 * next item of i's category (wrapping), with probability 0.9, else a random item.
 */
final class PlantedTask {
  static final int CATS = 6;
  static final int PER_CAT = 8;
  static final int ITEMS = CATS * PER_CAT;

  private PlantedTask() {}

  static int category(int item) { return (item - 1) / PER_CAT + 1; }

  static int successor(int item) {
    int c = category(item);
    return (c - 1) * PER_CAT + 1 + (item - (c - 1) * PER_CAT) % PER_CAT;
  }

  static NextItemData build(int users, int len, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] itemCategory = new int[ITEMS + 1];
    for (int i = 1; i <= ITEMS; i++) itemCategory[i] = category(i);
    List<UserSequence> seqs = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int[] items = new int[len];
      int[] cats = new int[len];
      long[] ts = new long[len];
      int a = 1 + r.nextInt(CATS);
      int b = 1 + (a + r.nextInt(CATS - 1)) % CATS;
      int cur = (a - 1) * PER_CAT + 1 + r.nextInt(PER_CAT);
      for (int p = 0; p < len; p++) {
        items[p] = cur;
        cats[p] = category(cur);
        ts[p] = 1000L + p;
        if (r.nextDouble() < 0.9) {
          int nxt = successor(cur);
          // switch between the two favourite categories now and then, at the same offset
          if (r.nextDouble() < 0.2) {
            int other = category(cur) == a ? b : a;
            nxt = (other - 1) * PER_CAT + 1 + (nxt - 1) % PER_CAT;
          }
          cur = nxt;
        } else {
          cur = 1 + r.nextInt(ITEMS);
        }
      }
      seqs.add(new UserSequence(u, items, cats, ts));
    }
    return NextItemData.of(ITEMS, CATS, itemCategory, seqs);
  }
}
