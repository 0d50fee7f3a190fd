package org.r2led.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.train.RunResult;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led train}: trains a model on a prepared dataset into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a CTR model (see `r2led models`) with early stopping; writes config.yaml, run.json, "
        + "metrics.json and checkpoints into the run directory and appends a line to the results ledger.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "prepared dataset directory")
  Path data;

  @Option(names = "--sids", description = "Semantic-ID directory built for this dataset (required by r2led)")
  Path sids;

  @Option(names = "--model", description = "model name, see `r2led models` (overrides the config's 'model')")
  String model;

  @Option(names = "--config", description = "YAML file of config keys")
  Path config;

  @Option(names = "--set", description = "override a config key, e.g. --set embedding_dim=32 (repeatable)")
  List<String> settings = new ArrayList<>();

  @Option(names = "--out", required = true, description = "run directory")
  Path out;

  @Option(names = "--resume", description = "continue the run in --out from its last checkpoint; only epochs, min_steps, max_steps, patience, "
      + "eval_steps and checkpoint_steps may change (see docs/training.md)")
  boolean resume;

  @Option(names = "--init-from", description = "start a new run from an exported model or a run directory (warm start): same model "
      + "and model keys, its parameters with the vocabulary re-indexed by raw id, rows for new ids (see docs/training.md)")
  Path initFrom;

  @Option(names = "--ledger", description = "results ledger TSV (default: results.tsv beside the run directory)")
  Path ledger;

  @Option(names = "--no-progress", description = "do not draw the progress bar")
  boolean noProgress;

  @Option(names = "--workers", description = "data-parallel worker threads (config key 'workers', default 1): each takes a "
      + "contiguous shard of every batch with one PyTorch intra-op thread; gradients are merged into one synchronous "
      + "update, so N workers train as one with the same batch_size (see docs/scale.md)")
  Integer workers;

  @Override
  public Integer call() {
    List<String> set = new ArrayList<>(settings);
    if (workers != null) set.add("workers=" + workers);
    RunResult r = Trainer.train(new TrainRequest(data, sids, model, config, set, out, resume, ledger, !noProgress, null, initFrom));
    System.out.printf(java.util.Locale.ROOT, "%s  run %s%n  valid  %s%n  test   %s%n  training %,.0f samples/s, %d steps, best at step %d%n",
        r.model(), r.runDir(), r.valid(), r.test(), r.trainSamplesPerSecond(), r.steps(), r.bestStep());
    return 0;
  }
}
