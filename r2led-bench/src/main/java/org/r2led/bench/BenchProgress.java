package org.r2led.bench;

import java.util.Locale;
import org.r2led.io.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress across a whole benchmark on stderr: a line when a cell starts and one when it ends with
 * cells done/total, elapsed time and ETA ({@link Progress} over the cells that need training;
 * reused cells are counted apart, so they do not distort the rate).
 */
final class BenchProgress {
  private static final Logger LOG = LoggerFactory.getLogger(BenchProgress.class);
  private final int total;
  private final Progress bar;
  private int started;
  private int reused;
  private int resumed;
  private int trained;
  private int extended;

  /**
   * @param total cells of the whole benchmark
   * @param toTrain cells expected to need training (or resuming)
   */
  BenchProgress(int total, int toTrain) {
    this.total = total;
    this.bar = Progress.builder("bench").total(Math.max(1, toTrain)).unit("cells").intervalMillis(0).inPlace(false).build();
    LOG.info(String.format(Locale.ROOT, "bench: %d cells, %d finished earlier (reused), %d to train", total, total - toTrain, toTrain));
  }

  /** Runs (or reuses) {@code cell} through {@code runner}, reporting progress. */
  CellResult run(Cell cell, CellRunner runner) {
    started++;
    boolean done = CellRunner.done(cell);
    if (!done) {
      LOG.info(String.format(Locale.ROOT, "bench: cell %d/%d: %s%s -> %s", started, total, cell, RunDirs.resumable(cell.runDir()) ? " (resuming)" : "",
          cell.runDir()));
    }
    CellResult r = runner.run(cell);
    switch (r.outcome()) {
      case REUSED -> reused++;
      case RESUMED -> resumed++;
      case TRAINED -> trained++;
    }
    if (r.extensions() > 0) extended++;
    String epochs = r.run().convergence() == null ? "" : ", best/last epoch " + r.run().convergence().label();
    String summary = String.format(Locale.ROOT, "%d/%d cells done (%d reused); last %s: valid AUC %.4f, test AUC %.4f%s",
        started, total, reused, cell, r.run().valid().auc(), r.run().test().auc(), epochs);
    if (r.outcome() == CellResult.Outcome.REUSED && r.extensions() == 0) {
      LOG.info(String.format(Locale.ROOT, "bench: cell %d/%d: %s reused (valid AUC %.4f) from %s", started, total, cell, r.run().valid().auc(),
          cell.runDir()));
    } else {
      bar.update(bar.done() + 1, () -> summary);
    }
    return r;
  }

  BenchResult.Counts counts() { return new BenchResult.Counts(started, reused, resumed, trained, extended); }

  void finish() {
    String counts = String.format(Locale.ROOT, "%d cells: %d reused, %d resumed, %d trained; %d extended", started, reused, resumed,
        trained, extended);
    if (resumed + trained + extended > 0) bar.finish(counts);
    else LOG.info("bench: " + counts);
  }
}
