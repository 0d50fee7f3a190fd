package org.r2led.bench;

import java.util.List;

/**
 * The runs of one model: the grid trials on seed 1 (in grid order), the setting chosen among them
 * by validation AUC, and the runs of seeds 1..N at that setting (seed 1's is its trial).
 */
public record ModelRuns(String model, List<CellResult> trials, Grid.Setting chosen, List<CellResult> seeds) {
  public ModelRuns {
    trials = List.copyOf(trials);
    seeds = List.copyOf(seeds);
  }

  /** The seed-1 run at the chosen setting (its best checkpoint is the one timed for scoring). */
  public CellResult chosenTrial() { return seeds.get(0); }
}
