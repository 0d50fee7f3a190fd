package org.r2led.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.io.DirLock;
import org.r2led.io.Hashing;
import org.r2led.io.Json;
import org.r2led.io.OrphanedTempFiles;
import org.r2led.io.Progress;
import org.r2led.model.CtrModel;
import org.r2led.config.Config;
import org.r2led.sid.SidTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a CTR model ({@code ./r2led train}): the {@link TrainingLoop} on the {@link CtrTask}, with a
 * best-only checkpoint for evaluation plus a resumable last checkpoint, {@code config.yaml},
 * {@code run.json}, {@code metrics.json} and one ledger line. A resume is checked completely
 * ({@link Resumption}) before anything in the run directory changes.
 */
public final class Trainer {
  private static final Logger log = LoggerFactory.getLogger(Trainer.class);

  private Trainer() {}

  /** Trains as requested and returns the run's results. */
  public static RunResult train(TrainRequest req) {
    // one writer per run directory: a second train/resume into it fails at once naming this PID
    try (DirLock lock = DirLock.acquire(req.runDir())) {
      return trainLocked(req);
    }
  }

  private static RunResult trainLocked(TrainRequest req) {
    Path runDir = req.runDir();
    // A resume is checked completely (config, inputs, checkpoint) before anything in the run directory changes.
    if (req.resume() && req.initFrom() != null) {
      throw new IllegalArgumentException("--init-from starts a new run; --resume continues " + runDir
          + " from its own checkpoint (drop --init-from)");
    }
    Resumption resume = req.resume() ? Resumption.check(req) : null;
    WarmStart warm = !req.resume() && req.initFrom() != null ? WarmStart.open(req.initFrom(), req.models()) : null;
    TrainKeys.Resolved resolved = resume != null ? resume.resolved() : warm != null ? warm.resolve(req) : resolveNew(req);
    Config cfg = resolved.config();
    if (!req.resume()) RunFiles.checkNewRun(runDir);
    PreparedDataset ds = PreparedDataset.open(req.data());
    SidTable sids = req.sids() == null ? null : SidTable.load(req.sids(), ds.manifest().fingerprint());
    if (resume != null) resume.checkInputs(ds, req.sids());
    CtrModel model = resolved.create(ds, sids);
    if (resume != null) resume.checkModel(model.params());
    Map<String, Object> init = resume != null ? resume.recordedInit() : warm != null ? warm.record() : null;
    if (warm != null) {
      WarmStart.Summary w = warm.apply(model, ds, sids);
      log.info(String.format(Locale.ROOT, "warm start from %s: %d items keep their rows, %d new items get new rows",
          req.initFrom(), w.knownItems(), w.newItems()));
    }
    OrphanedTempFiles.cleanAndReport(runDir);
    long stepsPerEpoch = stepsPerEpoch(cfg, ds);
    if (resume != null) {
      RunResult done = nothingToTrain(resume, stepsPerEpoch, runDir, model.name(), cfg);
      if (done != null) return done;
    }
    RunFiles.writeConfig(runDir, cfg);
    Json.write(runDir.resolve(RunFiles.RUN), RunInfo.of(cfg, ds, req.sids(), sids, "running", init));
    requireTrainAndValid(ds);
    SampleSplit trainSplit = ds.split(Split.TRAIN);
    try (TrainingSession session = new TrainingSession(model, cfg)) {
      CtrTask task = new CtrTask(session, cfg, trainSplit, ds.split(Split.VALID), req.progress());
      TrainingLoop.Checkpoints files = new TrainingLoop.Checkpoints(RunFiles.best(runDir), RunFiles.last(runDir));
      TrainState st;
      if (req.resume()) {
        st = TrainingLoop.resume(task, files.last());
        log.info(String.format(Locale.ROOT, "resuming %s at epoch %d, batch %d (step %d)", runDir, st.epoch + 1, st.nextBatch, st.globalStep));
      } else {
        st = TrainingLoop.fresh(cfg.get(TrainKeys.LEARNING_RATE));
      }
      boolean paused = TrainingLoop.run(task, TrainingLoop.Schedule.of(cfg), files, st, req.progress());
      if (paused && !Files.isRegularFile(RunFiles.best(runDir))) {
        return pausedBeforeFirstEvaluation(runDir, model.name(), cfg, st, stepsPerEpoch);
      }
      // Final test metrics from the best checkpoint file, exactly as `evaluate` computes them.
      TrainingLoop.loadBest(task, files.best());
      int eb = cfg.get(TrainKeys.EVAL_BATCH_SIZE);
      SplitMetrics valid = session.evaluate(ds.split(Split.VALID), eb, progress("valid", ds.split(Split.VALID).size(), req.progress()));
      SplitMetrics test = session.evaluate(ds.split(Split.TEST), eb, progress("test ", ds.split(Split.TEST).size(), req.progress()));
      RunResult r = result(runDir, model.name(), cfg, st, valid, test, stepsPerEpoch, paused);
      SplitMetrics testOracle = Evaluator.oracle(ds, Split.TEST);
      Json.write(runDir.resolve(RunFiles.METRICS), metricsJson(r, st, testOracle));
      Json.write(runDir.resolve(RunFiles.RUN), RunInfo.of(cfg, ds, req.sids(), sids, paused ? "paused" : "finished", init));
      Ledger.append(ledger(req), r, ds.manifest().fingerprint(), Hashing.sha256(cfg.toYaml()));
      log.info(r.convergence().describe());
      log.info("valid (best): " + valid);
      log.info("test  (best): " + test);
      if (testOracle != null) log.info("test oracle : " + testOracle + " (true click probabilities)");
      return r;
    }
  }

  /** The configuration of a new run: {@code req}'s config file, model and {@code --set} overrides, resolved for its model. */
  public static TrainKeys.Resolved resolveNew(TrainRequest req) {
    Config.Builder cb = Config.builder();
    if (req.configFile() != null) cb.file(req.configFile());
    if (req.model() != null) cb.set("model", req.model(), "--model");
    cb.overrides(req.overrides());
    return TrainKeys.resolve(cb, req.models());
  }

  /**
   * The result of a resumed run that has no step left to train and whose files are complete (then
   * nothing is written), or null when it must train or finish its final evaluation.
   */
  private static RunResult nothingToTrain(Resumption resume, long stepsPerEpoch, Path runDir, String model, Config cfg) {
    String why = resume.nothingToTrain(stepsPerEpoch);
    if (why == null) return null;
    if (!Files.isRegularFile(RunFiles.best(runDir))) {
      return pausedBeforeFirstEvaluation(runDir, model, cfg, resume.state(), stepsPerEpoch);
    }
    // Finish an interrupted final evaluation: metrics missing, of an earlier pause, or run.json not yet updated.
    if (!Files.isRegularFile(runDir.resolve(RunFiles.METRICS)) || resume.recordedStatus().equals("running")) return null;
    RunResult logged = RunResult.read(runDir);
    if (logged.steps() != resume.state().globalStep) return null;
    // a warning: the command the user gave did nothing
    log.warn(String.format(Locale.ROOT, "run %s %s (%s); nothing to train, no file changed", runDir,
        why.startsWith("paused") ? "is paused" : "already finished", why));
    return logged;
  }

  private static RunResult pausedBeforeFirstEvaluation(Path runDir, String model, Config cfg, TrainState st, long stepsPerEpoch) {
    log.info(String.format(Locale.ROOT, "paused at max_steps=%d before the first evaluation; continue with --resume --set max_steps=0",
        st.globalStep));
    SplitMetrics none = new SplitMetrics(Double.NaN, Double.NaN, Double.NaN, 0);
    return result(runDir, model, cfg, st, none, none, stepsPerEpoch, true);
  }

  /** Optimizer steps of one epoch: {@code ceil(train samples / batch_size)}. */
  public static long stepsPerEpoch(Config cfg, PreparedDataset ds) {
    int bs = cfg.get(TrainKeys.BATCH_SIZE);
    return (ds.split(Split.TRAIN).size() + (long) bs - 1) / bs;
  }

  /** Fails naming {@code ds} when it has no training or no validation samples (validation drives early stopping). */
  public static void requireTrainAndValid(PreparedDataset ds) {
    if (ds.split(Split.TRAIN).size() == 0) throw new IllegalArgumentException("dataset " + ds.dir() + " has no training samples");
    if (ds.split(Split.VALID).size() == 0) {
      throw new IllegalArgumentException("dataset " + ds.dir() + " has no validation samples (needed for early stopping)");
    }
  }

  /** The ledger {@code req} appends to: its {@code --ledger}, else {@code results.tsv} beside the run directory. */
  public static Path ledger(TrainRequest req) {
    return req.ledger() != null ? req.ledger() : req.runDir().toAbsolutePath().normalize().getParent().resolve("results.tsv");
  }

  /**
   * The result of a run in {@code runDir} that ended in state {@code st} (paused at {@code max_steps}
   * or not), with the best checkpoint's {@code valid} and {@code test} metrics.
   */
  public static RunResult result(Path runDir, String model, Config cfg, TrainState st, SplitMetrics valid, SplitMetrics test,
      long stepsPerEpoch, boolean paused) {
    return new RunResult(runDir, model, cfg.get(TrainKeys.SEED), valid, test, st.bestStep, st.globalStep, st.epoch,
        TrainingLoop.examplesPerSecond(st), TrainingLoop.convergence(st, stepsPerEpoch, paused));
  }

  /**
   * The content of {@code metrics.json} (a mutable map in file order, so a caller may add sections):
   * the result {@code r}, the validation history of {@code st} and, when not null, the test metrics
   * against the true click probabilities.
   */
  public static Map<String, Object> metricsJson(RunResult r, TrainState st, SplitMetrics testOracleOrNull) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", r.model());
    m.put("seed", r.seed());
    m.put("valid", r.valid());
    m.put("test", r.test());
    m.put("best_step", r.bestStep());
    m.put("steps", r.steps());
    m.put("epochs", r.epochs());
    m.put("train_samples_per_s", r.trainSamplesPerSecond());
    m.put("convergence", r.convergence());
    m.put("validation_history", st.history);
    if (testOracleOrNull != null) m.put("test_oracle", testOracleOrNull);
    return m;
  }

  /** Progress in samples on stderr (silent unless {@code on}); in line mode a line every 15 s. */
  static Progress progress(String label, long samples, boolean on) {
    return Progress.builder(label).total(samples).unit("samples").enabled(on).intervalMillis(15_000).build();
  }
}
