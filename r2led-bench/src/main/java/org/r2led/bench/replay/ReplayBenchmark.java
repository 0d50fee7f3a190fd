package org.r2led.bench.replay;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.io.Progress;
import org.r2led.sid.SidTable;
import org.r2led.train.Evaluator;
import org.r2led.train.RunInputs;
import org.r2led.train.RunResult;
import org.r2led.train.SplitMetrics;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;
import org.r2led.train.TrainingSession;

/**
 * The replay benchmark: walks a time-ordered dataset in {@code scored + 1} windows of sample time
 * (equal spans of time or equal sample counts, {@link ReplayWindows}) and scores every window
 * {@code w >= 1} with three models — (a) the model trained on window 0, then frozen; (b) the
 * continuously warm-started model (at {@code w} trained on window {@code w-1} only, starting from the
 * model of {@code w-1} with {@code --init-from}, the same training loop); (c) a full retrain from
 * scratch on windows 0..w-1. Each step trains on a prepared dataset written by {@link WindowDataset}
 * (the source's histories, no leakage); the latest 10 % of a step's training samples validate (early
 * stopping). With a SID table (models with Semantic IDs), every
 * step's dataset gets the source's table re-bound to it ({@link WindowSids}). Layout under {@code out}:
 * {@code data/STEP}, {@code sids/STEP} (with SIDs), {@code runs/STEP} and {@code ledger.tsv}.
 */
public final class ReplayBenchmark {
  /** Share of a step's training samples (the latest by time) held out to validate. */
  public static final double VALID_SHARE = 0.1;

  private ReplayBenchmark() {}

  /**
   * What to replay.
   *
   * @param data prepared dataset
   * @param model model name
   * @param scored windows to score (the data is cut into {@code scored + 1})
   * @param overrides training settings ({@code key=value}) of every run
   * @param out working directory (datasets, runs)
   * @param by how the windows are cut (equal spans of time or equal sample counts)
   * @param sids SID table built for {@code data} (models with Semantic IDs), or null
   */
  public record Request(Path data, String model, int scored, List<String> overrides, Path out, ReplayWindows.By by, Path sids) {
    public Request {
      if (scored < 1) throw new IllegalArgumentException("--windows " + scored + "; expected at least 1 window to score");
      overrides = List.copyOf(overrides);
      if (by == null) throw new IllegalArgumentException("replay: no window cut given; expected time or samples");
    }

    /** Windows of equal spans of time, no SIDs. */
    public Request(Path data, String model, int scored, List<String> overrides, Path out) {
      this(data, model, scored, overrides, out, ReplayWindows.By.TIME, null);
    }
  }

  /** Runs the replay; progress (runs done, rate, ETA) goes to {@code progress} (null: none). */
  public static ReplayResult run(Request req, PrintStream progress) {
    PreparedDataset src = PreparedDataset.open(req.data());
    ReplayWindows win = ReplayWindows.of(src, req.scored() + 1, req.by());
    SidTable sids = req.sids() == null ? null : SidTable.load(req.sids(), src.manifest().fingerprint());
    Path ledger = req.out().resolve("ledger.tsv");
    Progress bar = Progress.builder("replay").total(1 + 2L * (req.scored() - 1)).unit("runs")
        .out(progress).enabled(progress != null).build();
    List<ReplayResult.Row> rows = new ArrayList<>();
    Path frozen = null;
    Path previous = null;
    for (int w = 1; w <= req.scored(); w++) {
      Step full = step(src, win, sids, 0, w, "full-" + w, req.out());
      SplitMetrics oracle = Evaluator.oracle(full.data(), Split.TEST);
      double oracleAuc = oracle == null ? Double.NaN : oracle.auc();
      int samples = full.data().split(Split.TEST).size();
      if (w == 1) {
        Timed t = train(req, full, req.out().resolve("runs/window-0"), null, ledger);
        bar.advance(1);
        frozen = t.result().runDir();
        previous = frozen;
        double auc = t.result().test().auc();
        rows.add(new ReplayResult.Row(w, win.start(w), samples, auc, auc, auc, oracleAuc, t.seconds(), t.seconds(), t.seconds()));
        continue;
      }
      double frozenAuc = evaluate(frozen, full.data());
      Step last = step(src, win, sids, w - 1, w, "last-" + w, req.out());
      Timed warm = train(req, last, req.out().resolve("runs/warm-" + w), previous, ledger);
      bar.advance(1);
      Timed retrain = train(req, full, req.out().resolve("runs/full-" + w), null, ledger);
      bar.advance(1);
      previous = warm.result().runDir();
      rows.add(new ReplayResult.Row(w, win.start(w), samples, frozenAuc, warm.result().test().auc(), retrain.result().test().auc(),
          oracleAuc, 0, warm.seconds(), retrain.seconds()));
    }
    bar.finish();
    return new ReplayResult(req.model(), win.count(), win.by().id(), rows);
  }

  /** A step's dataset and its SID directory (null without SIDs). */
  private record Step(PreparedDataset data, Path sids) {}

  /** Writes the dataset training on windows [{@code from}, {@code test}) and testing on {@code test}, and its SIDs. */
  private static Step step(PreparedDataset src, ReplayWindows win, SidTable sids, int from, int test, String name, Path out) {
    PreparedDataset ds = WindowDataset.write(src, win, from, test, test, VALID_SHARE, out.resolve("data/" + name));
    return new Step(ds, sids == null ? null : WindowSids.write(sids, ds, out.resolve("sids/" + name)));
  }

  private record Timed(RunResult result, double seconds) {}

  private static Timed train(Request req, Step step, Path runDir, Path initFrom, Path ledger) {
    long t0 = System.nanoTime();
    TrainRequest tr = new TrainRequest(step.data().dir(), step.sids(), req.model(), null, req.overrides(), runDir, false, ledger, false);
    RunResult r = Trainer.train(initFrom == null ? tr : tr.withInitFrom(initFrom));
    return new Timed(r, (System.nanoTime() - t0) / 1e9);
  }

  /** AUC of the best checkpoint of {@code runDir} on the test split of {@code ds} (same vocabularies and histories). */
  static double evaluate(Path runDir, PreparedDataset ds) {
    RunInputs run = RunInputs.open(runDir);
    Config cfg = run.config();
    try (TrainingSession s = new TrainingSession(run.loadBest(), cfg)) {
      return s.evaluate(ds.split(Split.TEST), cfg.get(TrainKeys.EVAL_BATCH_SIZE), null).auc();
    }
  }
}
