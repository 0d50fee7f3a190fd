package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Arrays copied into a step's reused direct memory keep their values: across steps, when outgrowing it, and with nested steps. */
class StepArenaTest {
  private static float[] rnd(SplittableRandom r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
    return a;
  }

  @Test
  void reusedMemoryNeverChangesALiveArray() {
    SplittableRandom r = new SplittableRandom(3);
    for (int step = 0; step < 5; step++) {
      try (Step s = new Step(false)) {
        // small arrays, then one larger than the first buffer (1 MiB): earlier arrays must survive the growth
        float[] a = rnd(r, 1000);
        int[] ix = {3, 1, 4, 1, 5};
        float[] big = rnd(r, 300_000 + step);
        NDArray na = s.floats(a, 1000);
        NDArray ni = s.ints(ix, 5);
        NDArray nb = s.floats(big, big.length);
        float[] c = rnd(r, 77);
        NDArray nc = s.floats(c, 7, 11);
        assertArrayEquals(a, na.toFloatArray());
        assertArrayEquals(ix, ni.toIntArray());
        assertArrayEquals(big, nb.toFloatArray());
        assertArrayEquals(c, nc.toFloatArray());
        // a nested step on the same thread gets its own memory
        try (Step inner = new Step(false)) {
          float[] d = rnd(r, 5000);
          assertArrayEquals(d, inner.floats(d, 5000).toFloatArray());
        }
        assertArrayEquals(a, na.toFloatArray());
        assertArrayEquals(c, nc.toFloatArray());
        assertArrayEquals(a, na.add(0f).toFloatArray());
      }
    }
  }

  @Test
  void onlyThePrefixOfALongerJavaArrayIsCopied() {
    try (Step s = new Step(false)) {
      assertArrayEquals(new int[] {7, 8, 9, 10}, s.ints(new int[] {7, 8, 9, 10, 11, 12}, 2, 2).toIntArray());
      assertArrayEquals(new float[] {1f, 2f}, s.floats(new float[] {1f, 2f, 3f}, 2).toFloatArray());
    }
  }
}
