package org.r2led.recall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.r2led.recall.ann.CatalogIndex;
import org.r2led.recall.ann.ExactIndex;
import org.r2led.recall.ann.Hits;
import org.r2led.recall.ann.HnswIndex;
import org.r2led.recall.ann.HnswSettings;

class HnswVsExactTest {
  private static final int DIM = 17;

  private static float[] vectors(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n * DIM];
    for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
    for (int i = 0; i < n; i++) v[i * DIM + DIM - 1] = (float) (0.3 * r.nextGaussian()); // a bias-like column
    return v;
  }

  @Test
  void hnswRecallAgainstExactIsAtLeast95Percent() {
    int n = 3000;
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) ids[i] = i + 1;
    float[] v = vectors(n, 11);
    HnswIndex hnsw = new HnswIndex(ids, v, DIM, new HnswSettings(16, 200, 200, 0, 5));
    ExactIndex exact = new ExactIndex(ids, v, DIM);
    SplittableRandom r = new SplittableRandom(12);
    int k = 50;
    long found = 0;
    long total = 0;
    for (int q = 0; q < 100; q++) {
      float[] query = new float[DIM];
      for (int j = 0; j < DIM; j++) query[j] = (float) r.nextGaussian();
      Set<Integer> truth = new HashSet<>();
      for (int id : exact.search(query, k).ids()) truth.add(id);
      Hits h = hnsw.search(query, k);
      for (int id : h.ids()) if (truth.contains(id)) found++;
      total += k;
      for (int j = 1; j < h.size(); j++) assertTrue(h.scores()[j - 1] >= h.scores()[j], "hits not sorted");
    }
    double recall = (double) found / total;
    assertTrue(recall >= 0.95, "HNSW recall@50 vs exact = " + recall);
  }

  @Test
  void categorySearchStaysInCategoryAndSmallSetsAreExact() {
    int n = 400;
    float[] v = vectors(n + 1, 3);
    int[] cat = new int[n + 1];
    for (int i = 1; i <= n; i++) cat[i] = 1 + i % 4;
    CatalogIndex approx = new CatalogIndex(v, DIM, cat, 4, new HnswSettings(16, 100, 100, 50, 1), false);
    CatalogIndex exact = new CatalogIndex(v, DIM, cat, 4, HnswSettings.defaults(), true);
    float[] q = new float[DIM];
    q[0] = 1f;
    for (int c = 1; c <= 4; c++) {
      Hits h = approx.searchCategory(c, q, 20);
      for (int id : h.ids()) assertTrue(cat[id] == c, "item " + id + " is not in category " + c);
    }
    // categories of 100 items are below exactBelow = 50? no: they use HNSW; with exactBelow above their size they are exact
    CatalogIndex exactSmall = new CatalogIndex(v, DIM, cat, 4, new HnswSettings(16, 100, 100, 1000, 1), false);
    assertArrayEquals(exact.searchCategory(2, q, 20).ids(), exactSmall.searchCategory(2, q, 20).ids());
  }
}
