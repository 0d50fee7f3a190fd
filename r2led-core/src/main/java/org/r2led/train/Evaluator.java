package org.r2led.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.io.Json;
import org.r2led.model.ModelRegistry;
import org.r2led.config.Config;

/** Re-evaluates a finished run: reloads its config, dataset, SIDs and best checkpoint. */
public final class Evaluator {
  private Evaluator() {}

  /**
   * Result of an evaluation.
   *
   * @param logged the metrics {@code train} logged for that split in {@code metrics.json}, or null
   * @param oracle metrics of the true probabilities (synthetic data), or null
   */
  public record Result(Split split, SplitMetrics metrics, SplitMetrics logged, SplitMetrics oracle) {
    /** Whether the metrics equal the logged ones exactly. */
    public boolean reproducesLogged() {
      return logged != null && Double.compare(metrics.auc(), logged.auc()) == 0
          && Double.compare(metrics.logloss(), logged.logloss()) == 0 && Double.compare(metrics.gauc(), logged.gauc()) == 0;
    }
  }

  /**
   * Metrics of the true click probabilities (synthetic datasets): the oracle a model can at best
   * reach; null when the split has no true probabilities.
   */
  public static SplitMetrics oracle(PreparedDataset ds, Split split) {
    org.r2led.data.SampleSplit s = ds.split(split);
    if (!s.hasTrueProbabilities()) return null;
    float[] p = new float[s.size()];
    for (int i = 0; i < p.length; i++) p[i] = s.trueProbability(i);
    return SplitMetrics.of(p, s);
  }

  /**
   * Reloads the best checkpoint of {@code runDir} and computes the metrics on {@code split}. Refuses
   * a run whose config, dataset or SID table differ from what {@code run.json} recorded.
   */
  public static Result evaluate(Path runDir, Split split, boolean progress) {
    return evaluate(runDir, split, progress, ModelRegistry.builtIn());
  }

  /** {@link #evaluate(Path, Split, boolean)} for a run whose model resolves in {@code models}. */
  public static Result evaluate(Path runDir, Split split, boolean progress, ModelRegistry models) {
    RunInputs run = RunInputs.open(runDir, models);
    PreparedDataset ds = run.dataset();
    Config cfg = run.config();
    SplitMetrics m;
    try (TrainingSession s = new TrainingSession(run.loadBest(), cfg)) {
      m = s.evaluate(ds.split(split), cfg.get(TrainKeys.EVAL_BATCH_SIZE), Trainer.progress(split.id(), ds.split(split).size(), progress));
    }
    SplitMetrics logged = null;
    Path metrics = runDir.resolve(RunFiles.METRICS);
    if (Files.isRegularFile(metrics) && (split == Split.TEST || split == Split.VALID)) {
      try {
        JsonNode node = Json.MAPPER.readTree(metrics.toFile()).path(split.id());
        if (!node.isMissingNode()) logged = Json.MAPPER.treeToValue(node, SplitMetrics.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + metrics, e);
      }
    }
    return new Result(split, m, logged, oracle(ds, split));
  }

  /**
   * The click probabilities {@code evaluate} computes for every sample of {@code split}, in split
   * order (the same checks, batches and forward pass), e.g. to compare another scoring path with it.
   */
  public static float[] predictions(Path runDir, Split split) {
    RunInputs run = RunInputs.open(runDir);
    try (TrainingSession s = new TrainingSession(run.loadBest(), run.config())) {
      return s.predict(run.dataset().split(split), run.config().get(TrainKeys.EVAL_BATCH_SIZE), null);
    }
  }
}
