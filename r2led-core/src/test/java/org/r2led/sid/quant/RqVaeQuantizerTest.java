package org.r2led.sid.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RqVaeQuantizerTest {
  @Test
  void learnsCodesThatRecoverClustersAndReconstructBetterWithMoreLevels() {
    int n = 400, dim = 12, k = 4;
    int[] labels = new int[n];
    float[] x = KMeansTest.blobs(n, dim, k, 2, labels);
    RqVaeQuantizer.Config cfg = new RqVaeQuantizer.Config(new int[] {4, 8}, 3, 32, 8, 12, 4, 64, 3e-3f, 0.25f);
    Quantization a = new RqVaeQuantizer(cfg).quantize(x, n, dim, null);
    assertEquals("latent", a.codebookSpace());
    assertEquals(8, a.codebooks().get(0).dim());
    // level-1 codes: each code holds a single blob (purity 1)
    Map<Integer, Integer> blobOf = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Integer prev = blobOf.putIfAbsent(a.code(i, 0), labels[i]);
      if (prev != null) assertEquals(prev, labels[i], "code " + a.code(i, 0) + " mixes blobs");
    }
    double[] mse = a.mseByLevels();
    assertTrue(mse[1] < mse[0] && mse[2] < mse[1], Arrays.toString(mse));
    @SuppressWarnings("unchecked")
    java.util.List<Double> losses = (java.util.List<Double>) a.details().get("epochLoss");
    assertTrue(losses.get(losses.size() - 1) < losses.get(0), "loss falls: " + losses);

    Quantization b = new RqVaeQuantizer(cfg).quantize(x, n, dim, null);
    assertArrayEquals(a.codes(), b.codes(), "same seed, same codes");
  }
}
