package org.r2led.seqrec;

import java.nio.file.Path;
import java.util.Map;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.io.Progress;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.NextItemProtocol;
import org.r2led.nextitem.SampledNegatives;
import org.r2led.nextitem.TargetSlice;
import java.util.function.Supplier;
import org.r2led.sid.embed.BgeSmallEncoder;
import org.r2led.sid.embed.TokenLevelEncoder;
import org.r2led.train.Checkpoint;

/** {@code seqrec evaluate}: reloads a run's best parameters and recomputes a split's metrics under both protocols. */
public final class SeqRecEvaluation {
  private SeqRecEvaluation() {}

  /** Metrics of {@code split} (valid or test) from the run's {@code best.ckpt}. */
  public static SeqRecMetrics evaluate(Path runDir, Split split, boolean progress) {
    return evaluate(runDir, split, TargetSlice.ALL, progress, BgeSmallEncoder::new);
  }

  /** Metrics of {@code split} over the examples of {@code slice} only (e.g. targets the user had before). */
  public static SeqRecMetrics evaluate(Path runDir, Split split, TargetSlice slice, boolean progress) {
    return evaluate(runDir, split, slice, progress, BgeSmallEncoder::new);
  }

  /** As {@link #evaluate(Path, Split, boolean)} with the sentence encoder that computed the run's views. */
  public static SeqRecMetrics evaluate(Path runDir, Split split, boolean progress, Supplier<TokenLevelEncoder> encoder) {
    return evaluate(runDir, split, TargetSlice.ALL, progress, encoder);
  }

  private static SeqRecMetrics evaluate(Path runDir, Split split, TargetSlice slice, boolean progress,
      Supplier<TokenLevelEncoder> encoder) {
    if (split == Split.TRAIN) throw new IllegalArgumentException("split: expected valid or test, got train");
    Map<String, Object> run = SeqRecRunFiles.readRun(runDir);
    Config cfg = SeqRecRunFiles.readConfig(runDir);
    Path data = Path.of(String.valueOf(run.get("data")));
    PreparedDataset ds = PreparedDataset.open(data);
    NextItemData nd = NextItemProtocol.load(ds);
    ItemViews views = cfg.get(SeqRecKeys.ENHANCE).equals("dmesr")
        ? ItemViewBuilder.build(ds, cfg.get(SeqRecKeys.VIEWS), cfg.get(SeqRecKeys.MAX_FINE_TOKENS), encoder,
            Path.of(String.valueOf(run.get("cache"))))
        : null;
    try (SeqRecModel model = new SeqRecModel(cfg, nd.numItems(), views)) {
      Checkpoint.read(runDir.resolve(SeqRecRunFiles.BEST), model.params(), null);
      var ex = slice.select(nd.examples(split));
      Progress p = Progress.builder("evaluating " + split.name().toLowerCase(java.util.Locale.ROOT)).total(ex.size())
          .unit("users").enabled(progress).build();
      SeqRecMetrics m = SeqRecEvaluator.evaluate(model, ex, SeqRecKeys.sampledNegatives(cfg),
          cfg.get(SeqRecKeys.EVAL_BATCH_SIZE), p);
      p.finish();
      return m;
    }
  }
}
