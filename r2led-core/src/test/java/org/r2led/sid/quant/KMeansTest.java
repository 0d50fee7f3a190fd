package org.r2led.sid.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansTest {
  /** {@code clusters} tight blobs around far-apart centres; labels[i] = true blob of row i. */
  static float[] blobs(int n, int dim, int clusters, long seed, int[] labels) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] centres = new float[clusters * dim];
    for (int c = 0; c < clusters; c++) centres[c * dim + (c % dim)] = 10f * (1 + c / dim);
    float[] x = new float[n * dim];
    for (int i = 0; i < n; i++) {
      int c = i % clusters;
      labels[i] = c;
      for (int t = 0; t < dim; t++) x[i * dim + t] = centres[c * dim + t] + (float) (r.nextDouble() - 0.5);
    }
    return x;
  }

  @Test
  void recoversWellSeparatedClusters() {
    int n = 600, dim = 7, k = 6;
    int[] labels = new int[n];
    float[] x = blobs(n, dim, k, 3, labels);
    try (Parallel par = new Parallel(2)) {
      KMeans.Result r = KMeans.fit(x, n, dim, KMeans.Config.of(k, 11), par);
      // a bijection between found clusters and true blobs
      Map<Integer, Integer> map = new HashMap<>();
      for (int i = 0; i < n; i++) {
        Integer prev = map.putIfAbsent(r.assignment()[i], labels[i]);
        if (prev != null) assertEquals(prev, labels[i], "cluster " + r.assignment()[i] + " mixes blobs");
      }
      assertEquals(k, map.size());
      assertEquals(k, map.values().stream().distinct().count());
      // inertia = sum of squared distances to the assigned centroid, checked by brute force
      double brute = 0;
      for (int i = 0; i < n; i++) {
        int c = r.assignment()[i];
        for (int t = 0; t < dim; t++) {
          double d = x[i * dim + t] - r.centroids()[c * dim + t];
          brute += d * d;
        }
      }
      assertEquals(brute, r.inertia(), 1e-3 * brute);
    }
  }

  @Test
  void assignmentMatchesBruteForceNearestCentroid() {
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 203, dim = 13, k = 17; // n not a multiple of the 4-row block
    float[] x = new float[n * dim];
    float[] c = new float[k * dim];
    for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextDouble();
    for (int i = 0; i < c.length; i++) c[i] = (float) rnd.nextDouble();
    int[] a = new int[n];
    float[] d = new float[n];
    try (Parallel par = new Parallel(2)) {
      KMeans.assign(x, n, dim, c, k, a, d, par);
    }
    for (int i = 0; i < n; i++) {
      int best = -1;
      double bestD = Double.MAX_VALUE;
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int t = 0; t < dim; t++) s += Math.pow(x[i * dim + t] - c[j * dim + t], 2);
        if (s < bestD - 1e-9) {
          bestD = s;
          best = j;
        }
      }
      assertEquals(best, a[i], "row " + i);
      assertEquals(bestD, d[i], 1e-4);
    }
  }

  @Test
  void deterministicBySeedAndIndependentOfThreads() {
    int n = 3000, dim = 16, k = 32;
    SplittableRandom rnd = new SplittableRandom(1);
    float[] x = new float[n * dim];
    for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextDouble();
    KMeans.Config cfg = new KMeans.Config(k, 25, 1e-4, 40, 7); // 40 per centroid: trains on a sample
    KMeans.Result a, b, c, other;
    try (Parallel one = new Parallel(1); Parallel two = new Parallel(2)) {
      a = KMeans.fit(x, n, dim, cfg, two);
      b = KMeans.fit(x, n, dim, cfg, two);
      c = KMeans.fit(x, n, dim, cfg, one);
      other = KMeans.fit(x, n, dim, new KMeans.Config(k, 25, 1e-4, 40, 8), two);
    }
    assertEquals(1280, a.trainingPoints());
    assertArrayEquals(a.assignment(), b.assignment());
    assertArrayEquals(a.centroids(), b.centroids());
    assertArrayEquals(a.assignment(), c.assignment());
    assertArrayEquals(a.centroids(), c.centroids());
    assertNotEquals(java.util.Arrays.toString(a.centroids()), java.util.Arrays.toString(other.centroids()));
  }

  @Test
  void emptyClusterIsRefoundedByTheFarthestPointOfTheLargestCluster() {
    // 1-d points; cluster 0 holds {0, 1, 2, 9}, cluster 1 holds {20}, cluster 2 is empty
    float[] x = {0, 1, 2, 9, 20};
    int[] assign = {0, 0, 0, 0, 1};
    float[] dist = {9, 4, 1, 36, 0}; // squared distances to the old centroid 3 of cluster 0
    float[] centroids = new float[3];
    int repairs = KMeans.update(x, 5, 1, 3, assign, dist, centroids, new double[3], new int[3]);
    assertEquals(1, repairs);
    assertArrayEquals(new int[] {0, 0, 0, 2, 1}, assign);
    assertArrayEquals(new float[] {1, 20, 9}, centroids);
  }

  @Test
  void moreClustersThanPointsIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      try (Parallel par = new Parallel(1)) {
        KMeans.fit(new float[6], 3, 2, KMeans.Config.of(4, 1), par);
      }
    });
    assertTrue(e.getMessage().contains("cannot make 4 clusters from 3 points"), e.getMessage());
  }
}
