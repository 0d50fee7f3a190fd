package org.r2led.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r2led.spark.SparkSessions;
import org.r2led.train.TinyTask;

/** {@code spark bench-train} measures both configurations and reports the exchange (figures printed, not asserted). */
class SparkTrainBenchTest {
  @TempDir Path tmp;

  @Test
  void measuresLocalWorkersAndSparkTasksAndTheExchange() {
    Path data = tmp.resolve("data");
    TinyTask.write(data, 40, 60, 3);
    SparkTrainBench.Report r = SparkTrainBench.run(data, null, "din", List.of("embedding_dim=8", "short_seq_len=8", "batch_size=64",
        "dnn_hidden_units=[16]", "attention_hidden_units=[8]"), 2, 1, 3, tmp.resolve("work"),
        () -> SparkSessions.create("local[2]", "r2led-test-bench"));
    System.out.print(r.markdown());
    assertTrue(r.local().samplesPerSecond() > 0 && r.spark().samplesPerSecond() > 0, r.markdown());
    StepCost.Summary c = r.spark().cost();
    assertEquals(3, c.steps());
    assertTrue(c.denseFloatsPerStep() > 0 && c.sparseRowsPerStep() > 0, r.markdown());
    // Base64 of the shard's encoding: at least 4/3 × (4 bytes per dense float + 4 per row id + 32 per row of 8 floats)
    assertTrue(c.sentBytesPerStep() >= 4.0 / 3 * (4 * c.denseFloatsPerStep() + 36 * c.sparseRowsPerStep()), r.markdown());
    assertTrue(c.receivedBytesPerStep() > c.sentBytesPerStep(), "every task receives both messages");
    assertTrue(r.markdown().contains("Spark local[2], 2 barrier tasks"), r.markdown());
  }
}
