package org.r2led.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.data.Split;

class DinTrainingTest {
  @TempDir Path tmp;

  @Test
  void dinLearnsTheTinyTaskAndEvaluateReproducesTestMetrics() throws Exception {
    Path data = tmp.resolve("data");
    TinyTask.write(data, 300, 80, 7);
    Path run = tmp.resolve("runs/din");
    RunResult r = Trainer.train(new TrainRequest(data, null, "din", null,
        List.of("embedding_dim=16", "short_seq_len=20", "batch_size=128", "epochs=4", "learning_rate=0.01",
            "embedding_init_std=0.01", "dnn_hidden_units=[32]", "attention_hidden_units=[16]"),
        run, false, null, false));
    assertTrue(r.test().auc() > 0.7, "test AUC " + r.test().auc());
    assertTrue(Files.isRegularFile(run.resolve("metrics.json")));
    assertTrue(Files.isRegularFile(run.resolve("run.json")));
    List<String> ledger = Files.readAllLines(tmp.resolve("runs/results.tsv"));
    assertEquals(2, ledger.size());
    Evaluator.Result e = Evaluator.evaluate(run, Split.TEST, false);
    assertTrue(e.reproducesLogged(), e.metrics() + " vs logged " + e.logged());
    // the task's true probabilities (0.9 / 0.1) give the oracle; the model is below it
    assertTrue(e.oracle() != null && e.oracle().auc() >= e.metrics().auc() - 0.02, "oracle " + e.oracle());
    assertTrue(Files.readString(run.resolve("metrics.json")).contains("test_oracle"));
  }
}
