package org.r2led.seqrec;

import java.util.List;
import java.util.SplittableRandom;

/** Small seeded item views for tests (no encoder): two coarse views with some items missing, variable-length tokens. */
final class TinyViews {
  private TinyViews() {}

  /**
   * @param missingEvery item {@code i} lacks view 1 when {@code i % missingEvery == 0}
   * @param garbage value written into the rows of missing views (must not matter)
   */
  static ItemViews of(int numItems, int dim, int tokenDim, int missingEvery, float garbage, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[(numItems + 1) * dim];
    float[] b = new float[(numItems + 1) * dim];
    boolean[] pa = new boolean[numItems + 1];
    boolean[] pb = new boolean[numItems + 1];
    for (int i = 1; i <= numItems; i++) {
      pa[i] = true;
      pb[i] = i % missingEvery != 0;
      for (int j = 0; j < dim; j++) {
        a[i * dim + j] = (float) r.nextGaussian();
        b[i * dim + j] = pb[i] ? a[i * dim + j] + 0.1f * (float) r.nextGaussian() : garbage;
      }
    }
    int[] off = new int[numItems + 2];
    for (int i = 0; i <= numItems; i++) off[i + 1] = off[i] + (i == 0 || i % 5 == 0 ? 0 : 1 + i % 4);
    float[] tok = new float[off[numItems + 1] * tokenDim];
    for (int k = 0; k < tok.length; k++) tok[k] = (float) r.nextGaussian();
    return new ItemViews(numItems, List.of(new ItemViews.Coarse("a", "test", dim, a, pa),
        new ItemViews.Coarse("b", "test", dim, b, pb)), new ItemViews.Fine("test", tokenDim, off, tok));
  }
}
