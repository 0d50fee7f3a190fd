package org.r2led.seqrec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.config.Config;
import org.r2led.data.Split;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nextitem.UserSequence;

/** {@code loss = ce} (softmax over the whole catalog) and {@code windows = tile} (every training target once). */
class FullSoftmaxTrainingTest {
  private static final int ITEMS = 40;

  @TempDir Path dir;

  /**
   * Users walk the catalog in steps of +1 from a random start; item 1 is additionally inserted after every third
   * step, which makes it by far the most popular item (popularity ranks it first for every user) while the next item
   * stays a function of the history.
   */
  static NextItemData skewed(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<UserSequence> users = new ArrayList<>();
    for (int u = 0; u < 80; u++) {
      int len = 10 + r.nextInt(30);
      int cur = 2 + r.nextInt(ITEMS - 1);
      int[] items = new int[len];
      for (int p = 0; p < len; p++) {
        if (p % 4 == 3) {
          items[p] = 1;
        } else {
          items[p] = cur;
          cur = cur == ITEMS ? 2 : cur + 1;
        }
      }
      users.add(new UserSequence(u, items, new int[len], new long[len]));
    }
    return NextItemData.of(ITEMS, 1, new int[ITEMS + 1], users);
  }

  /** Test HR@5 of ranking by training popularity (ties by smaller id). */
  static double popularityHr5(NextItemData data) {
    long[] counts = data.trainItemCounts();
    List<Integer> order = new ArrayList<>();
    for (int i = 1; i <= data.numItems(); i++) order.add(i);
    order.sort((a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
    List<Integer> top = order.subList(0, 5);
    List<NextItemExample> test = data.examples(Split.TEST);
    return test.stream().filter(e -> top.contains(e.item())).count() / (double) test.size();
  }

  @Test
  void fullCatalogCrossEntropyLearnsWhatPopularityCannot() {
    NextItemData data = skewed(11);
    Config cfg = Config.builder().overrides(List.of("backbone=sasrec", "loss=ce", "windows=tile", "seed=4",
        "embedding_dim=16", "max_seq_len=8", "num_blocks=1", "net_dropout=0.0", "batch_size=16", "sampled_negatives=10",
        "epochs=30", "patience=30", "learning_rate=0.01")).build(SeqRecKeys.ALL);
    double pop = popularityHr5(data);
    try (SeqRecModel m = new SeqRecModel(cfg, ITEMS, null)) {
      double hr = SeqRecTrainer.fit(m, data, cfg, dir, false).test().fullCatalog().hr(5);
      assertTrue(hr >= 0.8 && hr > pop + 0.3, "sasrec loss=ce test HR@5 " + hr + ", popularity " + pop);
    }
  }

  @Test
  void tiledWindowsTrainEveryTrainingTargetOnce() {
    NextItemData data = skewed(12);
    for (boolean cloze : new boolean[] {false, true}) {
      TrainingWindows w = new TrainingWindows(data, 7, cloze, 1, 1.0, ITEMS + 1, true);
      List<int[]> epoch = w.epoch(new SplittableRandom(1));
      assertEquals(w.perEpoch(), epoch.size());
      // every training target (causal: positions 1..n-1; cloze: 0..n-1, all masked at mask probability 1) exactly once
      Map<Integer, Integer> got = new HashMap<>();
      TrainBatch b = w.batch(epoch, 0, epoch.size(), 1, new SplittableRandom(2));
      for (int t : b.targetItems()) got.merge(t, 1, Integer::sum);
      Map<Integer, Integer> want = new HashMap<>();
      for (UserSequence s : data.sequences()) {
        if (s.trainLength() < 2) continue;
        for (int p = cloze ? 0 : 1; p < s.trainLength(); p++) want.merge(s.item(p), 1, Integer::sum);
      }
      assertEquals(want, got, cloze ? "cloze" : "causal");
    }
    TrainingWindows causal = new TrainingWindows(data, 7, false, 1, 0.2, ITEMS + 1, true);
    List<int[]> epoch = causal.epoch(new SplittableRandom(3));
    assertEquals(data.examples(Split.TRAIN).size(), causal.batch(epoch, 0, epoch.size(), 1, new SplittableRandom(4))
        .targetItems().length);
  }

  @Test
  void fullCatalogSoftmaxTooLargeForMemoryIsRefusedWithTheKeysToChange() {
    assertDoesNotThrow(() -> SeqRecModel.checkFullSoftmaxSize(8, 50, 9_742));          // MovieLens at the defaults
    assertDoesNotThrow(() -> SeqRecModel.checkFullSoftmaxSize(8, 50, 671_088));        // 268,435,200 logits
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SeqRecModel.checkFullSoftmaxSize(8, 50, 671_089));                        // 268,435,600 > 2^28
    assertTrue(e.getMessage().contains("268,435,600 logits"), e.getMessage());
    assertTrue(e.getMessage().contains("671,089 items"), e.getMessage());
    assertTrue(e.getMessage().contains("set loss=sampled"), e.getMessage());
  }
}
