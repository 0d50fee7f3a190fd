package org.r2led.train;

import java.nio.file.Path;
import org.r2led.io.OrphanedTempFiles;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.model.CtrModel;
import org.r2led.model.ModelRegistry;
import org.r2led.sid.SidTable;

/**
 * A trained run reopened with the inputs {@code run.json} recorded: its resolved configuration
 * (checked against the recorded one), its dataset (checked by fingerprint) and its SID table (checked
 * by codes sha256; null when the run has none). {@code evaluate} and {@code export} start here.
 *
 * @param status {@code running}, {@code paused} or {@code finished}, as {@code run.json} records it
 */
public record RunInputs(Path runDir, TrainKeys.Resolved resolved, PreparedDataset dataset, Path sidsDir, SidTable sids,
    String status) {

  /** Reopens {@code runDir}; fails naming the file or input that does not match what the run recorded. */
  public static RunInputs open(Path runDir) { return open(runDir, ModelRegistry.builtIn()); }

  /** {@link #open(Path)} for a run whose model resolves in {@code models}. */
  public static RunInputs open(Path runDir, ModelRegistry models) {
    RunProvenance run = RunProvenance.read(runDir);
    OrphanedTempFiles.cleanIfPossible(runDir); // a reader: never fails on a read-only run directory
    Path configFile = runDir.resolve(RunFiles.CONFIG);
    TrainKeys.Resolved resolved = TrainKeys.resolve(Config.builder().file(configFile), models);
    run.checkConfig(resolved.config(), configFile);
    PreparedDataset ds = PreparedDataset.open(run.datasetDir());
    run.checkDataset(ds);
    SidTable sids = null;
    if (run.sidsDir() != null) {
      sids = SidTable.load(run.sidsDir(), ds.manifest().fingerprint());
      run.checkSids(run.sidsDir());
    }
    return new RunInputs(runDir, resolved, ds, run.sidsDir(), sids, run.status());
  }

  public Config config() { return resolved.config(); }

  /** The run's best checkpoint file. */
  public Path bestCheckpoint() { return RunFiles.best(runDir); }

  /**
   * The model with the best checkpoint's parameters (and buffers) loaded, {@link CtrModel#afterLoad}
   * and {@link CtrModel#freeze} done (for evaluation; an update would drop the frozen values).
   */
  public CtrModel loadBest() {
    CtrModel model = resolved.create(dataset, sids);
    Checkpoint.read(bestCheckpoint(), model.params(), null);
    model.afterLoad();
    model.freeze();
    return model;
  }
}
