package org.r2led.bench;

import org.r2led.train.RunResult;

/**
 * A finished cell: its run's result, how it was obtained, and how many times this invocation resumed
 * it with a larger epoch limit because the limit, not early stopping, had ended it.
 */
public record CellResult(Cell cell, RunResult run, Outcome outcome, int extensions) {
  public CellResult(Cell cell, RunResult run, Outcome outcome) { this(cell, run, outcome, 0); }

  /** How a cell's result was obtained. */
  public enum Outcome {
    /** Its run directory already had {@code metrics.json}: read back, not recomputed. */
    REUSED,
    /** Its run directory had a checkpoint but no metrics: continued with {@code resume=true}. */
    RESUMED,
    /** Trained from scratch. */
    TRAINED
  }
}
