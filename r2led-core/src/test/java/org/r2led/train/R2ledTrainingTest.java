package org.r2led.train;

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
        List.of("embedding_dim=16", "short_seq_len=10", "topk=10", "batch_size=128", "epochs=4", "learning_rate=0.01",
            "embedding_init_std=0.01", "dnn_hidden_units=[32]", "attention_dim=16", "hash_bits=16"),
        tmp.resolve("runs/r2led"), false, null, false));
    assertTrue(r.test().auc() > 0.7, "test AUC " + r.test().auc());
  }
}
