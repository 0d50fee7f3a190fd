package org.r2led.recall.model;

import java.util.Arrays;
import org.r2led.nextitem.NextItemData;
import org.r2led.recall.Retriever;
import org.r2led.recall.ann.Hits;
import org.r2led.recall.ann.TopScores;

/** Most-popular baseline: every user gets the items with the most training positives (ties: smaller id). */
public final class PopularRetriever implements Retriever {
  private final int[] ranked;
  private final float[] counts;

  public PopularRetriever(NextItemData data) {
    long[] c = data.trainItemCounts();
    int n = data.numItems();
    int[] ids = new int[n];
    float[] s = new float[n];
    for (int i = 0; i < n; i++) { ids[i] = i + 1; s[i] = c[i + 1]; }
    Hits all = TopScores.of(ids, s, n);
    this.ranked = all.ids();
    this.counts = all.scores();
  }

  @Override
  public String name() { return "popular"; }

  @Override
  public Hits retrieve(int[] items, int[] categories, int n) {
    int k = Math.min(n, ranked.length);
    return new Hits(Arrays.copyOf(ranked, k), Arrays.copyOf(counts, k));
  }
}
