package org.r2led.seqrec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.r2led.data.PreparedDatasetWriter;
import org.r2led.data.Split;

/** A small next-item dataset for tests: 40 users walking a catalog of 30 items in steps of +1; items with text, odd items tagged. */
public final class SeqRecTestData {
  /** Items in the catalog. */
  public static final int ITEMS = 30;

  private SeqRecTestData() {}

  /** Writes the dataset into {@code d}; returns {@code d}. */
  public static Path write(Path d) {
    try (PreparedDatasetWriter w = new PreparedDatasetWriter(d, false)) {
      for (int u = 0; u < 40; u++) {
        w.beginUser("u" + u);
        for (int p = 0; p < 9; p++) {
          int it = 1 + (u + p) % ITEMS;
          w.addSample(Split.TRAIN, p, it, 1 + it % 3, 1, 100L + p, Float.NaN);
          w.addEvent(it, 1 + it % 3, 1, 100L + p);
        }
      }
      List<String> raw = new ArrayList<>(List.of("<pad>"));
      List<int[]> cats = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      cats.add(new int[0]);
      texts.add("");
      for (int i = 1; i <= ITEMS; i++) {
        raw.add("i" + i);
        cats.add(new int[] {1 + i % 3});
        texts.add("Movie " + i + " (2000). Genres: g" + (i % 3) + (i % 2 == 1 ? ". Tags: tag" + (i % 5) + ", fun." : "."));
      }
      w.writeItems(raw, cats, texts);
      w.writeCategories(List.of("<pad>", "c1", "c2", "c3"));
      w.finish("synthetic", List.of(), Map.of(), Map.of("items", (long) ITEMS, "categories", 3L), List.of("click"), null);
    }
    return d;
  }
}
