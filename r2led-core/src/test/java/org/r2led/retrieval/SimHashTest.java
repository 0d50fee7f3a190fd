package org.r2led.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SimHashTest {
  private static float[] randomVector(int dim, Random rnd) {
    float[] v = new float[dim];
    for (int j = 0; j < dim; j++) v[j] = (float) rnd.nextGaussian();
    return v;
  }

  @Test
  void hammingCountsDifferingBits() {
    assertEquals(0, SimHash.hamming(0x5AL, 0x5AL));
    assertEquals(2, SimHash.hamming(0b1011L, 0b0001L));
    assertEquals(64, SimHash.hamming(0L, -1L));
    assertEquals(1, SimHash.hamming(Long.MIN_VALUE, 0L));
  }

  @Test
  void identicalVectorsCollideAndOppositeVectorsDifferInEveryBit() {
    Random rnd = new Random(1);
    for (int bits : new int[] {1, 7, 32, 64}) {
      SimHash h = new SimHash(16, bits, 99);
      for (int t = 0; t < 50; t++) {
        float[] v = randomVector(16, rnd);
        float[] copy = v.clone();
        float[] neg = new float[16];
        for (int j = 0; j < 16; j++) neg[j] = -v[j];
        assertEquals(0, SimHash.hamming(h.signature(v, 0), h.signature(copy, 0)));
        assertEquals(bits, SimHash.hamming(h.signature(v, 0), h.signature(neg, 0)), "bits=" + bits);
        if (bits < 64) assertEquals(0, h.signature(v, 0) >>> bits, "bits above hash_bits are 0");
        // scaling by a positive factor keeps every sign
        float[] scaled = new float[16];
        for (int j = 0; j < 16; j++) scaled[j] = 3.5f * v[j];
        assertEquals(h.signature(v, 0), h.signature(scaled, 0));
      }
    }
  }

  @Test
  void deterministicBySeed() {
    float[] v = randomVector(24, new Random(5));
    assertEquals(new SimHash(24, 64, 7).signature(v, 0), new SimHash(24, 64, 7).signature(v, 0));
    assertNotEquals(new SimHash(24, 64, 7).signature(v, 0), new SimHash(24, 64, 8).signature(v, 0));
  }

  @Test
  void expectedDistanceFollowsTheAngle() {
    // For random hyperplanes, P(bit differs) = angle / pi.
    Random rnd = new Random(3);
    int dim = 32;
    SimHash h = new SimHash(dim, 64, 11);
    for (double angle : new double[] {0.2, Math.PI / 2, 2.5}) {
      double sum = 0;
      int pairs = 400;
      for (int t = 0; t < pairs; t++) {
        float[] a = randomVector(dim, rnd);
        float[] r = randomVector(dim, rnd);
        // b = cos(angle)*â + sin(angle)*ô where ô ⟂ â
        double na = 0, dot = 0;
        for (int j = 0; j < dim; j++) na += a[j] * a[j];
        for (int j = 0; j < dim; j++) dot += a[j] * r[j];
        double no = 0;
        double[] o = new double[dim];
        for (int j = 0; j < dim; j++) { o[j] = r[j] - dot / na * a[j]; no += o[j] * o[j]; }
        float[] b = new float[dim];
        for (int j = 0; j < dim; j++) {
          b[j] = (float) (Math.cos(angle) * a[j] / Math.sqrt(na) + Math.sin(angle) * o[j] / Math.sqrt(no));
        }
        sum += SimHash.hamming(h.signature(a, 0), h.signature(b, 0));
      }
      double expected = 64 * angle / Math.PI;
      assertEquals(expected, sum / pairs, 0.1 * 64 * 0.5, "mean Hamming distance at angle " + angle);
    }
  }

  @Test
  void signRowsAgreesWithSignatureAndWritesOnlyTheGivenRows() {
    Random rnd = new Random(9);
    int dim = 8;
    int n = 20;
    float[] table = new float[n * dim];
    for (int i = 0; i < table.length; i++) table[i] = (float) rnd.nextGaussian();
    SimHash h = new SimHash(dim, 48, 4);
    long[] out = new long[n];
    java.util.Arrays.fill(out, 12345L);
    int[] rows = {3, 17, 0, 9, 99};
    h.signRows(table, dim, rows, 4, out);
    for (int i = 0; i < n; i++) {
      boolean updated = i == 3 || i == 17 || i == 0 || i == 9;
      assertEquals(updated ? h.signature(table, i * dim) : 12345L, out[i], "row " + i);
    }
    // blocks of four rows plus a remainder, with repeated rows
    int[] many = new int[23];
    for (int i = 0; i < many.length; i++) many[i] = rnd.nextInt(n);
    long[] out2 = new long[n];
    h.signRows(table, dim, many, many.length, out2);
    for (int row : many) assertEquals(h.signature(table, row * dim), out2[row], "row " + row);
    // gathered rows: vectors[i] belongs to ids[i]
    int[] ids = {5, 2, 19, 7, 11, 0};
    float[] gathered = new float[ids.length * dim];
    for (int i = 0; i < ids.length; i++) System.arraycopy(table, ids[i] * dim, gathered, i * dim, dim);
    long[] out3 = new long[n];
    h.signGathered(gathered, dim, ids, ids.length, out3);
    for (int id : ids) assertEquals(h.signature(table, id * dim), out3[id], "gathered id " + id);
    assertEquals(0L, out3[1], "ids not given stay untouched");
    long[] all = new long[n];
    h.signAll(table, dim, all);
    for (int i = 0; i < n; i++) assertEquals(h.signature(table, i * dim), all[i]);
    assertThrows(IllegalArgumentException.class, () -> h.signRows(table, 4, rows, 1, out));
    assertThrows(IllegalArgumentException.class, () -> new SimHash(8, 65, 1));
    assertThrows(IllegalArgumentException.class, () -> new SimHash(8, 0, 1));
  }
}
