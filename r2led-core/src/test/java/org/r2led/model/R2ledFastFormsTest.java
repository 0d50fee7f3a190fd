package org.r2led.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.nn.Experiment;
import org.r2led.nn.Param;
import org.r2led.sid.SidTable;
import org.r2led.train.TinyTask;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainingSession;

/**
 * R2LED trains to the same parameters with its fast forms as with the code they replaced ({@link Experiment}
 * switches): route attention one route at a time (the default; {@code legacy_route_blocks} restores all routes at
 * once: the same bits) and, opt-in, the short route's DIN unit reading the route attention's keys
 * ({@code shared_short_keys}: the same function, its token gradients summed in another order).
 */
class R2ledFastFormsTest {
  @TempDir static Path tmp;
  static PreparedDataset ds;
  static SidTable sids;

  @BeforeAll
  static void data() {
    ds = TinyTask.write(tmp.resolve("d"), 40, 70, 7);
    sids = TinyTask.sids(ds, tmp.resolve("s"));
  }

  /** Every parameter after 4 training steps (hooks run) of a small R2LED, and the losses, with the given switches. */
  private static float[][] train(Set<String> switches) {
    var b = org.r2led.config.Config.builder().set("model", "r2led", "test");
    b.overrides(List.of("embedding_dim=16", "embedding_init_std=0.05", "short_seq_len=8", "topk=6", "max_seq_len=40",
        "dnn_hidden_units=[16]", "attention_dim=8", "attention_hidden_units=[8]", "seed=5"));
    TrainKeys.Resolved r = TrainKeys.resolve(b);
    Experiment.set(switches);
    try {
      CtrModel m = r.create(ds, sids);
      SampleSplit train = ds.split(Split.TRAIN);
      int[] order = TrainingSession.permutation(train.size(), 1, 0);
      float[] losses = new float[4];
      try (TrainingSession s = new TrainingSession(m, r.config())) {
        for (int k = 0; k < losses.length; k++) {
          losses[k] = s.trainStep(m.prepare(new SplitSamples(train, order, k * 64, (k + 1) * 64)), 0.01);
          s.finishStep();
        }
      }
      List<Param> all = m.params().all();
      float[][] out = new float[all.size() + 1][];
      for (int i = 0; i < all.size(); i++) out[i] = all.get(i).values().clone();
      out[all.size()] = losses;
      return out;
    } finally {
      Experiment.set(Set.of());
    }
  }

  @Test
  void routeAttentionByRouteTrainsToTheSameBits() {
    float[][] legacy = train(Set.of("legacy_route_blocks"));
    float[][] fast = train(Set.of());
    for (int i = 0; i < fast.length; i++) assertArrayEquals(legacy[i], fast[i], "array " + i);
  }

  @Test
  void sharedShortRouteKeysTrainToTheSameParameters() {
    float[][] legacy = train(Set.of());
    float[][] fast = train(Set.of("shared_short_keys"));
    for (int i = 0; i < fast.length; i++) {
      assertEquals(legacy[i].length, fast[i].length);
      for (int j = 0; j < fast[i].length; j++) {
        assertEquals(legacy[i][j], fast[i][j], 1e-5 * (1 + Math.abs(legacy[i][j])), "array " + i + " [" + j + "]");
      }
    }
  }
}
