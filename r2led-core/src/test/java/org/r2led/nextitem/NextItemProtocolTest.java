package org.r2led.nextitem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;

class NextItemProtocolTest {
  @TempDir Path dir;

  /** Items 1..6 (category = 1 for odd, 2 for even); behaviors r3.0 (code 1), r4.0 (2), r5.0 (3). */
  private PreparedDataset ratingDataset(int[][] items, int[][] behaviors) {
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, false)) {
      for (int u = 0; u < items.length; u++) {
        w.beginUser("u" + u);
        for (int p = 0; p < items[u].length; p++) {
          int it = items[u][p];
          w.addSample(Split.TRAIN, p, it, 2 - it % 2, 1, 100L + p, Float.NaN);
          w.addEvent(it, 2 - it % 2, behaviors[u][p], 100L + p);
        }
      }
      List<String> raw = new ArrayList<>(List.of("<pad>"));
      List<int[]> cats = new ArrayList<>();
      cats.add(new int[0]);
      for (int i = 1; i <= 6; i++) { raw.add("i" + i); cats.add(new int[] {2 - i % 2}); }
      w.writeItems(raw, cats, null);
      w.writeCategories(List.of("<pad>", "odd", "even"));
      w.finish("movielens", List.of(), Map.of("protocol", "rating", "rating.threshold", 4.0),
          Map.of("items", 6L, "categories", 2L), List.of("r3.0", "r4.0", "r5.0"), null);
    }
    return PreparedDataset.open(dir);
  }

  @Test
  void positivesRepeatsAndLeaveLastOutSplit() {
    PreparedDataset ds = ratingDataset(
        new int[][] {{1, 2, 2, 3, 4, 5, 6}, {1, 2, 3}},
        new int[][] {{2, 3, 2, 1, 3, 2, 3}, {2, 1, 3}});
    NextItemData data = NextItemProtocol.load(ds);
    // user 0: item 3 rated 3.0 is dropped, the repeated 2 collapses -> 1 2 4 5 6
    UserSequence s0 = data.sequence(0);
    assertArrayEquals(new int[] {1, 2, 4, 5, 6}, s0.items());
    assertArrayEquals(new int[] {1, 2, 2, 1, 2}, s0.categories());
    assertArrayEquals(new long[] {100, 101, 104, 105, 106}, s0.timestamps());
    assertEquals(3, s0.trainLength());
    // user 1: positives 1 3 -> fewer than 3: training only
    UserSequence s1 = data.sequence(1);
    assertArrayEquals(new int[] {1, 3}, s1.items());
    assertFalse(s1.hasHeldOut());

    List<NextItemExample> test = data.examples(Split.TEST);
    assertEquals(1, test.size());
    assertEquals(6, test.get(0).item());
    assertArrayEquals(new int[] {1, 2, 4, 5}, test.get(0).historyItems(100));
    assertArrayEquals(new int[] {4, 5}, test.get(0).historyItems(2));
    List<NextItemExample> valid = data.examples(Split.VALID);
    assertEquals(5, valid.get(0).item());
    assertArrayEquals(new int[] {1, 2, 4}, valid.get(0).historyItems(100));
    // train targets: user 0 positions 1, 2 (items 2, 4); user 1 position 1 (item 3)
    List<NextItemExample> train = data.examples(Split.TRAIN);
    assertEquals(List.of(2, 4, 3), train.stream().map(NextItemExample::item).toList());
    // popularity counts only training positions
    long[] pop = data.trainItemCounts();
    assertArrayEquals(new long[] {0, 2, 1, 1, 1, 0, 0}, pop);
    assertArrayEquals(new int[] {1, 3, 5}, data.itemsByCategory()[1]);
    assertEquals("events rated >= 4.0", data.positives());
  }

  @Test
  void loadingTwiceGivesEqualSequences() {
    PreparedDataset ds = ratingDataset(new int[][] {{1, 2, 3, 4}}, new int[][] {{2, 2, 2, 2}});
    assertEquals(NextItemProtocol.load(ds).sequences(), NextItemProtocol.load(ds).sequences());
  }
}
