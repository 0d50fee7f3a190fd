package org.r2led.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.r2led.io.Json;
import org.r2led.train.RunFiles;
import org.r2led.train.RunResult;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one cell as a normal {@link Trainer#train} run, or reuses what its run directory holds: a
 * finished run ({@code metrics.json}) is read back, an interrupted one (a checkpoint, no metrics)
 * is resumed with {@code resume=true}. Either way the directory must have been made with the
 * same settings (its {@code epochs} aside, see below) and dataset, otherwise it fails rather than mixing runs.
 *
 * <p>A run that its epoch limit ended, not early stopping, is <b>extended</b>: resumed with the limit
 * doubled, until early stopping ends it or it has trained {@code maxEpochs}. Training is deterministic
 * and a resume continues exactly, so the result is the run a limit of {@code maxEpochs} with early
 * stopping gives, whatever the starting {@code epochs}; a run trained beyond {@code maxEpochs} is refused.
 */
public final class CellRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CellRunner.class);
  private final Path data;
  private final Path sids;
  private final String datasetFingerprint;
  private final Path ledger;
  private final boolean progress;
  private final int maxEpochs;

  /**
   * @param datasetFingerprint the dataset's manifest fingerprint (a reused run must have been trained on it)
   * @param ledger results ledger every run appends to
   * @param progress draw each run's training progress bar
   * @param maxEpochs most epochs a run is extended to
   */
  public CellRunner(Path data, Path sids, String datasetFingerprint, Path ledger, boolean progress, int maxEpochs) {
    this.data = data;
    this.sids = sids;
    this.datasetFingerprint = datasetFingerprint;
    this.ledger = ledger;
    this.progress = progress;
    this.maxEpochs = maxEpochs;
  }

  /** Whether {@code cell} is finished already (reused without training). */
  public static boolean done(Cell cell) { return RunDirs.finished(cell.runDir()); }

  public CellResult run(Cell cell) {
    Path dir = cell.runDir();
    TrainKeys.Resolved expected = TrainKeys.resolve(cell.model(), cell.overrides());
    if (RunDirs.finished(dir)) {
      checkSame(cell, expected);
      RunResult r = RunDirs.read(dir);
      if (!r.model().equals(cell.model()) || r.seed() != cell.seed()) {
        throw new IllegalStateException(dir + " holds a run of " + r.model() + " seed " + r.seed() + ", expected " + cell);
      }
      return extend(cell, r, CellResult.Outcome.REUSED);
    }
    boolean resume = RunDirs.resumable(dir);
    if (resume) checkSame(cell, expected);
    RunResult r = Trainer.train(new TrainRequest(data, sids, cell.model(), null, cell.overrides(), dir, resume, ledger, progress));
    if (!RunDirs.finished(dir)) {
      throw new IllegalStateException("run " + dir + " paused before its first evaluation (max_steps); it has no metrics to compare."
          + " Raise max_steps or leave it at 0 for benchmarks");
    }
    return extend(cell, r, resume ? CellResult.Outcome.RESUMED : CellResult.Outcome.TRAINED);
  }

  /** Resumes {@code r} with a doubled epoch limit while that limit ended it and it is below {@code maxEpochs}. */
  private CellResult extend(Cell cell, RunResult r, CellResult.Outcome outcome) {
    Path dir = cell.runDir();
    int extensions = 0;
    while (true) {
      if (r.epochs() > maxEpochs) {
        throw new IllegalArgumentException("run directory " + dir + " trained " + r.epochs() + " epochs, more than --max-epochs "
            + maxEpochs + "; raise --max-epochs, use another --out or delete that directory");
      }
      if (r.convergence() == null || !r.convergence().endedByLimit() || r.epochs() >= maxEpochs) break;
      int limit = Math.min(maxEpochs, 2 * r.epochs());
      LOG.info(String.format(Locale.ROOT, "bench: %s: its epoch limit ended the run (best/last epoch %s); extending to epochs=%d",
          cell, r.convergence().label(), limit));
      List<String> o = new ArrayList<>(cell.overrides());
      o.add(TrainKeys.EPOCHS.name() + "=" + limit);
      int before = r.epochs();
      r = Trainer.train(new TrainRequest(data, sids, cell.model(), null, o, dir, true, ledger, progress));
      if (r.epochs() <= before) throw new IllegalStateException("extending " + dir + " to epochs=" + limit + " trained nothing");
      extensions++;
    }
    return new CellResult(cell, r, outcome, extensions);
  }

  private void checkSame(Cell cell, TrainKeys.Resolved expected) {
    Path dir = cell.runDir();
    // epochs is the bench's to raise (extension); every other key must match
    List<String> diffs = RunDirs.configDifferences(dir, expected.config(), k -> !k.equals(TrainKeys.EPOCHS.name()));
    if (!diffs.isEmpty()) {
      throw new IllegalArgumentException("run directory " + dir + " was made with other settings (" + String.join(", ", diffs)
          + "); use another --out or delete that directory");
    }
    Path runJson = dir.resolve(RunFiles.RUN);
    if (Files.isRegularFile(runJson)) {
      String fp = Json.read(runJson, JsonNode.class).path("dataset").path("manifest_fingerprint").asText("");
      if (!fp.isEmpty() && !fp.equals(datasetFingerprint)) {
        throw new IllegalArgumentException("run directory " + dir + " was trained on another dataset (fingerprint " + fp
            + ", --data has " + datasetFingerprint + "); use another --out or delete that directory");
      }
    }
  }
}
