package org.r2led.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.options.TrainOptions;
import org.r2led.train.RunResult;
import org.r2led.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r2led train}: trains a model on a prepared dataset into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a CTR model (see `r2led models`) with early stopping; writes config.yaml, run.json, "
        + "metrics.json and checkpoints into the run directory and appends a line to the results ledger.")
public final class TrainCommand implements Callable<Integer> {
  /** The options `spark train` shares. */
  @Mixin
  TrainOptions options;

  @Option(names = "--init-from", description = "start a new run from an exported model or a run directory (warm start): same model "
      + "and model keys, its parameters with the vocabulary re-indexed by raw id, rows for new ids (see docs/training.md)")
  Path initFrom;

  @Option(names = "--workers", description = "data-parallel worker threads (config key 'workers', default 1): each takes a "
      + "contiguous shard of every batch with one PyTorch intra-op thread; gradients are merged into one synchronous "
      + "update, so N workers train as one with the same batch_size (see docs/scale.md)")
  Integer workers;

  @Override
  public Integer call() {
    RunResult r = Trainer.train(options.request(workers == null ? List.of() : List.of("workers=" + workers), initFrom));
    System.out.printf(java.util.Locale.ROOT, "%s  run %s%n  valid  %s%n  test   %s%n  training %,.0f samples/s, %d steps, best at step %d%n",
        r.model(), r.runDir(), r.valid(), r.test(), r.trainSamplesPerSecond(), r.steps(), r.bestStep());
    return 0;
  }
}
