package org.r2led.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What to train.
 *
 * @param data prepared dataset directory
 * @param sids SID table directory, or null
 * @param model model name (overrides the config's {@code model}), or null to use the config's
 * @param configFile YAML config, or null
 * @param overrides {@code key=value} settings applied last
 * @param runDir output run directory
 * @param resume continue from {@code runDir/checkpoint/last.ckpt}
 * @param ledger results ledger (TSV) to append to, or null for {@code results.tsv} beside the run dir
 * @param progress whether to show a progress bar on stderr
 */
public record TrainRequest(Path data, Path sids, String model, Path configFile, List<String> overrides, Path runDir,
    boolean resume, Path ledger, boolean progress) {
  public TrainRequest {
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }
}
