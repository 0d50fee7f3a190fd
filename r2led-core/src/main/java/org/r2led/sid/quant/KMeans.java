package org.r2led.sid.quant;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded k-means on flat row-major float matrices: k-means++ seeding (on a sample), Lloyd
 * iterations on a training sample until the relative inertia change falls below a tolerance or an
 * iteration cap (rows whose centroid provably stays the nearest are skipped, Hamerly's bounds),
 * empty-cluster repair (the farthest point of the largest cluster founds the empty cluster), then
 * one assignment pass over all points.
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

    /** Defaults: 25 iterations, tolerance 1e-4, at most 128 training points per centroid. */
    public static Config of(int k, long seed) {
      return new Config(k, 25, 1e-4, 128, seed);
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
    float[] lower = new float[m];
    double inertia = new Kernel(centroids, k, dim).run(train, m, assign, dist, lower, par);
    int iterations = 0;
    int repairs = 0;
    double[] sums = new double[k * dim];
    int[] counts = new int[k];
    for (int it = 0; it < cfg.maxIterations(); it++) {
      int[] prev = assign.clone();
      float[] old = centroids.clone();
      repairs += update(train, m, dim, k, assign, dist, centroids, sums, counts, lower);
      double previous = inertia;
      inertia = reassign(train, m, dim, k, old, centroids, assign, dist, lower, par);
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
    return new Kernel(centroids, k, dim).run(x, n, assign, dist, null, par);
  }

  /**
   * One Lloyd assignment step with Hamerly's bounds: a row keeps its centroid without a full search
   * when its exact distance to it is at most the larger of (a) half the distance from that centroid
   * to the nearest other one and (b) a lower bound on the distance to its second-nearest centroid
   * ({@code lower}, kept valid by subtracting centroid drift). The other rows get a full search.
   * Returns the inertia; {@code dist} is exact for every row afterwards.
   */
  static double reassign(float[] x, int n, int dim, int k, float[] old, float[] centroids, int[] assign, float[] dist,
      float[] lower, Parallel par) {
    float[] drift = new float[k];
    int far = 0;
    for (int c = 0; c < k; c++) {
      drift[c] = (float) Math.sqrt(sqDist(old, c * dim, centroids, c * dim, dim));
      if (drift[c] > drift[far]) far = c;
    }
    float max1 = drift[far], max2 = 0;
    for (int c = 0; c < k; c++) if (c != far) max2 = Math.max(max2, drift[c]);
    final int farC = far;
    final float m1 = max1, m2 = max2;
    float[] half = halfNearestCentroidDistance(centroids, k, dim, par);
    boolean[] active = new boolean[n];
    par.forChunks(n, CHUNK, (chunk, from, to) -> {
      for (int i = from; i < to; i++) {
        int a = assign[i];
        lower[i] -= a == farC ? m2 : m1;
        float d2 = (float) sqDist(x, i * dim, centroids, a * dim, dim);
        dist[i] = d2;
        float bound = Math.max(half[a], lower[i]) * (1 - 1e-4f); // margin for rounding
        active[i] = Math.sqrt(d2) > bound;
      }
    });
    int na = 0;
    for (boolean b : active) if (b) na++;
    if (na > 0) {
      int[] rows = new int[na];
      for (int i = 0, j = 0; i < n; i++) if (active[i]) rows[j++] = i;
      float[] sub = gatherRows(x, dim, rows);
      int[] sa = new int[na];
      float[] sd = new float[na], sl = new float[na];
      new Kernel(centroids, k, dim).run(sub, na, sa, sd, sl, par);
      for (int j = 0; j < na; j++) {
        assign[rows[j]] = sa[j];
        dist[rows[j]] = sd[j];
        lower[rows[j]] = sl[j];
      }
    }
    double inertia = 0;
    for (int i = 0; i < n; i++) inertia += dist[i];
    return inertia;
  }

  /** Per centroid, half the Euclidean distance to the nearest other centroid (infinite when k = 1). */
  static float[] halfNearestCentroidDistance(float[] centroids, int k, int dim, Parallel par) {
    float[] half = new float[k];
    int[] nearest = new int[k];
    float[] d2 = new float[k];
    if (k == 1) {
      half[0] = Float.POSITIVE_INFINITY;
      return half;
    }
    // the centroids searched against themselves: the nearest is the centroid itself, the second
    // nearest the closest other one
    float[] second = new float[k];
    new Kernel(centroids, k, dim).run(centroids, k, nearest, d2, second, par);
    for (int c = 0; c < k; c++) half[c] = 0.5f * second[c];
    return half;
  }

  static double sqDist(float[] a, int ao, float[] b, int bo, int dim) {
    double s = 0;
    for (int t = 0; t < dim; t++) {
      double v = a[ao + t] - b[bo + t];
      s += v * v;
    }
    return s;
  }

  /** Nearest-centroid search: centroids transposed once, rows processed four at a time. */
  private static final class Kernel {
    private final int k;
    private final int dim;
    private final float[][] ct;
    private final float[] cn;

    Kernel(float[] centroids, int k, int dim) {
      this.k = k;
      this.dim = dim;
      // Transposed centroids, one array per dimension: the inner loop a[c] += s * w[c] then uses one
      // index for both arrays, which the JIT vectorizes (offset indexing defeats its alias analysis).
      ct = new float[dim][k];
      cn = new float[k];
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int t = 0; t < dim; t++) {
          float v = centroids[c * dim + t];
          ct[t][c] = v;
          s += (double) v * v;
        }
        cn[c] = (float) s;
      }
    }

    /**
     * Fills {@code assign} and {@code dist} (squared) for the {@code n} rows of {@code x}; when
     * {@code second} is not null also the (non-squared) distance to the second-nearest centroid.
     */
    double run(float[] x, int n, int[] assign, float[] dist, float[] second, Parallel par) {
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
          sum += pick(x, i, a0, assign, dist, second);
          sum += pick(x, i + 1, a1, assign, dist, second);
          sum += pick(x, i + 2, a2, assign, dist, second);
          sum += pick(x, i + 3, a3, assign, dist, second);
        }
        for (; i < to; i++) {
          Arrays.fill(a0, 0f);
          int o = i * dim;
          for (int t = 0; t < dim; t++) axpy1(a0, ct[t], x[o + t], k);
          sum += pick(x, i, a0, assign, dist, second);
        }
        partial[chunk] = sum;
      });
      double inertia = 0;
      for (double p : partial) inertia += p;
      return inertia;
    }

    /** Picks the nearest centroid from dot products {@code dots}; returns the squared distance. */
    private float pick(float[] x, int i, float[] dots, int[] assign, float[] dist, float[] second) {
      int best = 0;
      float bestV = cn[0] - 2 * dots[0];
      float secondV = Float.POSITIVE_INFINITY;
      for (int c = 1; c < k; c++) {
        float v = cn[c] - 2 * dots[c];
        if (v < bestV) {
          secondV = bestV;
          bestV = v;
          best = c;
        } else if (v < secondV) {
          secondV = v;
        }
      }
      float xn = 0;
      int o = i * dim;
      for (int t = 0; t < dim; t++) xn += x[o + t] * x[o + t];
      float d = Math.max(0f, xn + bestV);
      assign[i] = best;
      dist[i] = d;
      if (second != null) second[i] = (float) Math.sqrt(Math.max(0f, xn + secondV));
      return d;
    }
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

  /**
   * Recomputes centroids as cluster means; re-founds each empty cluster with the farthest point of
   * the currently largest cluster. Returns the number of repairs.
   */
  static int update(float[] x, int n, int dim, int k, int[] assign, float[] dist, float[] centroids, double[] sums,
      int[] counts, float[] lower) {
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
      if (lower != null) lower[far] = 0; // unknown: forces a full search next step
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
