package org.r2led.sid.embed;

import java.util.SplittableRandom;
import org.r2led.sid.quant.Parallel;

/**
 * Spectral embedding of a co-occurrence graph: the leading non-trivial eigenvectors of the
 * regularized normalized adjacency {@code M = Dτ^-1/2 (C + τ/n·11ᵀ) Dτ^-1/2} ({@code Dτ = D + τI},
 * {@code τ} = mean degree; the regularization keeps tiny disconnected groups from taking over the
 * spectrum), computed by randomized subspace iteration on {@code (M + I)/2} with a Rayleigh–Ritz
 * step. The trivial top eigenvector is dropped; each remaining eigenvector is scaled by its
 * eigenvalue (one diffusion step), and rows are L2-normalized. Ids with no co-occurrence get a zero
 * row. Deterministic for a seed.
 */
public final class SpectralEmbedding {
  private SpectralEmbedding() {}

  private static final int CHUNK = 2048;

  /**
   * @param dim output dimension ({@code <= n - 1}; smaller is used when the graph is tiny)
   * @param iterations subspace iterations (accuracy of the leading eigenvectors)
   * @return row-major {@code (n+1) × dim'} with row 0 zero, where {@code dim' = min(dim, n - 1)};
   *     length / (n+1) gives dim'
   */
  public static float[] embed(Cooccurrence c, int dim, int iterations, long seed, Parallel par) {
    int n = c.n();
    int d = Math.max(1, Math.min(dim, n - 1));
    int r = Math.min(n, d + 1 + 8);
    double[] deg = new double[n];
    double total = 0;
    for (int a = 1; a <= n; a++) {
      deg[a - 1] = c.degree(a);
      total += deg[a - 1];
    }
    double tau = Math.max(total / n, 1e-9);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) s[i] = 1 / Math.sqrt(deg[i] + tau);

    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] q = new double[r][n];
    for (double[] col : q) for (int i = 0; i < n; i++) col[i] = rnd.nextDouble() - 0.5;
    orthonormalize(q, rnd);
    for (int it = 0; it < iterations; it++) {
      double[][] z = apply(c, s, tau, q, par);
      for (int k = 0; k < r; k++) for (int i = 0; i < n; i++) z[k][i] = 0.5 * (z[k][i] + q[k][i]);
      q = z;
      orthonormalize(q, rnd);
    }
    double[][] mq = apply(c, s, tau, q, par);
    double[][] b = new double[r][r];
    for (int x = 0; x < r; x++) {
      for (int y = x; y < r; y++) {
        double dot = 0;
        for (int i = 0; i < n; i++) dot += q[x][i] * mq[y][i];
        b[x][y] = dot;
        b[y][x] = dot;
      }
    }
    SymmetricEigen eig = SymmetricEigen.of(b);
    float[] out = new float[(n + 1) * d];
    for (int i = 0; i < n; i++) {
      if (deg[i] == 0) continue;
      double norm = 0;
      double[] row = new double[d];
      for (int k = 0; k < d; k++) {
        int ev = k + 1; // skip the trivial leading eigenvector
        double v = 0;
        for (int x = 0; x < r; x++) v += q[x][i] * eig.vectors[x][ev];
        v *= eig.values[ev];
        row[k] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      if (norm == 0) continue;
      for (int k = 0; k < d; k++) out[(i + 1) * d + k] = (float) (row[k] / norm);
    }
    return out;
  }

  /** {@code M q} for each column of {@code q} (columns indexed by node-1). */
  private static double[][] apply(Cooccurrence c, double[] s, double tau, double[][] q, Parallel par) {
    int r = q.length;
    int n = s.length;
    double[] ones = new double[r];
    for (int k = 0; k < r; k++) {
      double sum = 0;
      for (int j = 0; j < n; j++) sum += s[j] * q[k][j];
      ones[k] = sum * tau / n;
    }
    double[][] z = new double[r][n];
    par.forChunks(n, CHUNK, (chunk, from, to) -> {
      double[] acc = new double[r];
      for (int i = from; i < to; i++) {
        java.util.Arrays.fill(acc, 0);
        for (int e = c.rowStart(i + 1); e < c.rowEnd(i + 1); e++) {
          int j = c.col(e) - 1;
          double w = c.val(e) * s[j];
          for (int k = 0; k < r; k++) acc[k] += w * q[k][j];
        }
        for (int k = 0; k < r; k++) z[k][i] = s[i] * (acc[k] + ones[k]);
      }
    });
    return z;
  }

  /** Modified Gram–Schmidt on the columns; a collapsed column is replaced by a fresh random one. */
  static void orthonormalize(double[][] q, SplittableRandom rnd) {
    int n = q[0].length;
    for (int k = 0; k < q.length; k++) {
      for (int attempt = 0; ; attempt++) {
        double before = norm(q[k]);
        for (int j = 0; j < k; j++) {
          double dot = 0;
          for (int i = 0; i < n; i++) dot += q[j][i] * q[k][i];
          for (int i = 0; i < n; i++) q[k][i] -= dot * q[j][i];
        }
        double after = norm(q[k]);
        if (after > 1e-10 * Math.max(before, 1e-300) && after > 1e-300) {
          for (int i = 0; i < n; i++) q[k][i] /= after;
          break;
        }
        if (attempt > 10) throw new IllegalStateException("cannot orthonormalize: rank too low");
        for (int i = 0; i < n; i++) q[k][i] = rnd.nextDouble() - 0.5;
      }
    }
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }
}
