package org.r2led.sid.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.sid.TinyDatasets;
import org.r2led.sid.quant.Quantization;
import org.r2led.sid.quant.RqKMeansQuantizer;

class CooccurrenceEmbedderTest {
  @TempDir Path dir;

  @Test
  void itemsOfTwoCommunitiesGetSeparateLevelOneCodes() {
    // 40 items in one category; users 0..9 only see items 1..20, users 10..19 only 21..40.
    int n = 40;
    List<int[]> cats = new ArrayList<>();
    cats.add(new int[0]);
    for (int i = 1; i <= n; i++) cats.add(new int[] {1});
    SplittableRandom r = new SplittableRandom(9);
    int[][] seqs = new int[20][];
    for (int u = 0; u < 20; u++) {
      int base = u < 10 ? 0 : 20;
      seqs[u] = new int[30];
      for (int p = 0; p < 29; p++) seqs[u][p] = base + 1 + r.nextInt(20);
      seqs[u][29] = 20 - base + 1 + r.nextInt(20); // a cross-community event, in the test tail
    }
    // samples (targets) start at position 25: only the 25 warm-up events per user are label-free
    PreparedDataset ds = TinyDatasets.write(dir, cats, 1, null, seqs, 1, 25);
    ItemEmbeddings e = new CooccurrenceEmbedder(new CooccurrenceEmbedder.Config(3, 4, 4, 0.5, 30, 1, 2)).embed(ds);
    assertEquals(1 + 4, e.dim()); // one-hot of the single category + 4 co-occurrence dims
    assertEquals(20L * 25, ((Number) e.details().get("eventsUsed")).longValue()); // target events excluded
    assertEquals(20L * 30, ((Number) e.details().get("eventsTotal")).longValue());
    Quantization q = new RqKMeansQuantizer(new int[] {2}, 1, 1).quantize(e.itemMatrix(), n, e.dim(), null);
    for (int i = 1; i < 20; i++) assertEquals(q.code(0, 0), q.code(i, 0), "item " + (i + 1));
    for (int i = 21; i < 40; i++) assertEquals(q.code(20, 0), q.code(i, 0), "item " + (i + 1));
    assertNotEquals(q.code(0, 0), q.code(20, 0));
  }
}
