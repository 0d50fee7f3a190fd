package org.r2led.sid.embed;

/**
 * Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations.
 * Eigenvalues are returned in decreasing order with matching eigenvector columns.
 */
public final class SymmetricEigen {
  /** Eigenvalues, decreasing. */
  public final double[] values;
  /** Eigenvectors as columns: {@code vectors[row][k]} belongs to {@code values[k]}. */
  public final double[][] vectors;

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /** Decomposes the symmetric {@code r × r} matrix {@code a} (not modified). */
  public static SymmetricEigen of(double[][] a) {
    int r = a.length;
    double[][] m = new double[r][];
    for (int i = 0; i < r; i++) {
      if (a[i].length != r) throw new IllegalArgumentException("matrix must be square");
      m[i] = a[i].clone();
    }
    double[][] v = new double[r][r];
    for (int i = 0; i < r; i++) v[i][i] = 1;
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0, total = 0;
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          total += m[i][j] * m[i][j];
          if (i != j) off += m[i][j] * m[i][j];
        }
      }
      if (off <= 1e-24 * Math.max(total, 1e-300)) break;
      for (int p = 0; p < r - 1; p++) {
        for (int q = p + 1; q < r; q++) {
          double apq = m[p][q];
          if (Math.abs(apq) < 1e-300) continue;
          double theta = (m[q][q] - m[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) t = 1;
          double c = 1 / Math.sqrt(t * t + 1), s = t * c;
          for (int k = 0; k < r; k++) {
            double mkp = m[k][p], mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
          }
          for (int k = 0; k < r; k++) {
            double mpk = m[p][k], mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
          }
          for (int k = 0; k < r; k++) {
            double vkp = v[k][p], vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    Integer[] order = new Integer[r];
    for (int i = 0; i < r; i++) order[i] = i;
    java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
    double[] vals = new double[r];
    double[][] vecs = new double[r][r];
    for (int k = 0; k < r; k++) {
      vals[k] = m[order[k]][order[k]];
      for (int i = 0; i < r; i++) vecs[i][k] = v[i][order[k]];
    }
    return new SymmetricEigen(vals, vecs);
  }
}
