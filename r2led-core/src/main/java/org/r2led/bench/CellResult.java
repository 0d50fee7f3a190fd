package org.r2led.bench;

import org.r2led.train.RunResult;

/** A finished cell: its run's result and how it was obtained. */
public record CellResult(Cell cell, RunResult run, Outcome outcome) {
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
