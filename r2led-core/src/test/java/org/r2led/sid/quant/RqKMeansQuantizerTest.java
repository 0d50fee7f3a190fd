package org.r2led.sid.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RqKMeansQuantizerTest {
  static float[] gaussian(int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * dim];
    for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() - 0.5);
    return x;
  }

  @Test
  void reconstructionErrorFallsWithEveryLevel() {
    int n = 2000, dim = 24;
    float[] x = gaussian(n, dim, 1);
    Quantization q = new RqKMeansQuantizer(new int[] {16, 16, 16, 16}, 3, 2).quantize(x, n, dim, null);
    double[] mse = q.mseByLevels();
    assertEquals(5, mse.length);
    for (int l = 1; l < mse.length; l++) assertTrue(mse[l] < mse[l - 1], "MSE must fall: " + Arrays.toString(mse));
    // MSE after L levels equals the error of x - sum of the chosen codewords, recomputed here
    double err = 0;
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < dim; t++) {
        double v = x[i * dim + t];
        for (int l = 0; l < 4; l++) v -= q.codebooks().get(l).vectors()[q.code(i, l) * dim + t];
        err += v * v;
      }
    }
    assertEquals(err / n, mse[4], 1e-4);
  }

  @Test
  void deterministicBySeed() {
    int n = 1500, dim = 12;
    float[] x = gaussian(n, dim, 2);
    int[] sizes = {8, 8, 8};
    Quantization a = new RqKMeansQuantizer(sizes, 5, 2).quantize(x, n, dim, null);
    Quantization b = new RqKMeansQuantizer(sizes, 5, 1).quantize(x, n, dim, null);
    Quantization c = new RqKMeansQuantizer(sizes, 6, 2).quantize(x, n, dim, null);
    assertArrayEquals(a.codes(), b.codes());
    for (int l = 0; l < 3; l++) assertArrayEquals(a.codebooks().get(l).vectors(), b.codebooks().get(l).vectors());
    assertFalse(Arrays.equals(a.codes(), c.codes()));
  }

  @Test
  void moreCodesThanItemsIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RqKMeansQuantizer(new int[] {8, 64}, 1, 1).quantize(gaussian(50, 4, 1), 50, 4, null));
    assertTrue(e.getMessage().contains("codebook size 64 at level 2 exceeds the 50 items"), e.getMessage());
  }

  @Test
  void defaultCodebookSizeFollowsCatalogSize() {
    assertEquals(32, CodebookSizes.defaultSize(1000));
    assertEquals(128, CodebookSizes.defaultSize(9742));
    assertEquals(128, CodebookSizes.defaultSize(10_000));
    assertEquals(256, CodebookSizes.defaultSize(100_000));
    assertEquals(256, CodebookSizes.defaultSize(1_000_000));
    assertEquals(4, CodebookSizes.defaultSize(20));
    assertEquals(3, CodebookSizes.defaultSize(3));
    assertArrayEquals(new int[] {16, 16}, CodebookSizes.resolve(16, 2, 100));
  }
}
