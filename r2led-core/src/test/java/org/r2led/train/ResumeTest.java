package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;
import org.r2led.nn.Param;
import org.r2led.nn.ParamStore;

/** A run paused mid-epoch and resumed ends with the same parameters as an uninterrupted run. */
class ResumeTest {
  @TempDir Path tmp;

  private static final List<String> SETTINGS = List.of("embedding_dim=8", "short_seq_len=8", "topk=6", "batch_size=64",
      "epochs=2", "learning_rate=0.01", "embedding_init_std=0.01", "dnn_hidden_units=[16]", "attention_dim=8",
      "hash_bits=16", "checkpoint_steps=3", "patience=5");

  private ParamStore finalParams(Path data, Path sids, Path run) {
    PreparedDataset ds = PreparedDataset.open(data);
    ParamStore s = TrainKeys.resolve(org.r2led.config.Config.builder().file(run.resolve(RunFiles.CONFIG)))
        .create(ds, org.r2led.sid.SidTable.load(sids)).params();
    Checkpoint.read(RunFiles.last(run), s, null);
    return s;
  }

  @Test
  void resumeEqualsUninterruptedTraining() {
    Path data = tmp.resolve("data");
    PreparedDataset ds = TinyTask.write(data, 60, 60, 3);
    Path sids = tmp.resolve("sids");
    TinyTask.sids(ds, sids);
    Path full = tmp.resolve("full");
    RunResult a = Trainer.train(new TrainRequest(data, sids, "r2led", null, SETTINGS, full, false, null, false));
    // paused after 7 steps (mid-epoch, between checkpoint steps 6 and 9), then resumed
    Path parts = tmp.resolve("parts");
    List<String> paused = new ArrayList<>(SETTINGS);
    paused.add("max_steps=7");
    RunResult p = Trainer.train(new TrainRequest(data, sids, "r2led", null, paused, parts, false, null, false));
    assertEquals(7, p.steps());
    RunResult b = Trainer.train(new TrainRequest(data, sids, null, null, List.of("max_steps=0"), parts, true, null, false));
    assertEquals(a.steps(), b.steps());
    ParamStore pa = finalParams(data, sids, full);
    ParamStore pb = finalParams(data, sids, parts);
    for (Param x : pa.all()) assertArrayEquals(x.values(), pb.get(x.name()).values(), 1e-6f, x.name());
    assertArrayEquals(pa.buffers().get("item_signatures"), pb.buffers().get("item_signatures"));
    assertEquals(a.test().auc(), b.test().auc(), 1e-6);
  }

  @Test
  void resumeWithoutCheckpointNamesTheFile() {
    Path run = tmp.resolve("empty");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.train(new TrainRequest(tmp.resolve("data"), null, null, null, List.of(), run, true, null, false)));
    assertTrue(e.getMessage().contains(run.resolve(RunFiles.CONFIG).toString()), e.getMessage());
  }
}
