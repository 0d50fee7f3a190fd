package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Gradients through constant operands stay exact when garbage collection runs between forward and
 * backward. With DJL's {@code x.div(4f)} this test sees gradients like Infinity: its constant's
 * buffer is freed while autograd still uses it.
 */
class ScalarsTest {
  /** Forward, then collect garbage and reuse freed native memory (filled with NaN), then backward. */
  private static float[] gradAfterGc(UnaryOperator<NDArray> f) throws InterruptedException {
    try (NDManager m = NDManager.newBaseManager(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
      NDArray x = m.create(new float[] {-2, -1, 1, 2});
      x.setRequiresGradient(true);
      NDArray y = f.apply(x).sum();
      for (int i = 0; i < 2; i++) {
        System.gc();
        Thread.sleep(5);
      }
      List<ByteBuffer> junk = new ArrayList<>();
      for (int i = 0; i < 1000; i++) junk.add(ByteBuffer.allocateDirect(4).putFloat(0, Float.NaN));
      c.backward(y);
      return x.getGradient().toFloatArray();
    }
  }

  @Test
  void gradientsThroughConstantsSurviveGarbageCollection() throws InterruptedException {
    for (int rep = 0; rep < 10; rep++) {
      assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, gradAfterGc(x -> Scalars.div(x, 4f)), "div, rep " + rep);
      assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, gradAfterGc(x -> Scalars.mul(x, 3f)), "mul, rep " + rep);
      assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, gradAfterGc(x -> Scalars.maximum(x, 0f)), "maximum, rep " + rep);
      assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, gradAfterGc(x -> Scalars.sub(Scalars.add(x, 1f), 2f)), "add/sub, rep " + rep);
    }
  }

  @Test
  void valuesMatchPlainArithmetic() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {-2, -1, 1, 2});
      assertArrayEquals(new float[] {-0.5f, -0.25f, 0.25f, 0.5f}, Scalars.div(x, 4f).toFloatArray());
      assertArrayEquals(new float[] {0f, 0f, 1f, 2f}, Scalars.maximum(x, 0f).toFloatArray());
      assertArrayEquals(new float[] {-1f, 0f, 2f, 3f}, Scalars.add(x, 1f).toFloatArray());
    }
  }
}
