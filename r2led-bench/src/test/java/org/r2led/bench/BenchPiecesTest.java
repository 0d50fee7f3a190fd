package org.r2led.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.r2led.train.RunResult;
import org.r2led.train.SplitMetrics;

class BenchPiecesTest {
  private static CellResult trial(String setting, double validAuc) {
    Grid.Setting s = new Grid.Setting(setting, List.of());
    Cell c = Cell.of(Path.of("out"), "m", s, 1, List.of());
    SplitMetrics v = new SplitMetrics(validAuc, 0.5, 0.5, 10);
    return new CellResult(c, new RunResult(c.runDir(), "m", 1, v, v, 1, 1, 1, 100, null), CellResult.Outcome.TRAINED);
  }

  @Test
  void choosesBestValidationAucFirstAmongEqualsNaNWorst() {
    assertEquals(1, GridSearch.choose(List.of(trial("a", 0.6), trial("b", 0.7), trial("c", 0.65))));
    assertEquals(0, GridSearch.choose(List.of(trial("a", 0.7), trial("b", 0.7))));
    assertEquals(1, GridSearch.choose(List.of(trial("a", Double.NaN), trial("b", 0.51))));
    assertEquals(0, GridSearch.choose(List.of(trial("a", Double.NaN), trial("b", Double.NaN))));
  }

  @Test
  void cellSettingsAreGridThenCommonThenSeedInItsOwnDirectory() {
    Grid.Setting s = Grid.parse("learning_rate=3e-4").settings().get(0);
    Cell c = Cell.of(Path.of("out"), "din", s, 2, List.of("epochs=1"));
    assertEquals(List.of("learning_rate=3e-4", "epochs=1", "seed=2"), c.overrides());
    assertEquals(Path.of("out", "runs", "din", "learning_rate=3e-4", "seed2"), c.runDir());
  }

  @Test
  void medianAndCsvQuoting() {
    assertEquals(2.0, ModelFigures.median(new double[] {3, 1, 2}));
    assertEquals(2.5, ModelFigures.median(new double[] {4, 1, 2, 3}));
    assertEquals("a b", ResultsCsv.quote("a b"));
    assertEquals("\"x=[1,2]\"", ResultsCsv.quote("x=[1,2]"));
    assertEquals("\"say \"\"hi\"\"\"", ResultsCsv.quote("say \"hi\""));
  }
}
