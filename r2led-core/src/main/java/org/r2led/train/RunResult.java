package org.r2led.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.r2led.io.Json;

/**
 * The outcome of a training run (also written to {@code metrics.json}).
 *
 * @param valid validation metrics of the best checkpoint
 * @param test test metrics of the best checkpoint
 * @param trainSamplesPerSecond training throughput (samples / training wall time, evaluations excluded)
 */
public record RunResult(Path runDir, String model, int seed, SplitMetrics valid, SplitMetrics test, long bestStep,
    long steps, int epochs, double trainSamplesPerSecond) {
  /** The result that {@code metrics.json} of {@code runDir} records. */
  public static RunResult read(Path runDir) {
    Path f = runDir.resolve(RunFiles.METRICS);
    JsonNode m = Json.read(f, JsonNode.class);
    for (String k : List.of("model", "seed", "valid", "test", "train_samples_per_s")) {
      if (!m.has(k)) throw new IllegalArgumentException(f + " lacks '" + k + "'; delete the run directory to recompute it");
    }
    return new RunResult(runDir, m.get("model").asText(), m.get("seed").asInt(), metrics(m.get("valid")), metrics(m.get("test")),
        m.path("best_step").asLong(-1), m.path("steps").asLong(0), m.path("epochs").asInt(0), m.get("train_samples_per_s").asDouble());
  }

  private static SplitMetrics metrics(JsonNode n) {
    return new SplitMetrics(n.path("auc").asDouble(Double.NaN), n.path("logloss").asDouble(Double.NaN),
        n.path("gauc").asDouble(Double.NaN), n.path("samples").asInt(0));
  }
}
