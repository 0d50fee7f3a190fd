package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlocksTest {
  @Test
  void maskedSoftmaxGivesZeroWeightToMaskedKeysAndZerosForAllMaskedRows() {
    try (Step s = new Step(false)) {
      NDArray scores = s.floats(new float[] {1, 2, 3, 5, 5, 5}, 2, 3);
      NDArray mask = s.floats(new float[] {1, 0, 1, 0, 0, 0}, 2, 3);
      float[] w = Masks.softmax(scores, mask).toFloatArray();
      double e1 = Math.exp(1), e3 = Math.exp(3);
      assertEquals(e1 / (e1 + e3), w[0], 1e-6);
      assertEquals(0f, w[1], 0f);
      assertEquals(e3 / (e1 + e3), w[2], 1e-6);
      assertArrayEquals(new float[] {0, 0, 0}, new float[] {w[3], w[4], w[5]}, 0f);
    }
  }

  @Test
  void targetAttentionIgnoresMaskedKeysAndGivesZerosWhenAllMasked() {
    ParamStore store = new ParamStore(9);
    TargetAttention att = new TargetAttention(store, "a", 1, 4, 4, 4, 2, 4);
    try (Step s = new Step(false)) {
      NDArray q = s.floats(new float[] {1, -1, 0.5f, 2, 0.3f, 0.2f, -0.1f, 1}, 2, 4);
      float[] k = new float[2 * 3 * 4];
      for (int i = 0; i < k.length; i++) k[i] = (float) Math.sin(i);
      float[] k2 = k.clone();
      for (int j = 0; j < 4; j++) k2[4 + j] = 100f; // change the masked key of sample 0
      NDArray mask = s.floats(new float[] {1, 0, 1, 0, 0, 0}, 1, 2, 3);
      float[] o1 = att.forward(s, q, s.floats(k, 1, 2, 3, 4), mask).toFloatArray();
      float[] o2 = att.forward(s, q, s.floats(k2, 1, 2, 3, 4), mask).toFloatArray();
      assertArrayEquals(o1, o2, 1e-6f);
      for (int j = 4; j < 8; j++) assertEquals(0f, o1[j], 0f);
      for (float x : o1) assertFalse(Float.isNaN(x));
    }
  }

  @Test
  void dinAttentionZeroesMaskedKeys() {
    ParamStore store = new ParamStore(4);
    DinAttention din = new DinAttention(store, "d", 2, new int[] {3}, Act.RELU, false);
    DinAttention dinSoft = new DinAttention(store, "s", 2, new int[] {3}, Act.RELU, true);
    try (Step s = new Step(false)) {
      NDArray q = s.floats(new float[] {0.5f, -1}, 1, 2);
      NDArray keys = s.floats(new float[] {1, 2, 3, 4, 5, 6}, 1, 3, 2);
      NDArray mask = s.floats(new float[] {1, 1, 0}, 1, 3);
      assertEquals(0f, din.weights(s, q, keys, mask).toFloatArray()[2], 0f);
      float[] ws = dinSoft.weights(s, q, keys, mask).toFloatArray();
      assertEquals(0f, ws[2], 0f);
      assertEquals(1f, ws[0] + ws[1], 1e-6f);
      float[] none = dinSoft.forward(s, q, keys, s.floats(new float[] {0, 0, 0}, 1, 3)).toFloatArray();
      assertArrayEquals(new float[] {0, 0}, none, 0f);
    }
  }

  @Test
  void dinAttentionFirstLayerEqualsTheConcatenatedForm() {
    ParamStore store = new ParamStore(2);
    DinAttention din = new DinAttention(store, "d", 2, new int[] {3}, Act.NONE, false);
    float[] w1 = store.get("d.h0.w").values(); // (8, 3)
    float[] b1 = store.get("d.h0.b").values();
    float[] w2 = store.get("d.mlp.out.w").values(); // (3, 1)
    float[] b2 = store.get("d.mlp.out.b").values();
    b1[1] = 0.3f;
    b2[0] = -0.2f;
    float[] q = {0.5f, -1};
    float[] k = {1, 2};
    float[] x = {q[0], q[1], k[0], k[1], q[0] - k[0], q[1] - k[1], q[0] * k[0], q[1] * k[1]};
    double score = b2[0];
    for (int h = 0; h < 3; h++) {
      double a = b1[h];
      for (int i = 0; i < 8; i++) a += x[i] * w1[i * 3 + h];
      score += a * w2[h];
    }
    try (Step s = new Step(false)) {
      float got = din.weights(s, s.floats(q, 1, 2), s.floats(k, 1, 1, 2), s.floats(new float[] {1}, 1, 1)).toFloatArray()[0];
      assertEquals(score, got, 1e-5);
    }
  }

  @Test
  void gateOnAHandExample() {
    ParamStore store = new ParamStore(1);
    SidGate gate = new SidGate(store, "g", 2, 1, SidGate.Mode.GATE);
    // P = identity, W_g = 0, b_g = [0, 0, ln 3, -ln 3] → g0 = (0.5, 0.5), g1 = (0.75, 0.25)
    float[] p = store.get("g.p0").values();
    java.util.Arrays.fill(p, 0f);
    p[0] = 1;
    p[3] = 1;
    java.util.Arrays.fill(store.get("g.gate.w").values(), 0f);
    float[] b = store.get("g.gate.b").values();
    b[2] = (float) Math.log(3);
    b[3] = (float) -Math.log(3);
    try (Step s = new Step(false)) {
      NDArray e = s.floats(new float[] {2, 4}, 1, 2);
      NDArray c = s.floats(new float[] {8, -4}, 1, 2);
      float[] h = gate.forward(s, e, List.of(c)).toFloatArray();
      assertArrayEquals(new float[] {0.5f * 2 + 0.75f * 8, 0.5f * 4 + 0.25f * -4}, h, 1e-5f);
    }
    ParamStore store2 = new ParamStore(1);
    SidGate sum = new SidGate(store2, "g", 2, 1, SidGate.Mode.SUM);
    float[] p2 = store2.get("g.p0").values();
    java.util.Arrays.fill(p2, 0f);
    p2[1] = 1; // P = [[0,1],[0,0]] → s P = (0, s0)
    try (Step s = new Step(false)) {
      float[] h = sum.forward(s, s.floats(new float[] {2, 4}, 1, 2), List.of(s.floats(new float[] {8, -4}, 1, 2))).toFloatArray();
      assertArrayEquals(new float[] {2, 12}, h, 1e-6f);
      SidGate idOnly = new SidGate(new ParamStore(1), "g", 2, 1, SidGate.Mode.ID_ONLY);
      assertArrayEquals(new float[] {2, 4}, idOnly.forward(s, s.floats(new float[] {2, 4}, 1, 2), List.of()).toFloatArray(), 0f);
    }
  }

  @Test
  void routeFusionMeanSkipsEmptyRoutes() {
    ParamStore store = new ParamStore(1);
    RouteFusion f = new RouteFusion(store, "f", 3, 2, RouteFusion.Mode.MEAN, 0.1);
    java.util.Arrays.fill(store.get("f.route_emb").values(), 0f);
    try (Step s = new Step(false)) {
      NDArray u = s.floats(new float[] {1, 2, 3, 4, 100, 100}, 1, 3, 2);
      float[] z = f.forward(s, s.floats(new float[] {0, 0}, 1, 2), u, s.floats(new float[] {1, 1, 0}, 1, 3)).toFloatArray();
      assertArrayEquals(new float[] {2, 3}, z, 1e-6f);
    }
  }

  @Test
  void timeGapBuckets() {
    assertEquals(1, TimeGap.bucket(0, 48));
    assertEquals(2, TimeGap.bucket(1, 48));
    assertEquals(2, TimeGap.bucket(2, 48));
    assertEquals(3, TimeGap.bucket(3, 48));
    assertEquals(1, TimeGap.bucket(-5, 48));
    assertEquals(9, TimeGap.bucket(1_000_000_000_000L, 10));
  }

  @Test
  void uniqueIdsDeduplicateInFirstSeenOrder() {
    UniqueIds u = new UniqueIds(2);
    int[] pos = new int[6];
    u.addAll(new int[] {7, 3, 7, 100000, 3, 0}, 0, 6, pos, 0);
    assertArrayEquals(new int[] {0, 1, 0, 2, 1, 3}, pos);
    assertArrayEquals(new int[] {7, 3, 100000, 0}, u.ids());
  }

  @Test
  void uniqueIdsMatchFirstSeenPositionsForSmallAndLargeIdsThroughGrowth() {
    for (int expected : new int[] {4, 70_000}) {   // small ids in the direct table up to 1,024 / 65,536
      java.util.SplittableRandom r = new java.util.SplittableRandom(4);
      UniqueIds u = new UniqueIds(expected);
      java.util.Map<Integer, Integer> ref = new java.util.LinkedHashMap<>();
      for (int i = 0; i < 20_000; i++) {
        int id = r.nextInt(3) == 0 ? (1 << 16) + r.nextInt(1 << 24) % 5000 : r.nextInt(9000);
        Integer want = ref.computeIfAbsent(id, k -> ref.size());
        assertEquals(want, u.add(id), "id " + id + " at draw " + i);
      }
      assertArrayEquals(ref.keySet().stream().mapToInt(Integer::intValue).toArray(), u.ids());
      assertEquals(ref.size(), u.size());
    }
  }
}
