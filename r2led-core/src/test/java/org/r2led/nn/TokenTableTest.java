package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The token table gives every token {@code item + category + behavior + gap + flag}: the same values in
 * an evaluation step (distinct tokens summed once) as in a training step (factored form), for any range.
 */
class TokenTableTest {
  private static final int ITEMS = 40;
  private static final int CATS = 6;
  private static final int BEHAVIORS = 3;
  private static final int GAPS = 5;
  private static final int D = 8;

  private record Tokens(int[] item, int[] cat, int[] beh, int[] gap, int[] flag) {}

  /** Tokens drawn from a few "history events" repeated many times (as a request's candidates read one history). */
  private static Tokens tokens(int n) {
    SplittableRandom r = new SplittableRandom(9);
    int events = 30;
    int[][] ev = new int[events][];
    for (int e = 0; e < events; e++) ev[e] = new int[] {r.nextInt(ITEMS), r.nextInt(CATS), r.nextInt(BEHAVIORS + 1), r.nextInt(GAPS)};
    Tokens t = new Tokens(new int[n], new int[n], new int[n], new int[n], new int[n]);
    for (int i = 0; i < n; i++) {
      int[] e = ev[r.nextInt(events)];
      t.item[i] = e[0];
      t.cat[i] = e[1];
      t.beh[i] = e[2];
      t.gap[i] = e[3];
      t.flag[i] = r.nextInt(2);
    }
    return t;
  }

  private static float[] run(boolean training, Tokens t, int from, int to) {
    ParamStore store = new ParamStore(4);
    FeatureEmbeddings emb = new FeatureEmbeddings(store, ITEMS, CATS, BEHAVIORS, GAPS, D, 0.5, true, true, true);
    Param flags = store.denseTable("flag", 2, D, 0.5);
    try (Step s = new Step(training)) {
      UniqueIds items = new UniqueIds(ITEMS + 1);
      for (int i = 0; i <= ITEMS; i++) items.add(i);
      UniqueIds cats = new UniqueIds(CATS + 1);
      for (int c = 0; c <= CATS; c++) cats.add(c);
      NDArray h = emb.itemRows(s, items);
      NDArray c = emb.categoryRows(s, cats);
      TokenTable table = emb.tokenTable(s, h, t.item, c, t.cat, t.beh, t.gap, flags, t.flag);
      assertEquals(t.item.length, table.size());
      return table.gatherRange(s, from, to, to - from).toFloatArray();
    }
  }

  @Test
  void distinctTokensEqualTheFactoredForm() {
    Tokens t = tokens(2000);
    for (int[] range : new int[][] {{0, 2000}, {500, 900}, {1999, 2000}}) {
      float[] eval = run(false, t, range[0], range[1]);
      float[] train = run(true, t, range[0], range[1]);
      assertArrayEquals(train, eval, 0f, "range " + range[0] + ".." + range[1]);
    }
  }

  @Test
  void directAndHashedPairsGiveTheSamePositionsAndPairs() {
    SplittableRandom r = new SplittableRandom(6);
    for (int[] size : new int[][] {{0, 3, 5}, {500, 40, 7}, {30_000, 5_000, 24}, {30_000, 200, 3}}) {
      int n = size[0];
      int[] a = new int[n];
      int[] b = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = r.nextInt(size[1]);
        b[i] = r.nextInt(size[2]);
      }
      long keySpace = (long) size[1] * size[2];
      int[][] hashed = TokenTable.pairsHashed(a, b, size[2]);
      int[][] direct = TokenTable.pairsDirect(a, b, size[2], (int) keySpace);
      int[][] ints = TokenTable.pairsIntKeys(a, b, size[2]);
      int[][] chosen = TokenTable.pairs(a, b, size[2]);
      for (int k = 0; k < 3; k++) {
        assertArrayEquals(hashed[k], direct[k], "size " + n + " array " + k);
        assertArrayEquals(hashed[k], ints[k], "size " + n + " array " + k);
        assertArrayEquals(hashed[k], chosen[k], "size " + n + " array " + k);
      }
    }
  }
}
