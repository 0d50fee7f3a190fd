package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.PreparedDataset;

class R2ledTrainingTest {
  @TempDir Path tmp;

  @Test
  void r2ledLearnsTheTinyTask() {
    Path data = tmp.resolve("data");
    PreparedDataset ds = TinyTask.write(data, 300, 80, 11);
    Path sids = tmp.resolve("sids");
    TinyTask.sids(ds, sids);
    RunResult r = Trainer.train(new TrainRequest(data, sids, "r2led", null,
        List.of("embedding_dim=16", "short_seq_len=10", "topk=10", "batch_size=128", "epochs=4", "learning_rate=0.004",
            "embedding_init_std=0.01", "dnn_hidden_units=[32]", "attention_dim=16", "hash_bits=16", "grad_clip_norm=1"),
        tmp.resolve("runs/r2led"), false, null, false));
    assertTrue(r.test().auc() > 0.7, "test AUC " + r.test().auc());
  }

  @Test
  void sidsOfAnotherDatasetAndUnknownModelsAreClearErrors() {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    PreparedDataset da = TinyTask.write(a, 20, 30, 1);
    TinyTask.write(b, 20, 30, 2);
    Path sids = tmp.resolve("sids-a");
    TinyTask.sids(da, sids);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.train(new TrainRequest(b, sids, "r2led", null, List.of(), tmp.resolve("r1"), false, null, false)));
    assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.train(new TrainRequest(a, null, "r2led", null, List.of(), tmp.resolve("r2"), false, null, false)));
    assertTrue(e.getMessage().contains("--sids"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Trainer.train(new TrainRequest(a, null, "dien", null, List.of(), tmp.resolve("r3"), false, null, false)));
    assertTrue(e.getMessage().contains("unknown model 'dien'") && e.getMessage().contains("known models: din, din_full, ")
        && e.getMessage().contains(", r2led"), e.getMessage());
  }
}
