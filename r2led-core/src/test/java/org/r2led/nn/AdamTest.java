package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamTest {
  /** Dense reference Adam/AdamW (PyTorch formulas) in double precision over a whole array. */
  private static void referenceStep(double[] w, double[] m, double[] v, double[] g, int t, double lr, double wd,
      boolean decoupled) {
    double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    for (int i = 0; i < w.length; i++) {
      double gi = g[i];
      if (wd != 0 && !decoupled) gi += wd * w[i];
      if (wd != 0 && decoupled) w[i] *= 1 - lr * wd;
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      double mh = m[i] / (1 - Math.pow(b1, t));
      double vh = v[i] / (1 - Math.pow(b2, t));
      w[i] -= lr * mh / (Math.sqrt(vh) + eps);
    }
  }

  private void sparseEqualsDenseOnTouchedRows(boolean decoupled, double wd) {
    int rows = 50, dim = 4;
    ParamStore store = new ParamStore(3);
    Param table = store.embedding("t", rows, dim, 0.1);
    Param dense = store.dense("w", Init.XAVIER_UNIFORM, 3, 2);
    Adam adam = new Adam(store, new Adam.Settings(0.9, 0.999, 1e-8, wd, wd, decoupled, 0));
    // touched rows: the same 7 rows every step, so the dense reference over those rows is exact
    int[] touched = {3, 9, 10, 17, 25, 40, 49};
    double[][] refW = new double[touched.length][dim];
    double[][] refM = new double[touched.length][dim];
    double[][] refV = new double[touched.length][dim];
    for (int k = 0; k < touched.length; k++) {
      for (int j = 0; j < dim; j++) refW[k][j] = table.values()[touched[k] * dim + j];
    }
    double[] dW = new double[dense.size()];
    double[] dM = new double[dense.size()];
    double[] dV = new double[dense.size()];
    for (int i = 0; i < dW.length; i++) dW[i] = dense.values()[i];
    float[] before = table.values().clone();
    SplittableRandom r = new SplittableRandom(5);
    for (int t = 1; t <= 20; t++) {
      UniqueIds ids = new UniqueIds(8);
      for (int row : touched) ids.add(row);
      float[] g = new float[touched.length * dim];
      for (int i = 0; i < g.length; i++) g[i] = (float) r.nextGaussian();
      float[] gd = new float[dense.size()];
      for (int i = 0; i < gd.length; i++) gd[i] = (float) r.nextGaussian();
      for (int k = 0; k < touched.length; k++) {
        double[] gk = new double[dim];
        for (int j = 0; j < dim; j++) gk[j] = g[k * dim + j];
        referenceStep(refW[k], refM[k], refV[k], gk, t, 0.01, wd, decoupled);
      }
      double[] gdd = new double[gd.length];
      for (int i = 0; i < gd.length; i++) gdd[i] = gd[i];
      referenceStep(dW, dM, dV, gdd, t, 0.01, wd, decoupled);
      adam.update(new Gradients(List.of(new Gradients.Dense(dense, gd)), List.of(new Gradients.Sparse(table, ids, g))), 0.01);
    }
    for (int k = 0; k < touched.length; k++) {
      for (int j = 0; j < dim; j++) assertEquals(refW[k][j], table.values()[touched[k] * dim + j], 1e-5);
    }
    for (int i = 0; i < dW.length; i++) assertEquals(dW[i], dense.values()[i], 1e-5);
    java.util.Set<Integer> t = new java.util.HashSet<>();
    for (int x : touched) t.add(x);
    for (int row = 0; row < rows; row++) {
      if (t.contains(row)) continue;
      for (int j = 0; j < dim; j++) assertEquals(before[row * dim + j], table.values()[row * dim + j], 0.0, "row " + row);
    }
  }

  @Test
  void sparseAdamEqualsDenseReferenceOnTouchedRowsAndLeavesOthersUntouched() {
    sparseEqualsDenseOnTouchedRows(false, 0);
  }

  @Test
  void sparseAdamWithL2AndAdamWMatchReference() {
    sparseEqualsDenseOnTouchedRows(false, 0.01);
    sparseEqualsDenseOnTouchedRows(true, 0.05);
  }

  @Test
  void clipsByGlobalNorm() {
    ParamStore store = new ParamStore(1);
    Param a = store.dense("a", Init.ZEROS, 2);
    Param b = store.dense("b", Init.ZEROS, 1);
    Adam adam = new Adam(store, new Adam.Settings(0.9, 0.999, 1e-8, 0, 0, false, 1.0));
    float[] ga = {3, 0};
    float[] gb = {4};
    Gradients g = new Gradients(List.of(new Gradients.Dense(a, ga), new Gradients.Dense(b, gb)), List.of());
    assertEquals(5.0, adam.update(g, 0.1), 1e-9);
    // clipped to norm 1: (0.6, 0, 0.8)
    assertArrayEquals(new float[] {0.6f, 0f}, ga, 1e-5f);
    assertArrayEquals(new float[] {0.8f}, gb, 1e-5f);
  }

  @Test
  void tableScopeRegularizesUntouchedRowsToo() {
    for (boolean table : new boolean[] {false, true}) {
      ParamStore store = new ParamStore(5);
      Param t = store.embedding("t", 4, 2, 0.5);
      float[] before = t.values().clone();
      Adam adam = new Adam(store, new Adam.Settings(0.9, 0.999, 1e-8, 0, 0.1, false, 0), table);
      UniqueIds ids = new UniqueIds(4);
      ids.add(1);
      adam.update(new Gradients(List.of(), List.of(new Gradients.Sparse(t, ids, new float[] {0.5f, -0.5f}))), 0.01);
      // untouched rows 2 and 3 move only with the whole-table scope, and towards 0
      for (int j = 0; j < 2; j++) {
        for (int row = 2; row < 4; row++) {
          float b = before[row * 2 + j];
          float a = t.values()[row * 2 + j];
          if (table) org.junit.jupiter.api.Assertions.assertTrue(Math.abs(a) < Math.abs(b), "row " + row + ": " + b + " -> " + a);
          else assertEquals(b, a, 0f);
        }
      }
    }
  }
}
