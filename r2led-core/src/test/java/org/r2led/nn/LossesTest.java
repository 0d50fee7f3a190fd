package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class LossesTest {
  @Test
  void softmaxCrossEntropyEqualsTheHandComputedValueAndGradient() {
    try (NDManager m = NDManager.newBaseManager(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
      // row 0: target is the third class (logit 3); row 1: all equal, target logit 0. Large logits in row 2
      // (1000, 1001) would overflow exp without the max shift.
      NDArray logits = m.create(new float[] {1, 2, 3, 0, 0, 0, 1000, 1001, 999}, new Shape(3, 3));
      logits.setRequiresGradient(true);
      NDArray target = m.create(new float[] {3, 0, 1000}, new Shape(3, 1));
      NDArray loss = Losses.softmaxCrossEntropy(logits, target);
      double row0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;   // 0.40760596
      double row1 = Math.log(3);                                              // 1.09861229
      double row2 = 1001 + Math.log(Math.exp(-1) + 1 + Math.exp(-2)) - 1000;  // 1.40760596
      assertEquals((row0 + row1 + row2) / 3, loss.getFloat(), 1e-5);
      c.backward(loss);
      // d loss / d logits = softmax(row) / rows (the target logit is a separate input here)
      double z0 = Math.exp(1) + Math.exp(2) + Math.exp(3);
      double z2 = Math.exp(-1) + 1 + Math.exp(-2);
      float[] expected = {(float) (Math.exp(1) / z0 / 3), (float) (Math.exp(2) / z0 / 3), (float) (Math.exp(3) / z0 / 3),
          1f / 9, 1f / 9, 1f / 9, (float) (Math.exp(-1) / z2 / 3), (float) (1 / z2 / 3), (float) (Math.exp(-2) / z2 / 3)};
      assertArrayEquals(expected, logits.getGradient().toFloatArray(), 1e-5f);
    }
  }
}
