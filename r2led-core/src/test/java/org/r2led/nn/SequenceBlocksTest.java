package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;

/** InfoNCE against a hand computation; attention, transformer layer and GRU never read padding. */
class SequenceBlocksTest {
  @Test
  void symmetricInfoNceEqualsHandComputedValue() {
    // a = (1,0), (0,1); b = (1,0), (3,4) → normalized (0.6,0.8); τ = 0.5 → S = [[2, 1.2], [0, 1.6]].
    // rows: log(1+e^-0.8) = 0.371101, log(1+e^-1.6) = 0.183901; columns: log(1+e^-2) = 0.126928,
    // log(1+e^-0.4) = 0.513015; loss = ½ (mean rows + mean columns) = 0.298736.
    try (Step s = new Step(false)) {
      NDArray a = s.floats(new float[] {1, 0, 0, 1}, 2, 2);
      NDArray b = s.floats(new float[] {1, 0, 3, 4}, 2, 2);
      assertEquals(0.298736, InfoNce.symmetric(a, b, 0.5f).getFloat(), 1e-5);
    }
  }

  @Test
  void multiHeadAttentionIgnoresPaddedKeys() {
    MultiHeadAttention att = new MultiHeadAttention(new ParamStore(3), "att", 4, 4, 4, 2, 4);
    float[] keys = new float[2 * 3 * 4];
    for (int i = 0; i < keys.length; i++) keys[i] = (float) Math.cos(i);
    float[] garbage = keys.clone();
    for (int j = 0; j < 4; j++) garbage[2 * 4 + j] = 50f;          // sample 0, key 2 (padded)
    try (Step s = new Step(false)) {
      NDArray q = s.floats(new float[] {1, 2, 3, 4, -1, 0, 1, 0}, 2, 1, 4);
      NDArray mask = s.floats(new float[] {1, 1, 0, 1, 1, 1}, 2, 1, 3);
      float[] o1 = att.forward(s, q, s.floats(keys, 2, 3, 4), mask).toFloatArray();
      float[] o2 = att.forward(s, q, s.floats(garbage, 2, 3, 4), mask).toFloatArray();
      assertArrayEquals(o1, o2, 1e-6f);
    }
  }

  @Test
  void causalTransformerAndGruOutputsDoNotDependOnLaterOrPaddedInputs() {
    ParamStore store = new ParamStore(5);
    TransformerLayer layer = new TransformerLayer(store, "t", 4, 2, 8, 0);
    Gru gru = new Gru(store, "g", 4, 4);
    float[] x = new float[3 * 4];
    for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i + 1);
    float[] changed = x.clone();
    for (int j = 0; j < 4; j++) { changed[j] = 9f; changed[8 + j] = -7f; }   // position 0 padded; position 2 later
    float[] causal = {1, 0, 0, 1, 1, 0, 1, 1, 1};
    try (Step s = new Step(false)) {
      NDArray mask = s.floats(new float[] {0, 1, 1}, 1, 3);
      NDArray att = mask.reshape(1, 1, 3).mul(s.floats(causal, 1, 3, 3));
      float[] t1 = layer.forward(s, s.floats(x, 1, 3, 4), att).get(":, 1, :").toFloatArray();
      float[] t2 = layer.forward(s, s.floats(changed, 1, 3, 4), att).get(":, 1, :").toFloatArray();
      assertArrayEquals(t1, t2, 1e-6f);
      float[] g1 = gru.forward(s, s.floats(x, 1, 3, 4), mask).get(":, 1, :").toFloatArray();
      float[] g2 = gru.forward(s, s.floats(changed, 1, 3, 4), mask).get(":, 1, :").toFloatArray();
      assertArrayEquals(g1, g2, 1e-6f);
    }
  }
}
