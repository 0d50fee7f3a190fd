package org.r2led.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.nn.Step;
import org.r2led.sid.SidTable;
import org.r2led.train.TinyTask;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainingSession;

/**
 * Every registered model (built-ins and presets) trains on a tiny task: the loss over repeated
 * passes on a few batches falls, and outputs stay finite.
 */
class EveryModelTrainsTest {
  @TempDir static Path tmp;

  static Stream<String> models() { return ModelRegistry.builtIn().names().stream(); }

  @ParameterizedTest
  @MethodSource("models")
  void lossFallsAndOutputsAreFinite(String name) {
    Path d = tmp.resolve("d-" + name);
    PreparedDataset ds = TinyTask.write(d, 40, 60, 5);
    SidTable sids = TinyTask.sids(ds, tmp.resolve("s-" + name));
    TrainKeys.Resolved r = TrainKeys.resolve(settings(name));
    CtrModel m = r.create(ds, sids);
    assertEquals(name, m.name());
    SampleSplit train = ds.split(Split.TRAIN);
    int[] order = TrainingSession.permutation(train.size(), 1, 0);
    int bs = 64;
    try (TrainingSession s = new TrainingSession(m, r.config())) {
      float first = 0;
      float last = 0;
      for (int epoch = 0; epoch < 8; epoch++) {
        float sum = 0;
        for (int k = 0; k < 3; k++) {
          TokenBatch b = m.prepare(new SplitSamples(train, order, k * bs, (k + 1) * bs));
          sum += s.trainStep(b, 0.01);
          s.finishStep();
        }
        if (epoch == 0) first = sum / 3;
        last = sum / 3;
      }
      assertTrue(last < first * 0.9, name + ": loss " + first + " -> " + last);
      TokenBatch b = m.prepare(new SplitSamples(train, order, 0, bs));
      try (Step st = new Step(false)) {
        NDArray logits = m.forward(st, b);
        assertEquals(bs, logits.getShape().get(0));
        for (float x : logits.toFloatArray()) assertTrue(Float.isFinite(x), name + " gave " + x);
      }
    }
  }

  private static org.r2led.config.Config.Builder settings(String name) {
    return settings(name, List.of("short_seq_len=8", "topk=6", "max_seq_len=40"));
  }

  /** Small sizes for {@code name}, plus {@code windows} (each applied only where the model reads the key). */
  static org.r2led.config.Config.Builder settings(String name, List<String> windows) {
    var b = org.r2led.config.Config.builder().set("model", name, "test");
    var keys = ModelRegistry.builtIn().spec(name).keys();
    var all = new java.util.ArrayList<>(List.of("embedding_dim=8", "embedding_init_std=0.05",
        "dnn_hidden_units=[16]", "attention_dim=8", "attention_hidden_units=[8]"));
    all.addAll(windows);
    for (String kv : all) {
      String k = kv.substring(0, kv.indexOf('='));
      if (keys.contains(k)) b.overrides(List.of(kv));
    }
    return b;
  }
}
