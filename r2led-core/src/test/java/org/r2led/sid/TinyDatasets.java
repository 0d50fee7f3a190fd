package org.r2led.sid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;

/** Small prepared datasets written through {@link PreparedDatasetWriter} for tests. */
public final class TinyDatasets {
  private TinyDatasets() {}

  /**
   * Writes a dataset with items {@code "i1".."iN"}.
   *
   * @param categories per item 1..n (index 0 ignored), primary first
   * @param numCategories category count
   * @param texts per item (index 0 ignored), or null
   * @param sequences per user, item ids; every event gets a TRAIN sample except the last {@code testTail}
   *     events of each user, which get TEST samples
   */
  public static PreparedDataset write(Path dir, List<int[]> categories, int numCategories, List<String> texts,
      int[][] sequences, int testTail) {
    return write(dir, categories, numCategories, texts, sequences, testTail, 0);
  }

  /** As {@link #write(Path, List, int, List, int[][], int)}, with no samples before position {@code warmup}. */
  public static PreparedDataset write(Path dir, List<int[]> categories, int numCategories, List<String> texts,
      int[][] sequences, int testTail, int warmup) {
    int n = categories.size() - 1;
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(dir, false)) {
      for (int u = 0; u < sequences.length; u++) {
        w.beginUser("u" + u);
        int[] s = sequences[u];
        for (int p = 0; p < s.length; p++) {
          int[] cs = categories.get(s[p]);
          int cat = cs.length > 0 ? cs[0] : 0;
          Split split = p >= s.length - testTail ? Split.TEST : Split.TRAIN;
          if (p >= warmup) w.addSample(split, p, s[p], cat, 1, 1000L + p, Float.NaN);
          w.addEvent(s[p], cat, 1, 1000L + p);
        }
      }
      List<String> raw = new ArrayList<>();
      raw.add("<pad>");
      for (int i = 1; i <= n; i++) raw.add("i" + i);
      w.writeItems(raw, categories, texts);
      List<String> cn = new ArrayList<>();
      cn.add("<pad>");
      for (int c = 1; c <= numCategories; c++) cn.add("c" + c);
      w.writeCategories(cn);
      w.finish("test", List.of(), Map.of(), Map.of("items", (long) n, "categories", (long) numCategories),
          List.of("pv"), null);
    }
    return PreparedDataset.open(dir);
  }
}
