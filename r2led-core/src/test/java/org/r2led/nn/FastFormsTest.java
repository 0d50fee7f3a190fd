package org.r2led.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The fast forms of the blocks compute the same function (and gradients) as their direct forms, up to rounding. */
class FastFormsTest {
  private static float[] rnd(SplittableRandom r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
    return a;
  }

  /** Output and all parameter gradients of loss = Σ out ⊙ c (c fixed random), with the given switches. */
  private static float[][] run(ParamStore store, Set<String> switches, BiFunction<Step, SplittableRandom, NDArray> f) {
    Experiment.set(switches);
    try (Step s = new Step(true)) {
      NDArray out = f.apply(s, new SplittableRandom(5));
      float[] c = rnd(new SplittableRandom(11), (int) out.size());
      NDArray loss = out.mul(s.floats(c, out.getShape().getShape())).sum();
      float[] o = out.toFloatArray();
      Gradients g = s.backward(loss);
      float[][] res = new float[1 + store.all().size()][];
      res[0] = o;
      int i = 1;
      for (Param p : store.all()) {
        for (Gradients.Dense d : g.dense()) if (d.param() == p) res[i] = d.grad();
        for (Gradients.Sparse d : g.sparse()) if (d.table() == p) res[i] = d.grad();
        i++;
      }
      return res;
    } finally {
      Experiment.set(Set.of());
    }
  }

  private static void assertClose(float[][] a, float[][] b) {
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      if (a[i] == null || b[i] == null) {
        assertEquals(a[i] == null, b[i] == null, "array " + i);
        continue;
      }
      assertEquals(a[i].length, b[i].length);
      for (int j = 0; j < a[i].length; j++) {
        assertEquals(a[i][j], b[i][j], 1e-4 * (1 + Math.abs(a[i][j])), "array " + i + " [" + j + "]");
      }
    }
  }

  /**
   * {@code att} on random queries {@code (b, qDim)} and keys {@code (g, b, k, dk)}, with every slot {@code i} where
   * {@code i % maskMod == 3} masked and mask row {@code maskedRow} masked entirely.
   */
  private static BiFunction<Step, SplittableRandom, NDArray> randomAttention(TargetAttention att, int g, int b, int qDim,
      int k, int dk, int maskMod, int maskedRow) {
    return (s, r) -> {
      NDArray q = s.floats(rnd(r, b * qDim), b, qDim);
      NDArray keys = s.floats(rnd(r, g * b * k * dk), g, b, k, dk);
      float[] m = new float[g * b * k];
      for (int i = 0; i < m.length; i++) m[i] = (i % maskMod == 3 || i / k == maskedRow) ? 0 : 1;
      return att.forward(s, q, keys, s.floats(m, g, b, k));
    };
  }

  @Test
  void targetAttentionMatchesTheProjectedForm() {
    int g = 3, b = 4, k = 6, dk = 8;
    ParamStore store = new ParamStore(3);
    TargetAttention att = new TargetAttention(store, "a", g, 5, dk, 8, 2, 7);
    BiFunction<Step, SplittableRandom, NDArray> f = randomAttention(att, g, b, 5, k, dk, 5, 2);
    assertClose(run(store, Set.of("legacy_target_attention"), f), run(store, Set.of(), f));
  }

  @Test
  void targetAttentionByGroupMatchesOneBlockBitForBit() {
    int g = 3, b = 40, k = 50, dk = 32;   // MovieLens-like keys per group, so that MKL's batched products run
    ParamStore store = new ParamStore(4);
    TargetAttention att = new TargetAttention(store, "a", g, 16, dk, 32, 2, 16);
    BiFunction<Step, SplittableRandom, NDArray> f = randomAttention(att, g, b, 16, k, dk, 7, 5);
    float[][] a = run(store, Set.of("legacy_route_blocks"), f);
    float[][] c = run(store, Set.of(), f);
    for (int i = 0; i < a.length; i++) org.junit.jupiter.api.Assertions.assertArrayEquals(a[i], c[i], 0f, "array " + i);
  }

  @Test
  void targetAttentionOnSharedKeysMatchesSeparateGathers() {
    // R2LED's use: one gather of every group's keys, split per group; a DIN unit reads one group's view too
    int g = 3, b = 6, k = 5, d = 8, rows = 20;
    ParamStore store = new ParamStore(7);
    Param table = store.denseTable("tokens", rows, d, 0.5);
    TargetAttention att = new TargetAttention(store, "a", g, d, d, 8, 2, d);
    DinAttention din = new DinAttention(store, "din", d, new int[] {8}, Act.RELU, false);
    SplittableRandom r0 = new SplittableRandom(2);
    int[] idx = new int[g * b * k];
    for (int i = 0; i < idx.length; i++) idx[i] = r0.nextInt(rows);
    float[] m = new float[g * b * k];
    for (int i = 0; i < m.length; i++) m[i] = i % 4 == 1 ? 0 : 1;
    BiFunction<Step, SplittableRandom, NDArray> f = (s, r) -> {
      NDArray q = s.floats(rnd(r, b * d), b, d);
      NDArray t = s.p(table).mul(1.5f);                                    // an op's result, as a token table is
      NDArray mask = s.floats(m, g, b, k);
      NDArray keys = Gather.rows(s, t, s.ints(idx, g, b, k));
      NDArray pooled;
      NDArray shortKeys;
      if (!Experiment.on("shared_short_keys")) {
        pooled = att.forward(s, q, keys, mask);
        int[] last = java.util.Arrays.copyOfRange(idx, (g - 1) * b * k, g * b * k);
        shortKeys = Gather.rows(s, t, s.ints(last, b, k));
      } else {
        NDList byGroup = keys.split(g, 0);
        pooled = att.forward(s, q, byGroup, mask);
        shortKeys = byGroup.get(g - 1).squeeze(0);
      }
      return NDArrays.concat(new NDList(pooled.reshape(g * b, d), din.forward(s, q, shortKeys, mask.get(g - 1))), 0);
    };
    assertClose(run(store, Set.of(), f), run(store, Set.of("shared_short_keys"), f));
  }

  @Test
  void sidGateOnCodeTablesMatchesGatheredCodeRows() {
    int n = 40, d = 8, levels = 3;
    int[] rows = {5, 6, 7};
    for (SidGate.Mode mode : new SidGate.Mode[] {SidGate.Mode.GATE, SidGate.Mode.SUM}) {
      ParamStore store = new ParamStore(6);
      Param items = store.denseTable("items", n, d, 0.5);
      Param[] tables = new Param[levels];
      for (int l = 0; l < levels; l++) tables[l] = store.denseTable("code" + l, rows[l], d, 0.5);
      SidGate gate = new SidGate(store, "g", d, levels, mode);
      if (mode == SidGate.Mode.GATE) {
        float[] bias = store.get("g.gate.b").values();
        for (int i = 0; i < bias.length; i++) bias[i] = 0.1f * (i % 7 - 3);   // a non-zero bias
      }
      SplittableRandom r = new SplittableRandom(2);
      int[][] codes = new int[levels][n];
      for (int l = 0; l < levels; l++) for (int i = 0; i < n; i++) codes[l][i] = r.nextInt(rows[l]);
      BiFunction<Step, SplittableRandom, NDArray> f = (s, rr) -> {
        NDArray e = s.p(items);
        List<NDArray> t = new java.util.ArrayList<>();
        List<NDArray> idx = new java.util.ArrayList<>();
        for (int l = 0; l < levels; l++) {
          t.add(s.p(tables[l]));
          idx.add(s.ints(codes[l], n));
        }
        if (!Experiment.on("gathered_codes")) return gate.forward(s, e, t, idx);
        List<NDArray> rowsOf = new java.util.ArrayList<>();
        for (int l = 0; l < levels; l++) rowsOf.add(Gather.rows(s, t.get(l), idx.get(l)));
        return gate.forward(s, e, rowsOf);
      };
      assertClose(run(store, Set.of("gathered_codes"), f), run(store, Set.of(), f));
    }
  }

  @Test
  void tokenTableMatchesSeparateGathers() {
    int n = 3 * 4 * 5;
    ParamStore store = new ParamStore(8);
    FeatureEmbeddings emb = new FeatureEmbeddings(store, 30, 6, 3, 7, 4, 0.3, true, true, true);
    Param flag = store.denseTable("flag", 2, 4, 0.3);
    SplittableRandom r = new SplittableRandom(1);
    UniqueIds items = new UniqueIds(16);
    UniqueIds cats = new UniqueIds(8);
    int[] ip = new int[n], cp = new int[n], beh = new int[n], gap = new int[n], fl = new int[n];
    for (int i = 0; i < n; i++) {
      int item = r.nextInt(12);
      ip[i] = items.add(item);
      cp[i] = cats.add(i % 7 == 0 ? r.nextInt(6) : item % 6);   // mostly one category per item, sometimes another
      beh[i] = r.nextInt(4);
      gap[i] = r.nextInt(7);
      fl[i] = r.nextInt(2);
    }
    BiFunction<Step, SplittableRandom, NDArray> f = (s, rr) -> {
      NDArray h = emb.itemRows(s, items);
      NDArray c = emb.categoryRows(s, cats);
      if (Experiment.on("legacy_tokens")) {
        NDArray t = emb.tokens(s, h, ip, c, cp, beh, gap, 3, 4, 5).add(Gather.rows(s.p(flag), s.ints(fl, 3, 4, 5)));
        return NDArrays.concat(new NDList(t, t.get(1).expandDims(0)), 0);
      }
      TokenTable tt = emb.tokenTable(s, h, ip, c, cp, beh, gap, flag, fl);
      return NDArrays.concat(new NDList(tt.gatherAll(s, 3, 4, 5), tt.gatherRange(s, 20, 40, 1, 4, 5)), 0);
    };
    assertClose(run(store, Set.of("legacy_tokens"), f), run(store, Set.of(), f));
  }

  @Test
  void gatherMatchesEmbeddingBitForBit() {
    int rows = 50, d = 32, n = 3000;   // d >= 16: PyTorch's sorted scatter_add path
    ParamStore store = new ParamStore(4);
    Param table = store.denseTable("t", rows, d, 1.0);
    SplittableRandom r = new SplittableRandom(9);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = r.nextInt(rows);
    BiFunction<Step, SplittableRandom, NDArray> f = (s, rr) -> Experiment.on("legacy_gather")
        ? Gather.embedding(s.p(table), s.ints(idx, 30, 100)) : Gather.rows(s.p(table), s.ints(idx, 30, 100));
    float[][] a = run(store, Set.of("legacy_gather"), f);
    float[][] b = run(store, Set.of(), f);
    for (int i = 0; i < a.length; i++) org.junit.jupiter.api.Assertions.assertArrayEquals(a[i], b[i], 0f);
  }

  @Test
  void trainingGatherFromAnOpResultMatchesEmbeddingBitForBit() {
    int rows = 40, d = 32, n = 2000;
    ParamStore store = new ParamStore(5);
    Param table = store.denseTable("t", rows, d, 1.0);
    SplittableRandom r = new SplittableRandom(3);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = r.nextInt(rows);
    // the table is an op's result (DJL reports no gradient for it), as fused item rows or a token table are
    BiFunction<Step, SplittableRandom, NDArray> f = (s, rr) -> {
      NDArray t = s.p(table).mul(s.p(table)).add(s.p(table));
      return Experiment.on("legacy_nonleaf_gather") ? Gather.rows(t, s.ints(idx, 20, 100)) : Gather.rows(s, t, s.ints(idx, 20, 100));
    };
    float[][] a = run(store, Set.of("legacy_nonleaf_gather"), f);
    float[][] b = run(store, Set.of(), f);
    for (int i = 0; i < a.length; i++) org.junit.jupiter.api.Assertions.assertArrayEquals(a[i], b[i], 0f);
  }
}
