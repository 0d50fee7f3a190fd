package org.r2led.data.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;

class DatasetStatsTest {
  @TempDir Path dir;

  /** Users with 4, 1, 3, 2 events; 4 train samples with true probabilities, 1 test sample, no valid. */
  private PreparedDataset dataset() {
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, true)) {
      int[] lengths = {4, 1, 3, 2};
      for (int u = 0; u < 4; u++) {
        w.beginUser("u" + u);
        for (int k = 0; k < lengths[u]; k++) w.addEvent(1 + k % 2, 1, 1 + k % 2, 10L * k);
        if (u == 0) {
          w.addSample(Split.TRAIN, 1, 1, 1, 1, 10, 0.9f);
          w.addSample(Split.TRAIN, 3, 2, 1, 0, 30, 0.2f);
          w.addSample(Split.TEST, 4, 2, 1, 1, 40, 0.7f);
        }
        if (u == 2) {
          w.addSample(Split.TRAIN, 0, 1, 1, 1, 0, 0.4f);
          w.addSample(Split.TRAIN, 2, 2, 1, 0, 20, 0.6f);
        }
      }
      w.writeItems(List.of("<pad>", "a", "b"), List.of(new int[0], new int[] {1}, new int[] {1}), null);
      w.writeCategories(List.of("<pad>", "c"));
      w.finish("synthetic", List.of(), Map.of(), Map.of("items", 2L, "categories", 1L), List.of("x", "y"), null);
    }
    return PreparedDataset.open(dir);
  }

  @Test
  void countsDistributionsAndOracleMetrics() {
    DatasetStats s = DatasetStats.compute(dataset());
    assertEquals(4, s.users());
    assertEquals(10, s.events());
    assertEquals(Map.of("x", 6L, "y", 4L), s.behaviors());
    Distribution len = s.sequenceLength();
    assertEquals(1, len.min());
    assertEquals(2.5, len.median(), 1e-12);
    assertEquals(3.7, len.p90(), 1e-12); // (n-1)*0.9 = 2.7 -> 3 + 0.7*(4-3)
    assertEquals(3.97, len.p99(), 1e-12);
    assertEquals(4, len.max());
    assertEquals(2.5, len.mean(), 1e-12);

    DatasetStats.SplitStats train = s.splits().get("train");
    assertEquals(4, train.samples());
    assertEquals(2, train.positives());
    assertEquals(0.5, train.positiveRate());
    assertEquals(1.5, train.historyLength().median(), 1e-12); // pos {1,3,0,2}
    // positives 0.9, 0.4 vs negatives 0.2, 0.6: 3 of 4 pairs ordered
    assertEquals(0.75, train.oracle().auc(), 1e-12);
    double ll = -(Math.log(0.9f) + Math.log(1 - 0.2f) + Math.log(0.4f) + Math.log(1 - 0.6f)) / 4;
    assertEquals(ll, train.oracle().logLoss(), 1e-6);
    assertEquals(0.5, train.oracle().gauc(), 1e-12); // user 0: AUC 1, user 2: AUC 0, 2 samples each

    // history shortcuts: item sequences u0 = 1,2,1,2 and u2 = 1,2,1, all category 1.
    // train samples (label: category count, item count): u0@1 item1 (1: 1, 1), u0@3 item2 (0: 3, 1),
    // u2@0 item1 (1: 0, 0), u2@2 item2 (0: 2, 1)
    DatasetStats.Shortcuts sc = train.shortcuts();
    assertEquals(0.5, sc.categorySeenPositives(), 1e-12);
    assertEquals(1.0, sc.categorySeenNegatives(), 1e-12);
    assertEquals(0.0, sc.categoryCountAuc(), 1e-12); // positives {1, 0} below negatives {3, 2}
    assertEquals(0.5, sc.itemSeenPositives(), 1e-12);
    assertEquals(1.0, sc.itemSeenNegatives(), 1e-12);
    assertEquals(0.25, sc.itemCountAuc(), 1e-12); // {1, 0} vs {1, 1}: two ties of one half out of 4 pairs

    DatasetStats.SplitStats valid = s.splits().get("valid");
    assertEquals(0, valid.samples());
    assertNull(valid.positiveRate());
    assertNull(valid.oracle());
    DatasetStats.SplitStats test = s.splits().get("test");
    assertNull(test.oracle().auc(), "one class: AUC undefined");
    assertEquals(-Math.log(0.7f), test.oracle().logLoss(), 1e-6);
    assertEquals(1.0, test.shortcuts().itemSeenPositives(), 1e-12);
    assertNull(test.shortcuts().itemSeenNegatives(), "no negatives");
    assertNull(test.shortcuts().itemCountAuc());
  }

  @Test
  void writesJsonAndMarkdownThatReadBack() {
    DatasetStats s = DatasetStats.compute(dataset());
    s.write(dir);
    assertEquals(s, DatasetStats.read(dir));
    String md = s.toMarkdown();
    assertTrue(md.contains("| train | 4 | 2 | 0.5000 | 0.7500 |"), md);
    assertTrue(md.contains("| sequence per user | 4 | 2.5 | 1 | 2.5 | 3.7 | 4.0 | 4 |"), md);
    assertTrue(md.contains("| train | 0.5000 / 1.0000 | 0.0000 | 0.5000 / 1.0000 | 0.2500 |"), md);
  }
}
