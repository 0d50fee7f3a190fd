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
 * @param convergence where the best and last evaluations fell and what ended the run (null when not recorded)
 */
public record RunResult(Path runDir, String model, int seed, SplitMetrics valid, SplitMetrics test, long bestStep,
    long steps, int epochs, double trainSamplesPerSecond, Convergence convergence) {
  /** The result that {@code metrics.json} of {@code runDir} records. */
  public static RunResult read(Path runDir) {
    Path f = runDir.resolve(RunFiles.METRICS);
    JsonNode m = Json.read(f, JsonNode.class);
    for (String k : List.of("model", "seed", "valid", "test", "train_samples_per_s")) {
      if (!m.has(k)) throw new IllegalArgumentException(f + " lacks '" + k + "'; delete the run directory to recompute it");
    }
    return new RunResult(runDir, m.get("model").asText(), m.get("seed").asInt(), metrics(m.get("valid")), metrics(m.get("test")),
        m.path("best_step").asLong(-1), m.path("steps").asLong(0), m.path("epochs").asInt(0), m.get("train_samples_per_s").asDouble(),
        convergence(runDir, m));
  }

  /**
   * The recorded convergence; for a run written before it was recorded, derived from its validation
   * history (epoch-end evaluations) and its last checkpoint (whether early stopping ended it).
   */
  private static Convergence convergence(Path runDir, JsonNode m) {
    if (m.has("convergence")) return Json.MAPPER.convertValue(m.get("convergence"), Convergence.class);
    JsonNode h = m.path("validation_history");
    if (h.size() == 0 || !m.has("best_step")) return null;
    long best = m.get("best_step").asLong();
    JsonNode last = h.get(h.size() - 1);
    int bestEpoch = 0;
    for (JsonNode e : h) if (e.path("step").asLong() == best) bestEpoch = e.path("epoch").asInt();
    Path ckpt = RunFiles.last(runDir);
    boolean stopped = java.nio.file.Files.isRegularFile(ckpt) && Checkpoint.header(ckpt).state().stopped;
    return Convergence.of(bestEpoch, last.path("epoch").asInt(), best, last.path("step").asLong(),
        stopped ? Convergence.EARLY_STOPPING : Convergence.EPOCH_LIMIT);
  }

  private static SplitMetrics metrics(JsonNode n) {
    return new SplitMetrics(n.path("auc").asDouble(Double.NaN), n.path("logloss").asDouble(Double.NaN),
        n.path("gauc").asDouble(Double.NaN), n.path("samples").asInt(0));
  }
}
