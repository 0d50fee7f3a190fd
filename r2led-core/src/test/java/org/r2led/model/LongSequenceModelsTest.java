package org.r2led.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.nn.Gradients;
import org.r2led.nn.Init;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;
import org.r2led.nn.Step;
import org.r2led.retrieval.BilinearTopK;
import org.r2led.retrieval.SimHash;
import org.r2led.sid.SidTable;
import org.r2led.train.TinyTask;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainingSession;

/**
 * SDIM, TWIN and MIRRN end to end: after a few training steps (snapshots refreshed by the hooks),
 * every token group of a prepared batch holds exactly what a brute-force reference computed from
 * the current parameters selects; SDIM's pooled interest on a hand-computed case.
 */
class LongSequenceModelsTest {
  @TempDir static Path tmp;
  static PreparedDataset ds;
  static SidTable sids;
  static final int MAX_SEQ_LEN = 40;
  static final int SHORT = 8;
  static final int TOPK = 6;

  @BeforeAll
  static void data() {
    ds = TinyTask.write(tmp.resolve("d"), 40, 70, 7);
    sids = TinyTask.sids(ds, tmp.resolve("s"));
  }

  /** The model after 3 training steps (hooks run), and a batch prepared afterwards. */
  private static Object[] trained(String name, String... extra) {
    var b = org.r2led.config.Config.builder().set("model", name, "test");
    List<String> kv = new ArrayList<>(List.of("embedding_dim=8", "embedding_init_std=0.05", "short_seq_len=" + SHORT,
        "topk=" + TOPK, "max_seq_len=" + MAX_SEQ_LEN, "dnn_hidden_units=[16]", "attention_dim=8", "attention_hidden_units=[8]"));
    kv.removeIf(x -> !ModelRegistry.builtIn().spec(name).keys().contains(x.substring(0, x.indexOf('='))));
    kv.addAll(List.of(extra));
    b.overrides(kv);
    TrainKeys.Resolved r = TrainKeys.resolve(b);
    CtrModel m = r.create(ds, sids);
    SampleSplit train = ds.split(Split.TRAIN);
    int[] order = TrainingSession.permutation(train.size(), 1, 0);
    try (TrainingSession s = new TrainingSession(m, r.config())) {
      for (int k = 0; k < 3; k++) {
        s.trainStep(m.prepare(new SplitSamples(train, order, k * 64, (k + 1) * 64)), 0.01);
        s.finishStep();
      }
    }
    SplitSamples src = new SplitSamples(train, order, 0, 96);
    return new Object[] {m, src, m.prepare(src)};
  }

  /**
   * Checks every group of every sample: {@code expected(history, target)} gives per long group the
   * selected positions (chronological) and flags; the last group is the short window.
   */
  private static void checkGroups(TokenBatch b, SplitSamples src, int longGroups,
      BiFunction<History, Integer, int[][][]> expected) {
    History h = new History();
    int checkedTokens = 0;
    for (int j = 0; j < b.size(); j++) {
      src.history(j, MAX_SEQ_LEN, h);
      int[][][] exp = expected.apply(h, src.item(j));
      for (int g = 0; g <= longGroups; g++) {
        int[] pos = g < longGroups ? exp[g][0] : IntStream.range(Math.max(0, h.length() - SHORT), h.length()).toArray();
        int[] flags = g < longGroups && exp[g].length > 1 ? exp[g][1] : new int[pos.length];
        assertEquals(pos.length, b.groupCount[j * b.groups + g], "sample " + j + " group " + g);
        for (int q = 0; q < pos.length; q++) {
          int o = b.token(g, j, q);
          assertEquals(h.items()[pos[q]], b.items.id(b.tokItem[o]), "sample " + j + " group " + g + " token " + q);
          assertEquals(flags[q], b.tokFlag[o], "flag of sample " + j + " group " + g + " token " + q);
          checkedTokens++;
        }
      }
    }
    assertTrue(checkedTokens > b.size() * SHORT, "too few tokens checked: " + checkedTokens);
  }

  private static float[] itemTable(CtrModel m) { return m.params().get("emb.item").values(); }

  @Test
  void sdimKeepsTheMostRecentCollisionsOfTheLiveSignatures() {
    Object[] t = trained("sdim");
    SdimModel m = (SdimModel) t[0];
    SimHash hash = m.hash();
    assertEquals(8, hash.hashBits(), "defaults: 2 hashes of 4 bits");
    long[] live = new long[TinyTask.ITEMS + 1];
    hash.signAll(itemTable(m), 8, live);
    assertArrayEquals(live, m.params().buffers().get("sdim_signatures"), "signatures follow the trained embeddings");
    int[] nonEmpty = {0};
    checkGroups((TokenBatch) t[2], (SplitSamples) t[1], 1, (h, target) -> {
      List<int[]> sel = new ArrayList<>();
      for (int p = h.length() - 1; p >= 0 && sel.size() < TOPK; p--) {
        int mask = 0;
        for (int k = 0; k < 2; k++) {
          boolean eq = true;
          for (int bit = 4 * k; bit < 4 * k + 4; bit++) eq &= ((live[h.items()[p]] >>> bit) & 1) == ((live[target] >>> bit) & 1);
          if (eq) mask |= 1 << k;
        }
        if (mask != 0) sel.add(0, new int[] {p, mask});
      }
      if (!sel.isEmpty()) nonEmpty[0]++;
      return new int[][][] {{sel.stream().mapToInt(x -> x[0]).toArray(), sel.stream().mapToInt(x -> x[1]).toArray()}};
    });
    assertTrue(nonEmpty[0] > 10, "few samples with collisions: " + nonEmpty[0]);
  }

  @Test
  void twinRanksByTheAttentionsOwnLogits() {
    Object[] t = trained("twin", "num_heads=2");
    TwinModel m = (TwinModel) t[0];
    float[] emb = itemTable(m);
    assertArrayEquals(emb, m.liveVectors().vectors(), "the snapshot follows the trained embeddings");
    float[] wq = m.params().get("long_attention.wq").values();
    float[] wk = m.params().get("long_attention.wk").values();
    float[] a = new float[64];
    BilinearTopK.product(wq, wk, 8, 8, a);
    assertArrayEquals(a, m.scoreMatrix(), "A follows the trained projections");
    checkGroups((TokenBatch) t[2], (SplitSamples) t[1], 1, (h, target) -> {
      double[] score = new double[h.length()];
      for (int p = 0; p < h.length(); p++) {
        for (int c = 0; c < 8; c++) { // Σ over both heads of (e_v W_q)_c (e_i W_k)_c
          double qc = 0;
          double kc = 0;
          for (int i = 0; i < 8; i++) {
            qc += (double) emb[target * 8 + i] * wq[i * 8 + c];
            kc += (double) emb[h.items()[p] * 8 + i] * wk[i * 8 + c];
          }
          score[p] += qc * kc;
        }
      }
      int[] pos = IntStream.range(0, h.length()).boxed().sorted(Comparator.<Integer>comparingDouble(p -> -score[p])
          .thenComparing(p -> -p)).limit(TOPK).mapToInt(Integer::intValue).sorted().toArray();
      return new int[][][] {{pos}};
    });
  }

  @Test
  void mirrnRetrievesForTargetRecentWindowAndSequenceMean() {
    Object[] t = trained("mirrn");
    MirrnModel m = (MirrnModel) t[0];
    float[] emb = itemTable(m);
    LiveItemVectors live = m.liveVectors();
    assertArrayEquals(emb, live.vectors());
    long[] sigs = new long[TinyTask.ITEMS + 1];
    live.hash().signAll(emb, 8, sigs);
    assertArrayEquals(sigs, live.signatures());
    assertEquals(64, live.hash().hashBits());
    checkGroups((TokenBatch) t[2], (SplitSamples) t[1], 3, (h, target) -> {
      int len = h.length();
      long[] queries = {sigs[target], live.hash().signature(mean(h, Math.max(0, len - SHORT), len, emb), 0),
          live.hash().signature(mean(h, 0, len, emb), 0)};
      int[][][] out = new int[3][][];
      for (int g = 0; g < 3; g++) {
        long q = queries[g];
        out[g] = new int[][] {IntStream.range(0, len).boxed().sorted(Comparator.<Integer>comparingInt(
            p -> Long.bitCount(sigs[h.items()[p]] ^ q)).thenComparing(p -> -p)).limit(TOPK).mapToInt(Integer::intValue).sorted().toArray()};
      }
      return out;
    });
  }

  private static float[] mean(History h, int from, int to, float[] emb) {
    float[] s = new float[8];
    for (int j = 0; j < 8; j++) {
      float acc = 0;
      for (int p = from; p < to; p++) acc += emb[h.items()[p] * 8 + j];
      s[j] = to > from ? acc / (to - from) : 0f;
    }
    return s;
  }

  @Test
  void sdimInterestAveragesTheNormalizedCollisionSums() {
    // 3 samples x 3 tokens of d = 2, 2 hashes. Sample 0: (3,4) in hash 0, (1,0) in both, (0,2) in hash 1.
    // Sample 1: (5,5) in hash 0, a masked token (ignored despite its flag), hash 1 empty. Sample 2: nothing.
    TokenBatch b = new TokenBatch(3, 1, 3, 0, 0);
    float[][] tok = {{3, 4}, {1, 0}, {0, 2}, {5, 5}, {7, 7}, {0, 0}, {0, 0}, {0, 0}, {0, 0}};
    int[] flags = {1, 3, 2, 1, 3, 0, 0, 0, 0};
    float[] mask = {1, 1, 1, 1, 0, 0, 0, 0, 0};
    ParamStore store = new ParamStore(1);
    Param tp = store.dense("tokens", Init.ZEROS, 3, 3, 2);
    for (int i = 0; i < 9; i++) {
      tp.values()[2 * i] = tok[i][0];
      tp.values()[2 * i + 1] = tok[i][1];
      b.tokFlag[i] = flags[i];
      b.tokMask[i] = mask[i];
    }
    double r2 = Math.sqrt(0.5);
    float[] expected = {(float) ((r2 + 1 / Math.sqrt(5)) / 2), (float) ((r2 + 2 / Math.sqrt(5)) / 2), // sample 0
        (float) (r2 / 2), (float) (r2 / 2), 0f, 0f};
    try (Step s = new Step(true)) {
      NDArray u = SdimModel.interest(s, s.p(tp), b, 2);
      assertArrayEquals(new long[] {3, 2}, u.getShape().getShape());
      assertArrayEquals(expected, u.toFloatArray(), 1e-5f);
      Gradients g = s.backward(u.sum());
      for (float x : g.dense().get(0).grad()) assertTrue(Float.isFinite(x), "gradient " + x);
    }
    // bit 7 of a byte flag (the 8th hash) survives the int widening
    TokenBatch b8 = new TokenBatch(1, 1, 1, 0, 0);
    b8.tokFlag[0] = (byte) 0x80;
    b8.tokMask[0] = 1f;
    try (Step s = new Step(false)) {
      NDArray u = SdimModel.interest(s, s.manager().create(new float[] {0, 2}, new ai.djl.ndarray.types.Shape(1, 1, 2)), b8, 8);
      assertArrayEquals(new float[] {0f, 1f / 8}, u.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void savedSnapshotIsRestoredAsSavedNotFromTheParameters() {
    ParamStore store = new ParamStore(3);
    Param table = store.embedding("emb.item", 5, 3, 1.0); // odd dim: rows share packed longs
    LiveItemVectors v = new LiveItemVectors(table, new SimHash(3, 16, 5)).persistIn(store, "vectors", true);
    for (int i = 0; i < table.size(); i++) table.values()[i] += 0.5f * i;
    v.refresh(table, new int[] {1, 4}, 2);                 // rows 1 and 4 refreshed, 0, 2, 3 stale
    float[] snapshot = v.vectors().clone();
    long[] sigs = v.signatures().clone();
    long[] saved = store.buffers().get("vectors").clone();
    for (int i = 0; i < table.size(); i++) table.values()[i] = -7f; // e.g. a checkpoint's later parameters
    v.refreshAll();
    assertEquals(-7f, v.vectors()[4]);
    System.arraycopy(saved, 0, store.buffers().get("vectors"), 0, saved.length); // as Checkpoint.read fills buffers
    v.afterLoad();
    assertArrayEquals(snapshot, v.vectors());
    assertArrayEquals(sigs, v.signatures());
    assertEquals(-7f, table.values()[4], "parameters untouched");
  }
}
