package org.r2led.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.model.CtrModel;
import org.r2led.model.HistorySamples;
import org.r2led.model.ModelKeys;
import org.r2led.model.ModelRegistry;
import org.r2led.sid.SidTable;
import org.r2led.train.Checkpoint;
import org.r2led.train.RunFiles;
import org.r2led.train.TrainKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scoring cost of models, timed with {@link ScoringTimer} at a fixed intra-op thread count: a
 * trained model (a run's best checkpoint) on a typical test history for 1 and C candidates, and
 * untrained models of the same configuration with {@code max_seq_len} raised to each length of a
 * sweep, on synthetic histories of that length (shapes, not parameter values, set the cost).
 */
public final class ScoringBench {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringBench.class);
  private ScoringBench() {}

  /**
   * Timings of a trained model.
   *
   * @param historyEvents events in the timed history (before the model's own cap)
   * @param one one candidate per history
   * @param many C candidates sharing the history
   * @param size the model's parameter counts
   */
  public record Trained(int historyEvents, ScoringTimer.Timing one, ScoringTimer.Timing many, ModelSize size) {}

  /** One point of the length sweep; timing null (and error set) when it could not run. */
  public record Point(int length, ScoringTimer.Timing timing, String error) {
    public double microsPerTarget() { return timing == null ? Double.NaN : timing.microsPerTarget(); }
  }

  /** Loads the best checkpoint of {@code runDir} and freezes it (as {@code evaluate} and serving do), then times it on {@code source}. */
  public static Trained trained(PreparedDataset ds, SidTable sids, Path runDir, HistorySamples.Query source, int repeats, int threads) {
    TrainKeys.Resolved resolved = TrainKeys.resolve(Config.builder().file(runDir.resolve(RunFiles.CONFIG)));
    CtrModel model = resolved.create(ds, sids);
    Checkpoint.read(RunFiles.best(runDir), model.params(), null);
    model.afterLoad();
    model.freeze();
    return IntraOpThreads.with(threads, () -> new Trained(source.length(),
        ScoringTimer.time(model, HistorySamples.of(source.first(1)), repeats), ScoringTimer.time(model, HistorySamples.of(source), repeats), ModelSize.of(model)));
  }

  /**
   * Times {@code model} configured by {@code overrides} (plus {@code max_seq_len=L} when the model has
   * that key) on a synthetic history of each length L with {@code candidates} candidates.
   */
  public static List<Point> sweep(PreparedDataset ds, SidTable sids, String model, List<String> overrides, List<Integer> lengths,
      int candidates, int repeats, int threads) {
    boolean capped = ModelRegistry.builtIn().spec(model).keys().contains(ModelKeys.MAX_SEQ_LEN.name());
    List<Point> out = new ArrayList<>();
    for (int len : lengths) {
      List<String> o = new ArrayList<>(overrides);
      if (capped) o.add(ModelKeys.MAX_SEQ_LEN.name() + "=" + len);
      try {
        CtrModel m = TrainKeys.resolve(model, o).create(ds, sids);
        HistorySamples src = HistorySamples.of(ScoringInputs.synthetic(ds, len, candidates));
        ScoringTimer.Timing t = IntraOpThreads.with(threads, () -> ScoringTimer.time(m, src, repeats));
        out.add(new Point(len, t, null));
        LOG.info(String.format(Locale.ROOT, "  %s, history %,d: %.1f µs/target (%d candidates, median of %d)", model, len,
            t.microsPerTarget(), candidates, t.repeats()));
      } catch (RuntimeException | OutOfMemoryError e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.info(String.format(Locale.ROOT, "  %s, history %,d: failed: %s", model, len, msg));
        out.add(new Point(len, null, msg));
      }
    }
    return out;
  }
}
