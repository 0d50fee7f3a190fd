package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.r2led.data.PreparedDataset;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;

/**
 * The retrieval baselines with live-embedding snapshots (SDIM, TWIN, MIRRN) resume exactly: a run
 * paused mid-epoch (between an update and the refresh of its rows) and resumed ends with the same
 * parameters and buffers as an uninterrupted run.
 */
class LongSequenceResumeTest {
  @TempDir Path tmp;

  private static final List<String> SETTINGS = List.of("embedding_dim=8", "short_seq_len=8", "topk=6", "batch_size=64",
      "epochs=1", "learning_rate=0.01", "embedding_init_std=0.01", "dnn_hidden_units=[16]", "checkpoint_steps=3",
      "patience=5", "max_seq_len=40");

  private static List<String> settings(String model) {
    List<String> l = new ArrayList<>(SETTINGS);
    if (!model.equals("sdim")) l.add("attention_dim=8");
    return l;
  }

  private static ParamStore finalParams(Path data, Path run) {
    PreparedDataset ds = PreparedDataset.open(data);
    ParamStore s = TrainKeys.resolve(org.r2led.config.Config.builder().file(run.resolve(RunFiles.CONFIG))).create(ds, null).params();
    Checkpoint.read(RunFiles.last(run), s, null);
    return s;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sdim", "twin", "mirrn"})
  void resumeEqualsUninterruptedTraining(String model) {
    Path data = tmp.resolve("data");
    TinyTask.write(data, 40, 60, 3);
    Path full = tmp.resolve("full");
    RunResult a = Trainer.train(new TrainRequest(data, null, model, null, settings(model), full, false, null, false));
    Path parts = tmp.resolve("parts");
    List<String> paused = new ArrayList<>(settings(model));
    paused.add("max_steps=4"); // mid-epoch (6 batches), between checkpoint steps 3 and 6
    RunResult p = Trainer.train(new TrainRequest(data, null, model, null, paused, parts, false, null, false));
    assertEquals(4, p.steps());
    RunResult b = Trainer.train(new TrainRequest(data, null, null, null, List.of("max_steps=0"), parts, true, null, false));
    assertEquals(a.steps(), b.steps());
    ParamStore pa = finalParams(data, full);
    ParamStore pb = finalParams(data, parts);
    for (Param x : pa.all()) assertArrayEquals(x.values(), pb.get(x.name()).values(), x.name());
    for (Map.Entry<String, long[]> e : pa.buffers().entrySet()) assertArrayEquals(e.getValue(), pb.buffers().get(e.getKey()), e.getKey());
    assertEquals(a.test().auc(), b.test().auc());
  }
}
