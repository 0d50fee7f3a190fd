package org.r2led.seqrec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.io.DirLock;
import org.r2led.io.Json;
import org.r2led.io.Progress;
import org.r2led.nextitem.NextItemData;
import org.r2led.nextitem.NextItemExample;
import org.r2led.nextitem.NextItemProtocol;
import org.r2led.nextitem.SampledNegatives;
import org.r2led.sid.embed.BgeSmallEncoder;
import org.r2led.sid.embed.TokenLevelEncoder;
import org.r2led.train.Convergence;
import org.r2led.train.ResumeRules;
import org.r2led.train.TrainState;
import org.r2led.train.TrainingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a sequential recommender on the next-item protocol: the {@link TrainingLoop} on the
 * {@link SeqRecTask} (seeded windows per epoch, Adam, validation NDCG@10 over the full catalog after
 * every epoch, early stopping after {@code patience} epochs without improvement, not before
 * {@code min_steps} steps, which also raise the epoch limit), with {@code best.ckpt} and a resumable
 * {@code last.ckpt}; then both protocols on valid and test from the best parameters, as
 * {@code seqrec evaluate} recomputes them. {@code max_steps} pauses a run; {@code --resume} continues
 * it exactly (also after a kill).
 */
public final class SeqRecTrainer {
  private static final Logger log = LoggerFactory.getLogger(SeqRecTrainer.class);

  private SeqRecTrainer() {}

  /**
   * What to train. {@code encoder} supplies the sentence encoder when DMESR views must be computed;
   * with {@code resume} the run in {@code runDir} continues from its last checkpoint ({@code config}
   * may then change only {@link ResumeRules#SCHEDULE_KEYS}).
   */
  public record Request(Path data, Path runDir, Config config, Path cacheDir, boolean progress,
      Supplier<TokenLevelEncoder> encoder, boolean resume) {
    public Request(Path data, Path runDir, Config config, Path cacheDir, boolean progress) {
      this(data, runDir, config, cacheDir, progress, BgeSmallEncoder::new, false);
    }

    public Request(Path data, Path runDir, Config config, Path cacheDir, boolean progress, Supplier<TokenLevelEncoder> encoder) {
      this(data, runDir, config, cacheDir, progress, encoder, false);
    }
  }

  public static SeqRecResult train(Request req) {
    try (DirLock lock = DirLock.acquire(req.runDir())) {
      Path runDir = req.runDir();
      PreparedDataset ds = PreparedDataset.open(req.data());
      if (req.resume()) {
        SeqRecRunFiles.checkResumable(runDir, req.config(), ds);
      } else {
        if (Files.exists(runDir.resolve(SeqRecRunFiles.BEST)) || Files.exists(runDir.resolve(SeqRecRunFiles.LAST))) {
          throw new IllegalArgumentException("run directory " + runDir + " already holds a trained run; use --resume or another --out");
        }
        SeqRecRunFiles.checkFreshTarget(lock.dir());
      }
      NextItemData data = NextItemProtocol.load(ds);
      Config cfg = req.config();
      if (cfg.get(SeqRecKeys.LOSS).equals("ce")) {
        SeqRecModel.checkFullSoftmaxSize(cfg.get(SeqRecKeys.BATCH_SIZE), cfg.get(SeqRecKeys.MAX_SEQ_LEN), data.numItems());
      }
      ItemViews views = cfg.get(SeqRecKeys.ENHANCE).equals("dmesr")
          ? ItemViewBuilder.build(ds, cfg.get(SeqRecKeys.VIEWS), cfg.get(SeqRecKeys.MAX_FINE_TOKENS), req.encoder(), req.cacheDir())
          : null;
      Map<String, Object> viewReport = views == null ? null : views.report();
      if (viewReport != null) log.info("item views: " + Json.toString(viewReport));
      SeqRecRunFiles.writeConfig(runDir, cfg);
      SeqRecRunFiles.writeRun(runDir, ds, req.cacheDir(), viewReport, "running");
      try (SeqRecModel model = new SeqRecModel(cfg, data.numItems(), views)) {
        Fitted f = fit(model, data, cfg, runDir, req.progress(), req.resume());
        Json.write(runDir.resolve(SeqRecRunFiles.METRICS), SeqRecRunFiles.metricsJson(f.result()));
        SeqRecRunFiles.writeRun(runDir, ds, req.cacheDir(), viewReport, f.paused() ? "paused" : "finished");
        return f.result();
      }
    }
  }

  /** Trains {@code model} on {@code data}, writes {@code best.ckpt} and {@code last.ckpt} into {@code runDir}, returns the metrics. */
  public static SeqRecResult fit(SeqRecModel model, NextItemData data, Config cfg, Path runDir, boolean showProgress) {
    return fit(model, data, cfg, runDir, showProgress, false).result();
  }

  /** A run's result and whether {@code max_steps} paused it. */
  private record Fitted(SeqRecResult result, boolean paused) {}

  private static Fitted fit(SeqRecModel model, NextItemData data, Config cfg, Path runDir, boolean showProgress, boolean resume) {
    int seed = cfg.get(SeqRecKeys.SEED);
    int evalBatch = cfg.get(SeqRecKeys.EVAL_BATCH_SIZE);
    TrainingWindows windows = new TrainingWindows(data, model.maxLen(), model.cloze(), cfg.get(SeqRecKeys.WINDOWS_PER_USER),
        cfg.get(SeqRecKeys.MASK_PROB), model.maskId(), cfg.get(SeqRecKeys.WINDOWS).equals("tile"));
    SampledNegatives negatives = SeqRecKeys.sampledNegatives(cfg);
    List<NextItemExample> valid = data.examples(Split.VALID);
    List<NextItemExample> test = data.examples(Split.TEST);
    boolean dmesr = cfg.get(SeqRecKeys.ENHANCE).equals("dmesr");
    String label = cfg.get(SeqRecKeys.BACKBONE) + "+" + cfg.get(SeqRecKeys.ENHANCE)
        + (dmesr && !cfg.get(SeqRecKeys.ALIGNMENT) ? " (no alignment)" : "")
        + (dmesr && !cfg.get(SeqRecKeys.FUSION) ? " (no fusion)" : "") + " seed " + seed;
    SeqRecTask task = new SeqRecTask(model, windows, cfg, valid, label);
    TrainingLoop.Checkpoints files = new TrainingLoop.Checkpoints(runDir.resolve(SeqRecRunFiles.BEST), runDir.resolve(SeqRecRunFiles.LAST));
    TrainState st;
    if (resume) {
      st = TrainingLoop.resume(task, files.last());
      log.info(String.format(Locale.ROOT, "resuming %s at epoch %d, batch %d (step %d)", runDir, st.epoch + 1, st.nextBatch, st.globalStep));
    } else {
      st = TrainingLoop.fresh(cfg.get(SeqRecKeys.LEARNING_RATE));
    }
    boolean paused = TrainingLoop.run(task, SeqRecKeys.schedule(cfg), files, st, showProgress);
    if (Files.isRegularFile(files.best())) {
      TrainingLoop.loadBest(task, files.best());
    } else {
      log.info(String.format(Locale.ROOT, "paused at max_steps=%d before the first evaluation (metrics of the current parameters); "
          + "continue with --resume --set max_steps=0", st.globalStep));
    }
    Convergence conv = TrainingLoop.convergence(st, task.batchesPerEpoch(), paused);
    SeqRecMetrics v = SeqRecEvaluator.evaluate(model, valid, negatives, evalBatch, Progress.silent());
    SeqRecMetrics t = SeqRecEvaluator.evaluate(model, test, negatives, evalBatch, Progress.silent());
    log.info(label + ": " + conv.describe());
    log.info(label + " valid (best epoch " + conv.bestEpoch() + "):" + System.lineSeparator() + v.format());
    log.info(label + " test:" + System.lineSeparator() + t.format());
    return new Fitted(new SeqRecResult(runDir, label, v, t, conv.bestEpoch(), st.epoch, st.globalStep,
        TrainingLoop.examplesPerSecond(st), conv), paused);
  }
}
