package org.r2led.sid.quant;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded k-means on flat row-major float matrices: k-means++ seeding (on a sample), Lloyd
 * iterations on a training sample until the relative inertia change falls below a tolerance or an
 * iteration cap, empty-cluster repair (the farthest point of the largest cluster founds the empty
 * cluster), then one assignment pass over all points.
 *
 * <p>Results are deterministic for a seed and do not depend on the thread count: work is split into
 * fixed chunks and every reduction runs in a fixed order. Distances are squared Euclidean; ties go to
 * the lowest centroid index.
 */
public final class KMeans {
  private KMeans() {}

  /**
   * Parameters.
   *
   * @param k number of clusters (1..n)
   * @param maxIterations cap on Lloyd iterations
   * @param tolerance stop when {@code (previousInertia - inertia) <= tolerance * previousInertia}
   * @param maxPointsPerCentroid training sample size is {@code min(n, k * maxPointsPerCentroid)} (0 = all points)
   * @param seed random seed (sampling and seeding)
   */
  public record Config(int k, int maxIterations, double tolerance, int maxPointsPerCentroid, long seed) {
    public Config {
      if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
      if (maxIterations < 0) throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
      if (tolerance < 0) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
      if (maxPointsPerCentroid < 0) throw new IllegalArgumentException("maxPointsPerCentroid must be >= 0");
    }

    /** Defaults: 25 iterations, tolerance 1e-4, at most 256 training points per centroid. */
    public static Config of(int k, long seed) {
      return new Config(k, 25, 1e-4, 256, seed);
    }
  }

  /**
   * Outcome.
   *
   * @param k clusters
   * @param dim vector dimension
   * @param centroids row-major {@code k × dim}
   * @param assignment cluster of each input row (0-based), length n
   * @param sqDistance squared distance of each row to its centroid, length n
   * @param inertia sum of {@code sqDistance}
   * @param iterations Lloyd iterations run
   * @param repairs empty clusters re-founded during training
   * @param trainingPoints rows used to fit the centroids
   */
  public record Result(int k, int dim, float[] centroids, int[] assignment, float[] sqDistance, double inertia,
      int iterations, int repairs, int trainingPoints) {}

  private static final int CHUNK = 512;

  /** Clusters the {@code n} rows of {@code x} (row-major {@code n × dim}). */
  public static Result fit(float[] x, int n, int dim, Config cfg, Parallel par) {
    int k = cfg.k();
    if (n < 1) throw new IllegalArgumentException("k-means needs at least one point");
    if (k > n) {
      throw new IllegalArgumentException("cannot make " + k + " clusters from " + n
          + " points: the codebook size must not exceed the number of items");
    }
    if (x.length < (long) n * dim) throw new IllegalArgumentException("x has " + x.length + " floats; need n*dim = " + (long) n * dim);
    SplittableRandom rnd = new SplittableRandom(cfg.seed());

    // Training sample (sorted row indices) or all rows.
    int m = cfg.maxPointsPerCentroid() == 0 ? n : (int) Math.min(n, (long) k * cfg.maxPointsPerCentroid());
    float[] train = m == n ? x : gatherRows(x, dim, sampleIndices(n, m, rnd));

    // k-means++ on at most 64 points per centroid of the training sample
    int ms = (int) Math.min(m, 64L * k);
    float[] centroids = ms == m ? seedPlusPlus(train, m, dim, k, rnd, par)
        : seedPlusPlus(gatherRows(train, dim, sampleIndices(m, ms, rnd)), ms, dim, k, rnd, par);
    int[] assign = new int[m];
    float[] dist = new float[m];
    double inertia = assign(train, m, dim, centroids, k, assign, dist, par);
    int iterations = 0;
    int repairs = 0;
    double[] sums = new double[k * dim];
    int[] counts = new int[k];
    for (int it = 0; it < cfg.maxIterations(); it++) {
      repairs += update(train, m, dim, k, assign, dist, centroids, sums, counts);
      int[] prev = assign.clone();
      double previous = inertia;
      inertia = assign(train, m, dim, centroids, k, assign, dist, par);
      iterations++;
      if (Arrays.equals(prev, assign) || previous - inertia <= cfg.tolerance() * previous) break;
    }
    int[] allAssign;
    float[] allDist;
    if (train == x) {
      allAssign = assign;
      allDist = dist;
    } else {
      allAssign = new int[n];
      allDist = new float[n];
      inertia = assign(x, n, dim, centroids, k, allAssign, allDist, par);
    }
    return new Result(k, dim, centroids, allAssign, allDist, inertia, iterations, repairs, m);
  }

  /** {@code m} distinct row indices of {@code [0, n)} in increasing order (seeded partial shuffle). */
  static int[] sampleIndices(int n, int m, SplittableRandom rnd) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int i = 0; i < m; i++) {
      int j = i + rnd.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] idx = Arrays.copyOf(perm, m);
    Arrays.sort(idx);
    return idx;
  }

  static float[] gatherRows(float[] x, int dim, int[] rows) {
    float[] out = new float[rows.length * dim];
    for (int i = 0; i < rows.length; i++) System.arraycopy(x, rows[i] * dim, out, i * dim, dim);
    return out;
  }

  /**
   * k-means++ (D² sampling) over the {@code m} rows of {@code x}. Squared distances to each new centre
   * are accumulated over a transposed copy of the rows so the inner loop vectorizes.
   */
  static float[] seedPlusPlus(float[] x, int m, int dim, int k, SplittableRandom rnd, Parallel par) {
    float[][] xt = new float[dim][m];
    for (int i = 0; i < m; i++) for (int t = 0; t < dim; t++) xt[t][i] = x[i * dim + t];
    float[] c = new float[k * dim];
    int first = rnd.nextInt(m);
    System.arraycopy(x, first * dim, c, 0, dim);
    float[] d2 = new float[m];
    float[] acc = new float[m];
    java.util.Arrays.fill(d2, Float.POSITIVE_INFINITY);
    for (int j = 1; j < k; j++) {
      final int prevOff = (j - 1) * dim;
      par.forChunks(m, CHUNK * 2, (chunk, from, to) -> {
        java.util.Arrays.fill(acc, from, to, 0f);
        for (int t = 0; t < dim; t++) sqDiffAdd(acc, xt[t], from, to, c[prevOff + t]);
        for (int i = from; i < to; i++) if (acc[i] < d2[i]) d2[i] = acc[i];
      });
      double total = 0;
      for (int i = 0; i < m; i++) total += d2[i];
      int pick;
      if (total <= 0) {
        pick = rnd.nextInt(m); // fewer distinct points than k: duplicates are repaired later
      } else {
        double r = rnd.nextDouble() * total;
        pick = m - 1;
        double cum = 0;
        for (int i = 0; i < m; i++) {
          cum += d2[i];
          if (cum > r) {
            pick = i;
            break;
          }
        }
      }
      System.arraycopy(x, pick * dim, c, j * dim, dim);
    }
    return c;
  }

  /** {@code acc[i] += (row[i] - c)²} for {@code from <= i < to} (one index for both: vectorizes). */
  private static void sqDiffAdd(float[] acc, float[] row, int from, int to, float c) {
    for (int i = from; i < to; i++) {
      float v = row[i] - c;
      acc[i] += v * v;
    }
  }

  /**
   * Assigns each of the {@code n} rows of {@code x} to its nearest centroid; fills {@code assign} and
   * {@code dist} and returns the inertia.
   */
  public static double assign(float[] x, int n, int dim, float[] centroids, int k, int[] assign, float[] dist,
      Parallel par) {
    // Transposed centroids, one array per dimension: the inner loop a[c] += s * w[c] then uses one
    // index for both arrays, which the JIT vectorizes (offset indexing defeats its alias analysis).
    float[][] ct = new float[dim][k];
    float[] cn = new float[k];
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int t = 0; t < dim; t++) {
        float v = centroids[c * dim + t];
        ct[t][c] = v;
        s += (double) v * v;
      }
      cn[c] = (float) s;
    }
    int chunks = Parallel.chunkCount(n, CHUNK);
    double[] partial = new double[chunks];
    par.forChunks(n, CHUNK, (chunk, from, to) -> {
      float[] a0 = new float[k], a1 = new float[k], a2 = new float[k], a3 = new float[k];
      double sum = 0;
      int i = from;
      for (; i + 4 <= to; i += 4) {
        Arrays.fill(a0, 0f);
        Arrays.fill(a1, 0f);
        Arrays.fill(a2, 0f);
        Arrays.fill(a3, 0f);
        int o = i * dim;
        for (int t = 0; t < dim; t++) {
          axpy4(a0, a1, a2, a3, ct[t], x[o + t], x[o + dim + t], x[o + 2 * dim + t], x[o + 3 * dim + t], k);
        }
        sum += pick(x, i, dim, cn, a0, k, assign, dist);
        sum += pick(x, i + 1, dim, cn, a1, k, assign, dist);
        sum += pick(x, i + 2, dim, cn, a2, k, assign, dist);
        sum += pick(x, i + 3, dim, cn, a3, k, assign, dist);
      }
      for (; i < to; i++) {
        Arrays.fill(a0, 0f);
        int o = i * dim;
        for (int t = 0; t < dim; t++) axpy1(a0, ct[t], x[o + t], k);
        sum += pick(x, i, dim, cn, a0, k, assign, dist);
      }
      partial[chunk] = sum;
    });
    double inertia = 0;
    for (double p : partial) inertia += p;
    return inertia;
  }

  private static void axpy4(float[] a0, float[] a1, float[] a2, float[] a3, float[] w, float s0, float s1,
      float s2, float s3, int k) {
    for (int c = 0; c < k; c++) {
      float v = w[c];
      a0[c] += s0 * v;
      a1[c] += s1 * v;
      a2[c] += s2 * v;
      a3[c] += s3 * v;
    }
  }

  private static void axpy1(float[] a, float[] w, float s, int k) {
    for (int c = 0; c < k; c++) a[c] += s * w[c];
  }

  /** Picks the nearest centroid from dot products {@code dots}; returns the squared distance. */
  private static float pick(float[] x, int i, int dim, float[] cn, float[] dots, int k, int[] assign, float[] dist) {
    int best = 0;
    float bestV = cn[0] - 2 * dots[0];
    for (int c = 1; c < k; c++) {
      float v = cn[c] - 2 * dots[c];
      if (v < bestV) {
        bestV = v;
        best = c;
      }
    }
    float xn = 0;
    int o = i * dim;
    for (int t = 0; t < dim; t++) xn += x[o + t] * x[o + t];
    float d = Math.max(0f, xn + bestV);
    assign[i] = best;
    dist[i] = d;
    return d;
  }

  /**
   * Recomputes centroids as cluster means; re-founds each empty cluster with the farthest point of
   * the currently largest cluster. Returns the number of repairs.
   */
  static int update(float[] x, int n, int dim, int k, int[] assign, float[] dist, float[] centroids, double[] sums,
      int[] counts) {
    Arrays.fill(sums, 0);
    Arrays.fill(counts, 0);
    for (int i = 0; i < n; i++) {
      int c = assign[i];
      counts[c]++;
      int so = c * dim;
      int xo = i * dim;
      for (int t = 0; t < dim; t++) sums[so + t] += x[xo + t];
    }
    int repairs = 0;
    for (int e = 0; e < k; e++) {
      if (counts[e] > 0) continue;
      int largest = 0;
      for (int c = 1; c < k; c++) if (counts[c] > counts[largest]) largest = c;
      if (counts[largest] < 2) break; // cannot split a singleton: fewer distinct rows than clusters
      int far = -1;
      for (int i = 0; i < n; i++) {
        if (assign[i] == largest && (far < 0 || dist[i] > dist[far])) far = i;
      }
      int xo = far * dim;
      for (int t = 0; t < dim; t++) {
        sums[largest * dim + t] -= x[xo + t];
        sums[e * dim + t] = x[xo + t];
      }
      counts[largest]--;
      counts[e] = 1;
      assign[far] = e;
      dist[far] = 0;
      repairs++;
    }
    for (int c = 0; c < k; c++) {
      if (counts[c] == 0) continue; // left unchanged (degenerate input)
      int so = c * dim;
      for (int t = 0; t < dim; t++) centroids[so + t] = (float) (sums[so + t] / counts[c]);
    }
    return repairs;
  }
}
