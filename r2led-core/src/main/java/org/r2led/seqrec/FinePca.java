package org.r2led.seqrec;

import org.r2led.sid.embed.SymmetricEigen;

/**
 * Reduces the fine view's token vectors to their top principal components (frozen, deterministic): tokens are
 * centred by the mean token and projected on the leading eigenvectors of the token covariance, estimated on at
 * most {@link #SAMPLE} tokens taken at a fixed stride. Keeps the cross-attention over tokens affordable on CPU
 * (bge-small's 384 dimensions → {@code fine_dim}).
 */
final class FinePca {
  private FinePca() {}

  static final int SAMPLE = 20_000;

  /** The fine view with {@code dims} components, or {@code fine} itself when {@code dims} is 0 or not smaller. */
  static ItemViews.Fine reduce(ItemViews.Fine fine, int dims) {
    int e = fine.dim();
    int n = fine.data().length / e;
    if (dims <= 0 || dims >= e || n == 0) return fine;
    float[] x = fine.data();
    int stride = Math.max(1, n / SAMPLE);
    double[] mean = new double[e];
    int used = 0;
    for (int t = 0; t < n; t += stride, used++) for (int j = 0; j < e; j++) mean[j] += x[t * e + j];
    for (int j = 0; j < e; j++) mean[j] /= used;
    double[][] cov = new double[e][e];
    double[] c = new double[e];
    for (int t = 0; t < n; t += stride) {
      for (int j = 0; j < e; j++) c[j] = x[t * e + j] - mean[j];
      for (int a = 0; a < e; a++) {
        double ca = c[a];
        double[] row = cov[a];
        for (int b = a; b < e; b++) row[b] += ca * c[b];
      }
    }
    for (int a = 0; a < e; a++) for (int b = 0; b < a; b++) cov[a][b] = cov[b][a];
    SymmetricEigen eig = SymmetricEigen.of(cov);
    float[] out = new float[n * dims];
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < e; j++) c[j] = x[t * e + j] - mean[j];
      for (int k = 0; k < dims; k++) {
        double s = 0;
        for (int j = 0; j < e; j++) s += c[j] * eig.vectors[j][k];
        out[t * dims + k] = (float) s;
      }
    }
    return new ItemViews.Fine(fine.source() + ", top " + dims + " principal components", dims, fine.offsets(), out);
  }
}
