package org.r2led.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ModelBench} runs.
 *
 * @param data prepared dataset directory
 * @param sids SID table directory, or null (models that need SIDs then fail before any training)
 * @param models registered model names (any name {@link org.r2led.model.ModelRegistry} knows)
 * @param seeds seeds 1..seeds; seed 1 searches the grid, seeds 2..N run at the chosen setting
 * @param out output directory ({@code runs/<model>/<setting>/seed<k>/}, results files)
 * @param grid training settings searched on seed 1 (by best validation AUC)
 * @param settings {@code key=value} settings applied to every run of every model
 * @param maxEpochs a cell whose epoch limit, not early stopping, ended its run is resumed with the limit doubled,
 *     up to this many epochs ({@link CellRunner})
 * @param latencyLengths history lengths of the latency sweep (empty: no sweep)
 * @param candidates candidates per history in the scoring timings
 * @param latencyRepeats most timed repetitions per scoring measurement (after warm-up; also capped by time)
 * @param latencyThreads intra-op threads during scoring timings (1 = as in serving)
 * @param progress draw each run's training progress bar (the bench's own progress lines are always printed)
 */
public record BenchRequest(Path data, Path sids, List<String> models, int seeds, Path out, Grid grid, List<String> settings,
    int maxEpochs, List<Integer> latencyLengths, int candidates, int latencyRepeats, int latencyThreads, boolean progress) {
  /** Default history lengths of the latency sweep. */
  public static final List<Integer> DEFAULT_LENGTHS = List.of(100, 300, 1000, 3000, 10_000);
  /** Default of {@link #maxEpochs}: four times the trainer's default epoch limit. */
  public static final int DEFAULT_MAX_EPOCHS = 40;

  public BenchRequest {
    models = List.copyOf(models);
    settings = settings == null ? List.of() : List.copyOf(settings);
    latencyLengths = latencyLengths == null ? List.of() : List.copyOf(latencyLengths);
    if (grid == null) grid = Grid.parse("");
    if (models.isEmpty()) throw new IllegalArgumentException("no models to benchmark (--models)");
    if (models.stream().distinct().count() != models.size()) throw new IllegalArgumentException("a model is listed twice in --models " + models);
    if (seeds < 1) throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
    if (maxEpochs < 1) throw new IllegalArgumentException("--max-epochs must be >= 1, got " + maxEpochs);
    if (candidates < 1) throw new IllegalArgumentException("--candidates must be >= 1, got " + candidates);
    if (latencyRepeats < 1) throw new IllegalArgumentException("--latency-repeats must be >= 1, got " + latencyRepeats);
    if (latencyThreads < 1) throw new IllegalArgumentException("--latency-threads must be >= 1, got " + latencyThreads);
    for (int l : latencyLengths) if (l < 1) throw new IllegalArgumentException("latency lengths must be >= 1, got " + l);
  }
}
