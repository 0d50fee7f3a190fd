package org.r2led.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.r2led.io.Json;
import org.r2led.train.RunFiles;
import org.r2led.train.RunResult;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;

/**
 * Runs one cell as a normal {@link Trainer#train} run, or reuses what its run directory holds: a
 * finished run ({@code metrics.json}) is read back, an interrupted one (a checkpoint, no metrics)
 * is resumed with {@code resume=true}. Either way the directory must have been made with the
 * same settings and dataset, otherwise it fails rather than mixing runs.
 */
public final class CellRunner {
  private final Path data;
  private final Path sids;
  private final String datasetFingerprint;
  private final Path ledger;
  private final boolean progress;

  /**
   * @param datasetFingerprint the dataset's manifest fingerprint (a reused run must have been trained on it)
   * @param ledger results ledger every run appends to
   * @param progress draw each run's training progress bar
   */
  public CellRunner(Path data, Path sids, String datasetFingerprint, Path ledger, boolean progress) {
    this.data = data;
    this.sids = sids;
    this.datasetFingerprint = datasetFingerprint;
    this.ledger = ledger;
    this.progress = progress;
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
      return new CellResult(cell, r, CellResult.Outcome.REUSED);
    }
    boolean resume = RunDirs.resumable(dir);
    if (resume) checkSame(cell, expected);
    RunResult r = Trainer.train(new TrainRequest(data, sids, cell.model(), null, cell.overrides(), dir, resume, ledger, progress));
    if (!RunDirs.finished(dir)) {
      throw new IllegalStateException("run " + dir + " paused before its first evaluation (max_steps); it has no metrics to compare."
          + " Raise max_steps or leave it at 0 for benchmarks");
    }
    return new CellResult(cell, r, resume ? CellResult.Outcome.RESUMED : CellResult.Outcome.TRAINED);
  }

  private void checkSame(Cell cell, TrainKeys.Resolved expected) {
    Path dir = cell.runDir();
    List<String> diffs = RunDirs.configDifferences(dir, expected.config());
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
