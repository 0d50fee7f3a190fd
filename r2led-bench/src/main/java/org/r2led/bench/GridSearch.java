package org.r2led.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The budget rule, the same for every model: each grid setting is trained on seed 1, the setting
 * with the best validation AUC is chosen (ties and NaN: the earlier setting wins; the test split is
 * never looked at), then seeds 2..N are trained at the chosen setting.
 */
public final class GridSearch {
  private GridSearch() {}

  /** The seed-1 cells of {@code model}, one per grid setting. */
  public static List<Cell> trialCells(Path out, String model, Grid grid, List<String> common) {
    List<Cell> cells = new ArrayList<>();
    for (Grid.Setting s : grid.settings()) cells.add(Cell.of(out, model, s, 1, common));
    return cells;
  }

  /** The cells of seeds 2..N of {@code model} at {@code chosen}. */
  public static List<Cell> seedCells(Path out, String model, Grid.Setting chosen, int seeds, List<String> common) {
    List<Cell> cells = new ArrayList<>();
    for (int k = 2; k <= seeds; k++) cells.add(Cell.of(out, model, chosen, k, common));
    return cells;
  }

  /** Index of the trial with the best validation AUC (first among equals; NaN counts as worst). */
  public static int choose(List<CellResult> trials) {
    int best = 0;
    double bestAuc = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < trials.size(); i++) {
      double a = trials.get(i).run().valid().auc();
      if (!Double.isNaN(a) && a > bestAuc) {
        bestAuc = a;
        best = i;
      }
    }
    return best;
  }

  /** Runs the search for {@code model}, each cell through {@code runner}. */
  public static ModelRuns run(Path out, String model, Grid grid, int seeds, List<String> common, Function<Cell, CellResult> runner) {
    List<CellResult> trials = new ArrayList<>();
    for (Cell c : trialCells(out, model, grid, common)) trials.add(runner.apply(c));
    CellResult chosen = trials.get(choose(trials));
    List<CellResult> runs = new ArrayList<>();
    runs.add(chosen);
    for (Cell c : seedCells(out, model, chosen.cell().setting(), seeds, common)) runs.add(runner.apply(c));
    return new ModelRuns(model, trials, chosen.cell().setting(), runs);
  }
}
