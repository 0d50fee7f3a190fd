package org.r2led.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One training run of the benchmark: a model at a grid setting with a seed, in
 * {@code OUT/runs/<model>/<setting-id>/seed<k>/}. Its settings are the grid setting's, then the
 * bench-wide {@code --set} ones, then {@code seed=k}.
 */
public record Cell(String model, Grid.Setting setting, int seed, Path runDir, List<String> common) {
  public Cell {
    common = List.copyOf(common);
  }

  /** The cell of {@code model} at {@code setting} and {@code seed} under {@code out}. */
  public static Cell of(Path out, String model, Grid.Setting setting, int seed, List<String> common) {
    return new Cell(model, setting, seed, out.resolve("runs").resolve(model).resolve(setting.id()).resolve("seed" + seed), common);
  }

  /** All {@code key=value} settings of the run (besides the model). */
  public List<String> overrides() {
    List<String> o = new ArrayList<>(setting.overrides());
    o.addAll(common);
    o.add("seed=" + seed);
    return o;
  }

  @Override
  public String toString() { return String.format(Locale.ROOT, "%s [%s] seed %d", model, setting.label(), seed); }
}
