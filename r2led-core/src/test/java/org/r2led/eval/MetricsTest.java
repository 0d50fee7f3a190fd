package org.r2led.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void aucMatchesHandComputedPairs() {
    // positives: 0.8, 0.4 ; negatives: 0.6, 0.4, 0.1
    // pairs: (0.8>0.6)1 (0.8>0.4)1 (0.8>0.1)1 (0.4<0.6)0 (0.4=0.4)0.5 (0.4>0.1)1 -> 4.5/6
    float[] s = {0.8f, 0.6f, 0.4f, 0.4f, 0.1f};
    int[] y = {1, 0, 1, 0, 0};
    assertEquals(0.75, Metrics.auc(s, y), 1e-12);
  }

  @Test
  void aucEqualsBruteForceOnRandomData() {
    Random r = new Random(3);
    int n = 400;
    float[] s = new float[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = r.nextInt(50) / 50f - 0.5f; // many ties and negatives
      y[i] = r.nextDouble() < 0.3 ? 1 : 0;
    }
    double num = 0;
    long den = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
      if (y[i] == 1 && y[j] == 0) {
        den++;
        num += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
      }
    }
    assertEquals(num / den, Metrics.auc(s, y), 1e-12);
  }

  @Test
  void aucIsNaNWithOneClass() {
    assertTrue(Double.isNaN(Metrics.auc(new float[] {0.1f, 0.2f}, new int[] {1, 1})));
  }

  @Test
  void logLossMatchesHandComputedValue() {
    float[] p = {0.9f, 0.2f, 0.6f};
    int[] y = {1, 0, 0};
    double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3;
    assertEquals(expected, Metrics.logLoss(p, y), 1e-6);
  }

  @Test
  void logLossClipsCertainMistakes() {
    assertEquals(-Math.log(Metrics.EPS), Metrics.logLoss(new float[] {0f}, new int[] {1}), 1e-3);
  }

  @Test
  void gaucWeightsUsersBySampleCountAndSkipsSingleClassUsers() {
    // user 1: scores (0.9 pos, 0.1 neg, 0.5 neg) -> AUC 1.0, weight 3
    // user 2: (0.2 pos, 0.7 neg) -> AUC 0.0, weight 2
    // user 3: only positives -> skipped
    float[] s = {0.9f, 0.1f, 0.5f, 0.2f, 0.7f, 0.3f};
    int[] y = {1, 0, 0, 1, 0, 1};
    int[] u = {1, 1, 1, 2, 2, 3};
    assertEquals((1.0 * 3 + 0.0 * 2) / 5, Metrics.gauc(s, y, u), 1e-12);
  }
}
