package org.r2led.seqrec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.config.Config;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.UserSequence;

/**
 * Every backbone, plain and DMESR-enhanced, learns a planted next-item rule on tiny data: each user walks
 * the catalog in steps of +1 (item 40 is followed by item 1) from a random start, so the next item is a
 * function of the last one. Random ranking gives HR@5 = 5/40 over the full catalog.
 */
class PlantedPatternTest {
  private static final int ITEMS = 40;

  @TempDir Path dir;

  static NextItemData planted(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<UserSequence> users = new ArrayList<>();
    for (int u = 0; u < 80; u++) {
      int len = 8 + r.nextInt(8);
      int start = 1 + r.nextInt(ITEMS);
      int[] items = new int[len];
      for (int p = 0; p < len; p++) items[p] = 1 + (start - 1 + p) % ITEMS;
      users.add(new UserSequence(u, items, new int[len], new long[len]));
    }
    return NextItemData.of(ITEMS, 1, new int[ITEMS + 1], users);
  }

  private SeqRecResult train(String backbone, String enhance) {
    Config cfg = Config.builder().overrides(List.of("backbone=" + backbone, "enhance=" + enhance, "seed=3",
        "embedding_dim=16", "attention_dim=8", "max_seq_len=10", "num_blocks=1", "net_dropout=0.0", "batch_size=16",
        "num_negatives=20", "sampled_negatives=10", "epochs=25", "patience=25", "learning_rate=0.01", "mask_prob=0.3")).build(SeqRecKeys.ALL);
    NextItemData data = planted(5);
    ItemViews views = enhance.equals("dmesr") ? TinyViews.of(ITEMS, 6, 5, 4, 0f, 9) : null;
    try (SeqRecModel m = new SeqRecModel(cfg, ITEMS, views)) {
      return SeqRecTrainer.fit(m, data, cfg, dir, false);
    }
  }

  @Test
  void sasrecLearnsThePlantedRulePlainAndWithDmesr() {
    for (String enhance : new String[] {"none", "dmesr"}) {
      double hr = train("sasrec", enhance).test().fullCatalog().hr(5);
      assertTrue(hr >= 0.9, "sasrec+" + enhance + " test HR@5 " + hr + " (random 0.125)");
    }
  }

  @Test
  void gru4recAndBert4recLearnThePlantedRule() {
    for (String backbone : new String[] {"gru4rec", "bert4rec"}) {
      double hr = train(backbone, "none").test().fullCatalog().hr(5);
      assertTrue(hr >= 0.8, backbone + " test HR@5 " + hr + " (random 0.125)");
    }
  }
}
