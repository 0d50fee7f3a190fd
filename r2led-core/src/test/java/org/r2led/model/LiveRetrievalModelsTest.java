package org.r2led.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.retrieval.SimHash;
import org.r2led.train.TinyTask;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainingSession;

/**
 * SIM soft and ETA put exactly the brute-force selection of their rule into the retrieved group,
 * computed from the model's live-vector snapshot, which follows the item table only through
 * {@code afterUpdate} (never the parameters the optimizer is writing).
 */
class LiveRetrievalModelsTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sim_soft", "eta"})
  void retrievedGroupIsTheBruteForceSelection(String model) {
    PreparedDataset ds = TinyTask.write(tmp.resolve("d"), 30, 80, 9);
    List<String> set = List.of("embedding_dim=8", "embedding_init_std=0.05", "topk=5", "max_seq_len=30", "short_seq_len=4",
        "hash_bits=6", "dnn_hidden_units=[8]", "attention_dim=8", "attention_hidden_units=[8]");
    TrainKeys.Resolved r = TrainKeys.resolve(model, set.stream().filter(kv -> model.equals("eta") || !kv.startsWith("hash")).toList());
    CtrModel m = r.create(ds, null);
    LiveItemVectors live = m instanceof EtaModel e ? e.liveVectors() : ((SimSoftModel) m).liveVectors();
    SampleSplit train = ds.split(Split.TRAIN);
    int[] order = TrainingSession.permutation(train.size(), 1, 0);
    try (TrainingSession s = new TrainingSession(m, r.config())) {
      for (int step = 0; step < 3; step++) {
        check(m, live, train, order, step * 32, model);
        float[] before = live.vectors().clone();
        s.trainStep(m.prepare(new SplitSamples(train, order, step * 32, step * 32 + 32)), 0.05);
        assertArrayEquals(before, live.vectors(), "the snapshot does not move with the optimizer");
        s.finishStep();
        assertArrayEquals(live.vectors(), m.params().get("emb.item").values());
        assertFalse(Arrays.equals(before, live.vectors()), "finishStep refreshed the updated rows");
      }
    }
  }

  private static void check(CtrModel m, LiveItemVectors live, SampleSplit split, int[] order, int from, String model) {
    SplitSamples src = new SplitSamples(split, order, from, from + 32);
    TokenBatch b = m.prepare(src);
    float[] v = live.vectors();
    int d = live.dim();
    SimHash hash = live.hash();
    History h = new History();
    int retrieved = 0;
    for (int j = 0; j < b.size(); j++) {
      src.history(j, 30, h);
      int[] items = h.items();
      int target = src.item(j);
      Comparator<Integer> best = model.equals("eta")
          ? Comparator.<Integer>comparingInt(p -> SimHash.hamming(hash.signature(v, items[p] * d), hash.signature(v, target * d)))
          : Comparator.<Integer, Float>comparing(p -> -dot(v, items[p], target, d));
      int[] exp = IntStream.range(0, h.length()).boxed().sorted(best.thenComparing(p -> -p)).limit(5)
          .mapToInt(Integer::intValue).sorted().map(p -> items[p]).toArray();
      int[] got = new int[b.groupCount[j * b.groups]];
      for (int q = 0; q < got.length; q++) got[q] = b.items.id(b.tokItem[b.token(0, j, q)]);
      assertArrayEquals(exp, got, model + " sample " + j);
      retrieved += got.length;
    }
    assertEquals(true, retrieved > 0);
  }

  private static float dot(float[] v, int a, int b, int d) {
    float s = 0f;
    for (int j = 0; j < d; j++) s += v[a * d + j] * v[b * d + j];
    return s;
  }
}
