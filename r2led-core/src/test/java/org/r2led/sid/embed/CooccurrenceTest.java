package org.r2led.sid.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CooccurrenceTest {
  @Test
  void countsMatchBruteForce() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 30, w = 3;
    int[][] seqs = new int[40][];
    double[][] brute = new double[n + 1][n + 1];
    Cooccurrence.Builder b = new Cooccurrence.Builder(n, w);
    for (int u = 0; u < seqs.length; u++) {
      int[] s = new int[5 + r.nextInt(20)];
      for (int i = 0; i < s.length; i++) s[i] = 1 + r.nextInt(n);
      seqs[u] = s;
      b.addSequence(s, s.length);
      for (int i = 0; i < s.length; i++) {
        for (int j = i + 1; j <= i + w && j < s.length; j++) {
          if (s[i] != s[j]) {
            brute[s[i]][s[j]]++;
            brute[s[j]][s[i]]++;
          }
        }
      }
    }
    Cooccurrence c = b.build();
    for (int a = 1; a <= n; a++) {
      double deg = 0;
      for (int x = 1; x <= n; x++) {
        assertEquals(brute[a][x], c.count(a, x), 0, "pair " + a + "," + x);
        deg += brute[a][x];
      }
      assertEquals(deg, c.degree(a), 1e-9);
      for (int e = c.rowStart(a) + 1; e < c.rowEnd(a); e++) {
        assertEquals(true, c.col(e - 1) < c.col(e), "row columns sorted");
      }
    }
  }

  @Test
  void jacobiDiagonalizes() {
    double[][] a = {{4, 1, 2}, {1, 3, 0}, {2, 0, 5}};
    SymmetricEigen e = SymmetricEigen.of(a);
    assertEquals(12.0, e.values[0] + e.values[1] + e.values[2], 1e-9); // trace
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < 3; i++) {
        double av = 0;
        for (int j = 0; j < 3; j++) av += a[i][j] * e.vectors[j][k];
        assertEquals(e.values[k] * e.vectors[i][k], av, 1e-9);
      }
    }
    assertEquals(true, e.values[0] >= e.values[1] && e.values[1] >= e.values[2]);
    SymmetricEigen d = SymmetricEigen.of(new double[][] {{1, 0}, {0, 3}});
    assertArrayEquals(new double[] {3, 1}, d.values, 1e-12);
  }
}
