package org.r2led.sid;

import java.util.ArrayList;
import java.util.List;
import org.r2led.data.DatasetLayout;
import org.r2led.data.PreparedDataset;
import org.r2led.io.Columns;

/**
 * Known labels of items that SID codes are checked against.
 *
 * @param name e.g. {@code genres}, {@code categories}, {@code topTopics}, {@code leafTopics}
 * @param labels per item (index 0 = padding, empty), labels >= 1; several per item for multi-label data
 */
public record Labeling(String name, int[][] labels) {

  /**
   * The labelings a dataset offers: its (multi-label) categories — called {@code genres} for MovieLens —
   * and, on synthetic data, the true top-level and leaf topics.
   */
  public static List<Labeling> of(PreparedDataset data) {
    List<Labeling> out = new ArrayList<>();
    int n = data.numItems();
    if (data.numCategories() > 0) {
      long[] off = Columns.readLongs(data.dir().resolve(DatasetLayout.ITEM_CATEGORIES_OFFSETS));
      int[] vals = Columns.readInts(data.dir().resolve(DatasetLayout.ITEM_CATEGORIES));
      int[][] labels = new int[n + 1][];
      labels[0] = new int[0];
      for (int i = 1; i <= n; i++) {
        labels[i] = java.util.Arrays.copyOfRange(vals, (int) off[i], (int) off[i + 1]);
      }
      out.add(new Labeling("movielens".equals(data.manifest().source()) ? "genres" : "categories", labels));
    }
    int[] top = data.itemTopTopics();
    if (top != null) out.add(new Labeling("topTopics", SidStats.single(top)));
    int[] leaf = data.itemTopics();
    if (leaf != null) out.add(new Labeling("leafTopics", SidStats.single(leaf)));
    return out;
  }
}
