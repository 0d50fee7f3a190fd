package org.r2led.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AliasSamplerTest {
  @Test
  void drawsInProportionToTheWeights() {
    double[] w = {1, 2, 3, 0, 4};
    AliasSampler a = new AliasSampler(w);
    SplittableRandom r = new SplittableRandom(1);
    int n = 400_000;
    int[] c = new int[w.length];
    for (int i = 0; i < n; i++) c[a.sample(r)]++;
    assertEquals(0, c[3], "zero weight is never drawn");
    for (int i = 0; i < w.length; i++) assertEquals(w[i] / 10.0, c[i] / (double) n, 0.004, "outcome " + i);
  }

  @Test
  void singleOutcomeAndSkewedWeights() {
    assertEquals(0, new AliasSampler(new double[] {0.3}).sample(new SplittableRandom(3)));
    double[] w = new double[1000];
    for (int i = 0; i < w.length; i++) w[i] = 1.0 / (i + 1);
    AliasSampler a = new AliasSampler(w);
    double h = 0;
    for (double x : w) h += x;
    SplittableRandom r = new SplittableRandom(5);
    int n = 300_000;
    int first = 0;
    for (int i = 0; i < n; i++) if (a.sample(r) == 0) first++;
    assertEquals(1.0 / h, first / (double) n, 0.003);
  }

  @Test
  void rejectsBadWeights() {
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {1, -1}));
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {1, Double.NaN}));
  }
}
