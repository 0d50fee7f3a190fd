package org.r2led.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.train.TinyTask;
import org.r2led.train.TrainKeys;

/** LR-shortcuts' hand-made features against hand-computed values. */
class LrShortcutsFeaturesTest {
  @TempDir Path tmp;

  private static float l(double x) { return (float) Math.log1p(x); }

  private static float[] features(TokenSelector sel, History h, int item, int cat) {
    TokenGroups g = new TokenGroups(0, 0, LrShortcutsModel.NUM_FEATURES);
    sel.select(h, item, cat, 0L, g);
    return g.features.clone();
  }

  @Test
  void featuresOfAHandBuiltHistory() {
    int[] pop = new int[10];
    pop[5] = 6;
    pop[7] = 1;
    LrShortcutsModel.Features sel = new LrShortcutsModel.Features(1000, 3, pop);
    assertEquals(new TokenSelector.Layout(0, 0, 1000, 10), sel.layout());
    //                 position  0  1  2  3  4  5  6
    int[] items = /*         */ {5, 7, 5, 8, 9, 5, 4};
    int[] cats = /*          */ {2, 3, 2, 2, 1, 2, 3};
    History h = new History().set(items, cats, new int[7], new long[7], 7);
    // target item 5 (category 2): whole window = 7 events, short window = positions 4..6
    assertArrayEquals(new float[] {
        l(4), 4 / 7f, 1, l(3),        // category 2 at 0,2,3,5; item 5 at 0,2,5
        l(1), 1 / 3f, 1, l(1),        // short: category 2 at 5; item 5 at 5
        l(6), l(7)}, features(sel, h, 5, 2), 1e-7f);
    // target item 7 (category 3): seen long ago, not in the short window
    assertArrayEquals(new float[] {
        l(2), 2 / 7f, 1, l(1),
        l(1), 1 / 3f, 0, 0,
        l(1), l(7)}, features(sel, h, 7, 3), 1e-7f);
    // unseen item and category; item id beyond the popularity table counts as 0
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, l(7)}, features(sel, h, 42, 9), 1e-7f);
    // empty history
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, l(6), 0}, features(sel, new History(), 5, 2), 1e-7f);
    // short window longer than the history: S = W
    float[] f = features(new LrShortcutsModel.Features(1000, 50, pop), h, 5, 2);
    assertArrayEquals(new float[] {l(4), 4 / 7f, 1, l(3)}, java.util.Arrays.copyOfRange(f, 4, 8), 1e-7f);
  }

  @Test
  void popularityCountsTrainingTargetsOnlyAndTheModelReadsOnlyItsKeys() {
    PreparedDataset ds = TinyTask.write(tmp.resolve("d"), 20, 60, 7);
    int[] pop = ModelData.of(ds).trainTargetCounts();
    SampleSplit train = ds.split(Split.TRAIN);
    int[] exp = new int[ds.numItems() + 1];
    for (int i = 0; i < train.size(); i++) exp[train.item(i)]++;
    assertArrayEquals(exp, pop);
    assertEquals(java.util.Set.of("max_seq_len", "short_seq_len"), LrShortcutsModel.SPEC.keys().names());
    // the batch carries the selector's features, capped at max_seq_len
    CtrModel m = TrainKeys.resolve("lr_shortcuts", java.util.List.of("max_seq_len=20", "short_seq_len=5")).create(ds, null);
    TokenBatch b = m.prepare(SplitSamples.range(train, 0, 16));
    LrShortcutsModel.Features sel = new LrShortcutsModel.Features(20, 5, pop);
    History h = new History();
    for (int j = 0; j < b.size(); j++) {
      SplitSamples.range(train, j, j + 1).history(0, 20, h);
      float[] f = features(sel, h, train.item(j), train.category(j));
      assertArrayEquals(f, java.util.Arrays.copyOfRange(b.features, j * 10, (j + 1) * 10), "sample " + j);
      assertEquals(Math.min(20, train.pos(j)), Math.round(Math.expm1(f[9])), "history capped at max_seq_len");
    }
    assertEquals(0, b.groups);
  }
}
