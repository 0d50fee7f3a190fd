package org.r2led.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.r2led.train.TrainRequest;
import picocli.CommandLine.Option;

/**
 * The options of a training run that {@code spark train} shares with {@code train} (a picocli mixin):
 * data, model, config keys, run directory, resume, ledger and progress; they build the same
 * {@link TrainRequest} for both.
 */
public final class TrainOptions {
  @Option(names = "--data", required = true, description = "prepared dataset directory (spark train on a cluster: on storage every executor reads)")
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

  @Option(names = "--ledger", description = "results ledger TSV (default: results.tsv beside the run directory)")
  Path ledger;

  @Option(names = "--no-progress", description = "do not draw the progress bar")
  boolean noProgress;

  /** The request these options describe (no warm start). */
  public TrainRequest request() { return request(List.of(), null); }

  /**
   * The request these options describe, with {@code moreSettings} ({@code key=value}) applied after
   * the {@code --set} ones and a warm start from {@code initFromOrNull} (null: none).
   */
  public TrainRequest request(List<String> moreSettings, Path initFromOrNull) {
    List<String> all = new ArrayList<>(settings);
    all.addAll(moreSettings);
    return new TrainRequest(data, sids, model, config, all, out, resume, ledger, !noProgress, null, initFromOrNull);
  }
}
