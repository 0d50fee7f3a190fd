package org.r2led.seqrec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.r2led.nn.Adam;
import org.r2led.nn.Gradients;
import org.r2led.nn.Param;
import org.r2led.nn.Step;
import org.r2led.sid.embed.BgeSmallEncoder;
import org.r2led.sid.embed.TokenLevelEncoder;
import org.r2led.train.Checkpoint;
import org.r2led.train.Convergence;
import org.r2led.train.TrainState;

/**
 * Trains a sequential recommender on the next-item protocol: seeded windows per epoch
 * ({@link TrainingWindows}), Adam, validation NDCG@10 over the full catalog after every epoch, early stopping
 * after {@code patience} epochs without improvement (not before {@code min_steps} steps, which also raise the
 * epoch limit), the best epoch's parameters kept; then both protocols on valid and test from those
 * parameters, as {@code seqrec evaluate} recomputes them.
 */
public final class SeqRecTrainer {
  private SeqRecTrainer() {}

  /** What to train. {@code encoder} supplies the sentence encoder when DMESR views must be computed. */
  public record Request(Path data, Path runDir, Config config, Path cacheDir, boolean progress,
      Supplier<TokenLevelEncoder> encoder) {
    public Request(Path data, Path runDir, Config config, Path cacheDir, boolean progress) {
      this(data, runDir, config, cacheDir, progress, BgeSmallEncoder::new);
    }
  }

  public static SeqRecResult train(Request req) {
    try (DirLock lock = DirLock.acquire(req.runDir())) {
      if (Files.exists(req.runDir().resolve(SeqRecRunFiles.BEST))) {
        throw new IllegalArgumentException("run directory " + req.runDir() + " already holds a trained run; use another --out");
      }
      SeqRecRunFiles.checkFreshTarget(lock.dir());
      PreparedDataset ds = PreparedDataset.open(req.data());
      NextItemData data = NextItemProtocol.load(ds);
      Config cfg = req.config();
      ItemViews views = cfg.get(SeqRecKeys.ENHANCE).equals("dmesr")
          ? ItemViewBuilder.build(ds, cfg.get(SeqRecKeys.VIEWS), cfg.get(SeqRecKeys.MAX_FINE_TOKENS), req.encoder(), req.cacheDir())
          : null;
      Map<String, Object> viewReport = views == null ? null : views.report();
      if (viewReport != null) System.err.println("item views: " + Json.toString(viewReport));
      SeqRecRunFiles.writeConfig(req.runDir(), cfg);
      SeqRecRunFiles.writeRun(req.runDir(), req.data(), req.cacheDir(), viewReport, "running");
      try (SeqRecModel model = new SeqRecModel(cfg, data.numItems(), views)) {
        SeqRecResult r = fit(model, data, cfg, req.runDir(), req.progress());
        Json.write(req.runDir().resolve(SeqRecRunFiles.METRICS), SeqRecRunFiles.metricsJson(r));
        SeqRecRunFiles.writeRun(req.runDir(), req.data(), req.cacheDir(), viewReport, "finished");
        return r;
      }
    }
  }

  /** Trains {@code model} on {@code data}, writes {@code best.ckpt} into {@code runDir}, returns the metrics. */
  public static SeqRecResult fit(SeqRecModel model, NextItemData data, Config cfg, Path runDir, boolean showProgress) {
    int seed = cfg.get(SeqRecKeys.SEED);
    int batch = cfg.get(SeqRecKeys.BATCH_SIZE);
    int evalBatch = cfg.get(SeqRecKeys.EVAL_BATCH_SIZE);
    int epochs = cfg.get(SeqRecKeys.EPOCHS);
    int patience = cfg.get(SeqRecKeys.PATIENCE);
    int maxSteps = cfg.get(SeqRecKeys.MAX_STEPS);
    int minSteps = cfg.get(SeqRecKeys.MIN_STEPS);
    int negs = cfg.get(SeqRecKeys.NUM_NEGATIVES);
    double lr = cfg.get(SeqRecKeys.LEARNING_RATE);
    Adam adam = new Adam(model.params(), Adam.Settings.adam(cfg.get(SeqRecKeys.NET_REGULARIZER), cfg.get(SeqRecKeys.GRAD_CLIP_NORM)));
    TrainingWindows windows = new TrainingWindows(data, model.maxLen(), model.cloze(), cfg.get(SeqRecKeys.WINDOWS_PER_USER),
        cfg.get(SeqRecKeys.MASK_PROB), model.maskId(), cfg.get(SeqRecKeys.WINDOWS).equals("tile"));
    SampledNegatives negatives = SeqRecKeys.sampledNegatives(cfg);
    List<NextItemExample> valid = data.examples(Split.VALID);
    List<NextItemExample> test = data.examples(Split.TEST);
    List<float[]> best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    long bestStep = 0;
    int bad = 0;
    boolean earlyStopped = false;
    int limit = Convergence.epochLimit(epochs, minSteps, (windows.perEpoch() + batch - 1) / batch);
    long step = 0;
    long samples = 0;
    double seconds = 0;
    int epoch = 0;
    boolean dmesr = cfg.get(SeqRecKeys.ENHANCE).equals("dmesr");
    String label = cfg.get(SeqRecKeys.BACKBONE) + "+" + cfg.get(SeqRecKeys.ENHANCE)
        + (dmesr && !cfg.get(SeqRecKeys.ALIGNMENT) ? " (no alignment)" : "")
        + (dmesr && !cfg.get(SeqRecKeys.FUSION) ? " (no fusion)" : "") + " seed " + seed;
    while (epoch < limit && (maxSteps == 0 || step < maxSteps)) {
      epoch++;
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
      List<int[]> ws = windows.epoch(rnd);
      Progress p = Progress.builder(String.format(Locale.ROOT, "%s epoch %d", label, epoch)).total(ws.size())
          .unit("seqs").enabled(showProgress).build();
      double lossSum = 0;
      int lossN = 0;
      long t0 = System.nanoTime();
      for (int from = 0; from < ws.size() && (maxSteps == 0 || step < maxSteps); from += batch) {
        int to = Math.min(ws.size(), from + batch);
        TrainBatch b = windows.batch(ws, from, to, negs, rnd);
        try (NDScope scope = new NDScope(); Step s = new Step(true, seed * 1_000_003L + step)) {
          NDArray loss = model.loss(s, b);
          Gradients g = s.backward(loss);
          adam.update(g, lr);
          lossSum += loss.getFloat();
          lossN++;
        }
        step++;
        samples += to - from;
        double mean = lossSum / lossN;
        p.update(to, () -> String.format(Locale.ROOT, "loss %.4f", mean));
      }
      seconds += (System.nanoTime() - t0) / 1e9;
      p.finish();
      SeqRecMetrics v = SeqRecEvaluator.evaluate(model, valid, negatives, evalBatch, Progress.silent());
      double score = v.fullCatalog().ndcg(10);
      boolean better = score > bestScore;
      if (better) {
        bestScore = score;
        bestEpoch = epoch;
        bestStep = step;
        best = snapshot(model);
        bad = 0;
      } else {
        bad++;
      }
      System.err.printf(Locale.ROOT, "%s epoch %d: loss %.4f, valid full-catalog NDCG@10 %.4f HR@10 %.4f%s%n", label, epoch,
          lossSum / Math.max(1, lossN), score, v.fullCatalog().hr(10), better ? " (best)" : "");
      if (bad >= patience && Convergence.mayStop(step, minSteps)) {
        earlyStopped = true;
        break;
      }
    }
    Convergence conv = Convergence.of(bestEpoch, epoch, bestStep, step, earlyStopped ? Convergence.EARLY_STOPPING
        : epoch >= limit ? Convergence.EPOCH_LIMIT : Convergence.MAX_STEPS);
    if (best != null) restore(model, best);
    Checkpoint.write(runDir.resolve(SeqRecRunFiles.BEST), "seqrec:" + label, model.params(), null, new TrainState());
    SeqRecMetrics v = SeqRecEvaluator.evaluate(model, valid, negatives, evalBatch, Progress.silent());
    SeqRecMetrics t = SeqRecEvaluator.evaluate(model, test, negatives, evalBatch, Progress.silent());
    System.err.println(label + ": " + conv.describe());
    System.err.println(label + " valid (best epoch " + bestEpoch + "):" + System.lineSeparator() + v.format());
    System.err.println(label + " test:" + System.lineSeparator() + t.format());
    return new SeqRecResult(runDir, label, v, t, bestEpoch, epoch, step, seconds > 0 ? samples / seconds : 0, conv);
  }

  private static List<float[]> snapshot(SeqRecModel m) {
    List<float[]> out = new ArrayList<>();
    for (Param p : m.params().all()) out.add(p.values().clone());
    return out;
  }

  private static void restore(SeqRecModel m, List<float[]> saved) {
    List<Param> ps = m.params().all();
    for (int i = 0; i < ps.size(); i++) System.arraycopy(saved.get(i), 0, ps.get(i).values(), 0, saved.get(i).length);
  }
}
