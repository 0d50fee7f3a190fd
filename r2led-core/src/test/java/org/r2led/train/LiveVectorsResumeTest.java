package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.r2led.data.PreparedDataset;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;

/**
 * Models retrieving by a live-embedding snapshot (SIM soft: vectors, ETA: signatures) resume
 * bit-exactly from a pause whose last step's rows were not yet refreshed: the snapshot is saved
 * with the checkpoint and restored, not rebuilt from the loaded table.
 */
class LiveVectorsResumeTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sim_soft", "eta"})
  void resumeEqualsUninterruptedTraining(String model) {
    List<String> settings = new ArrayList<>(List.of("embedding_dim=8", "short_seq_len=8", "topk=4", "batch_size=64", "epochs=2",
        "learning_rate=0.02", "embedding_init_std=0.05", "dnn_hidden_units=[16]", "attention_dim=8", "checkpoint_steps=3",
        "patience=5", "max_seq_len=40"));
    if (model.equals("eta")) settings.add("hash_bits=8");
    Path data = tmp.resolve("data");
    PreparedDataset ds = TinyTask.write(data, 60, 60, 3);
    Path full = tmp.resolve("full");
    RunResult a = Trainer.train(new TrainRequest(data, null, model, null, settings, full, false, null, false));
    Path parts = tmp.resolve("parts");
    List<String> paused = new ArrayList<>(settings);
    paused.add("max_steps=7"); // mid-epoch, between checkpoint steps 6 and 9
    assertEquals(7, Trainer.train(new TrainRequest(data, null, model, null, paused, parts, false, null, false)).steps());
    RunResult b = Trainer.train(new TrainRequest(data, null, null, null, List.of("max_steps=0"), parts, true, null, false));
    assertEquals(a.steps(), b.steps());
    ParamStore pa = params(ds, full);
    ParamStore pb = params(ds, parts);
    for (Param x : pa.all()) assertArrayEquals(x.values(), pb.get(x.name()).values(), x.name());
    for (String n : pa.buffers().keySet()) assertArrayEquals(pa.buffers().get(n), pb.buffers().get(n), n);
    assertEquals(a.test().auc(), b.test().auc());
  }

  private static ParamStore params(PreparedDataset ds, Path run) {
    ParamStore s = TrainKeys.resolve(org.r2led.config.Config.builder().file(run.resolve(RunFiles.CONFIG))).create(ds, null).params();
    Checkpoint.read(RunFiles.last(run), s, null);
    return s;
  }
}
