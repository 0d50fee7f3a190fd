package org.r2led.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import org.r2led.data.PreparedDataset;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.io.AtomicFiles;
import org.r2led.io.DirLock;
import org.r2led.io.Hashing;
import org.r2led.io.Json;
import org.r2led.io.OrphanedTempFiles;
import org.r2led.io.Progress;
import org.r2led.model.CtrModel;
import org.r2led.model.Monitor;
import org.r2led.model.TokenBatch;
import org.r2led.config.Config;
import org.r2led.sid.SidTable;

/**
 * The training loop shared by every model: seeded shuffling per epoch, batches prepared
 * on a background thread while the previous one trains, validation AUC with early stopping and
 * learning-rate decay on plateau, a best-only checkpoint for evaluation plus a resumable last
 * checkpoint (parameters, optimizer state, data position), {@code config.yaml}, {@code run.json},
 * {@code metrics.json} and one ledger line.
 *
 * <p>Determinism: batch {@code k+1} is prepared while step {@code k} trains, and the model's
 * {@code afterUpdate} for step {@code k} runs after that preparation finished; at every evaluation
 * or checkpoint the pipeline is drained (the next batch is prepared after the checkpoint), so a
 * resumed run repeats the uninterrupted one exactly.
 */
public final class Trainer {
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
    Resumption resume = req.resume() ? Resumption.check(req) : null;
    TrainKeys.Resolved resolved = resume != null ? resume.resolved() : resolveNew(req);
    Config cfg = resolved.config();
    if (!req.resume() && Files.exists(RunFiles.last(runDir))) {
      throw new IllegalArgumentException("run directory " + runDir + " already has a checkpoint; use --resume or another --out");
    }
    if (!req.resume()) RunFiles.checkFreshTarget(runDir);
    PreparedDataset ds = PreparedDataset.open(req.data());
    SidTable sids = req.sids() == null ? null : SidTable.load(req.sids(), ds.manifest().fingerprint());
    if (resume != null) resume.checkInputs(ds, req.sids());
    CtrModel model = resolved.create(ds, sids);
    if (resume != null) resume.checkModel(model.params());
    OrphanedTempFiles.cleanAndReport(runDir);
    long stepsPerEpoch = stepsPerEpoch(cfg, ds);
    if (resume != null) {
      RunResult done = nothingToTrain(resume, stepsPerEpoch, runDir, model.name(), cfg);
      if (done != null) return done;
    }
    try {
      Files.createDirectories(runDir);
      AtomicFiles.write(runDir.resolve(RunFiles.CONFIG), cfg.toYaml().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to run directory " + runDir, e);
    }
    Json.write(runDir.resolve(RunFiles.RUN), RunInfo.of(cfg, ds, req.sids(), sids, "running"));
    try (TrainingSession session = new TrainingSession(model, cfg)) {
      TrainState st;
      if (req.resume()) {
        st = Checkpoint.read(RunFiles.last(runDir), model.params(), session.optimizer());
        model.afterLoad();
        session.setPendingRows(st.pendingRows);
        System.err.printf(Locale.ROOT, "resuming %s at epoch %d, batch %d (step %d)%n", runDir, st.epoch + 1, st.nextBatch, st.globalStep);
      } else {
        st = new TrainState();
        st.learningRate = cfg.get(TrainKeys.LEARNING_RATE);
      }
      boolean paused = loop(session, cfg, ds, runDir, st, req.progress());
      if (paused && !Files.isRegularFile(RunFiles.best(runDir))) {
        return pausedBeforeFirstEvaluation(runDir, model.name(), cfg, st, stepsPerEpoch);
      }
      // Final test metrics from the best checkpoint file, exactly as `evaluate` computes them.
      Checkpoint.read(RunFiles.best(runDir), model.params(), null);
      model.afterLoad();
      int eb = cfg.get(TrainKeys.EVAL_BATCH_SIZE);
      SplitMetrics valid = session.evaluate(ds.split(Split.VALID), eb, progress("valid", ds.split(Split.VALID).size(), req.progress()));
      SplitMetrics test = session.evaluate(ds.split(Split.TEST), eb, progress("test ", ds.split(Split.TEST).size(), req.progress()));
      double sps = st.trainSeconds > 0 ? st.samplesTrained / st.trainSeconds : 0;
      RunResult r = new RunResult(runDir, model.name(), cfg.get(TrainKeys.SEED), valid, test, st.bestStep, st.globalStep,
          st.epoch, sps, convergence(st, stepsPerEpoch, paused));
      Map<String, Object> mj = metricsJson(r, st);
      SplitMetrics testOracle = Evaluator.oracle(ds, Split.TEST);
      if (testOracle != null) mj.put("test_oracle", testOracle);
      Json.write(runDir.resolve(RunFiles.METRICS), mj);
      Json.write(runDir.resolve(RunFiles.RUN), RunInfo.of(cfg, ds, req.sids(), sids, paused ? "paused" : "finished"));
      Path ledger = req.ledger() != null ? req.ledger()
          : runDir.toAbsolutePath().normalize().getParent().resolve("results.tsv");
      Ledger.append(ledger, r, ds.manifest().fingerprint(), Hashing.sha256(cfg.toYaml()));
      System.err.println(r.convergence().describe());
      System.err.println("valid (best): " + valid);
      System.err.println("test  (best): " + test);
      if (testOracle != null) System.err.println("test oracle : " + testOracle + " (true click probabilities)");
      return r;
    }
  }

  private static TrainKeys.Resolved resolveNew(TrainRequest req) {
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
    System.err.printf(Locale.ROOT, "run %s %s (%s); nothing to train, no file changed%n", runDir,
        why.startsWith("paused") ? "is paused" : "already finished", why);
    return logged;
  }

  private static RunResult pausedBeforeFirstEvaluation(Path runDir, String model, Config cfg, TrainState st, long stepsPerEpoch) {
    System.err.printf(Locale.ROOT, "paused at max_steps=%d before the first evaluation; continue with --resume --set max_steps=0%n",
        st.globalStep);
    SplitMetrics none = new SplitMetrics(Double.NaN, Double.NaN, Double.NaN, 0);
    double sps = st.trainSeconds > 0 ? st.samplesTrained / st.trainSeconds : 0;
    return new RunResult(runDir, model, cfg.get(TrainKeys.SEED), none, none, st.bestStep, st.globalStep, st.epoch, sps,
        convergence(st, stepsPerEpoch, true));
  }

  /** Optimizer steps of one epoch: {@code ceil(train samples / batch_size)}. */
  public static long stepsPerEpoch(Config cfg, PreparedDataset ds) {
    int bs = cfg.get(TrainKeys.BATCH_SIZE);
    return (ds.split(Split.TRAIN).size() + (long) bs - 1) / bs;
  }

  /** Where the best and the last evaluation fell, and what ended the run. */
  static Convergence convergence(TrainState st, long stepsPerEpoch, boolean paused) {
    long last = st.history.isEmpty() ? st.globalStep : st.history.get(st.history.size() - 1).step();
    long best = Math.max(0, st.bestStep);
    String by = st.stopped ? Convergence.EARLY_STOPPING : paused ? Convergence.MAX_STEPS : Convergence.EPOCH_LIMIT;
    return Convergence.of(Convergence.epochOf(best, stepsPerEpoch), Convergence.epochOf(last, stepsPerEpoch), best, last, by);
  }

  static Map<String, Object> metricsJson(RunResult r, TrainState st) {
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
    return m;
  }

  /** Progress in samples on stderr (silent unless {@code on}); in line mode a line every 15 s. */
  static Progress progress(String label, long samples, boolean on) {
    return Progress.builder(label).total(samples).unit("samples").enabled(on).intervalMillis(15_000).build();
  }

  /** Runs epochs until done, early-stopped, or paused at {@code max_steps}; returns true when paused. */
  private static boolean loop(TrainingSession session, Config cfg, PreparedDataset ds, Path runDir, TrainState st,
      boolean progress) {
    SampleSplit train = ds.split(Split.TRAIN);
    SampleSplit valid = ds.split(Split.VALID);
    if (train.size() == 0) throw new IllegalArgumentException("dataset " + ds.dir() + " has no training samples");
    if (valid.size() == 0) throw new IllegalArgumentException("dataset " + ds.dir() + " has no validation samples (needed for early stopping)");
    int bs = cfg.get(TrainKeys.BATCH_SIZE);
    int n = train.size();
    int nb = (n + bs - 1) / bs;
    int epochs = Convergence.epochLimit(cfg.get(TrainKeys.EPOCHS), cfg.get(TrainKeys.MIN_STEPS), nb);
    long maxSteps = cfg.get(TrainKeys.MAX_STEPS);
    int evalSteps = cfg.get(TrainKeys.EVAL_STEPS);
    int ckptSteps = cfg.get(TrainKeys.CHECKPOINT_STEPS);
    long seed = cfg.get(TrainKeys.SEED);
    CtrModel model = session.model();
    while (!st.stopped && st.epoch < epochs) {
      if (maxSteps > 0 && st.globalStep >= maxSteps) return true;
      int[] order = TrainingSession.permutation(n, seed, st.epoch);
      Progress bar = progress(String.format(Locale.ROOT, "epoch %d/%d", st.epoch + 1, epochs),
          n - (long) st.nextBatch * bs, progress);
      double lossSum = 0;
      long lossCount = 0;
      long barDone = 0;
      TokenBatch next = prepare(session, train, order, st.nextBatch, bs);
      // Rows of the step before a pause: their hooks run after the next batch was prepared (as when not paused).
      session.finishStep();
      while (st.nextBatch < nb) {
        TokenBatch cur = next;
        long stepAfter = st.globalStep + 1;
        boolean lastOfEpoch = st.nextBatch + 1 >= nb;
        boolean evalNow = lastOfEpoch || (evalSteps > 0 && stepAfter - st.lastEvalStep >= evalSteps);
        boolean pause = maxSteps > 0 && stepAfter >= maxSteps && !evalNow;
        boolean ckptNow = ckptSteps > 0 && stepAfter % ckptSteps == 0;
        // Batch k+1 is prepared while step k trains, with the model state before step k's hooks;
        // after an evaluation the next batch is prepared afterwards (same in a resumed run).
        Future<TokenBatch> fut = evalNow ? null
            : session.prepareAsync(train, order, (st.nextBatch + 1) * bs, Math.min(n, (st.nextBatch + 2) * bs));
        long t0 = System.nanoTime();
        float loss = session.trainStep(cur, st.learningRate);
        if (fut != null) next = TrainingSession.await(fut);
        st.trainSeconds += (System.nanoTime() - t0) / 1e9;
        st.samplesTrained += cur.size();
        st.globalStep++;
        st.nextBatch++;
        lossSum += loss;
        lossCount++;
        barDone += cur.size();
        double runningLoss = lossSum / lossCount;
        bar.update(barDone, () -> String.format(Locale.ROOT, "loss %.4f", runningLoss));
        if (evalNow) {
          session.finishStep();
          if (lastOfEpoch) {
            st.epoch++;
            st.nextBatch = 0;
          }
          if (lastOfEpoch) bar.finish();
          else bar.suspend();
          validate(session, cfg, valid, runDir, st, lossSum / lossCount, progress);
          st.lastEvalStep = st.globalStep;
          st.pendingRows = new java.util.LinkedHashMap<>();
          Checkpoint.write(RunFiles.last(runDir), model.name(), model.params(), session.optimizer(), st);
          if (st.stopped || lastOfEpoch) break;
          if (maxSteps > 0 && st.globalStep >= maxSteps) return true;
          next = prepare(session, train, order, st.nextBatch, bs);
        } else {
          if (pause || ckptNow) {
            st.pendingRows = session.pendingRows();
            Checkpoint.write(RunFiles.last(runDir), model.name(), model.params(), session.optimizer(), st);
            st.pendingRows = new java.util.LinkedHashMap<>();
          }
          session.finishStep();
          if (pause) {
            bar.finish();
            return true;
          }
        }
      }
      bar.finish();
    }
    return false;
  }

  private static TokenBatch prepare(TrainingSession session, SampleSplit split, int[] order, int batch, int bs) {
    int n = split.size();
    return TrainingSession.await(session.prepareAsync(split, order, batch * bs, Math.min(n, (batch + 1) * bs)));
  }

  private static void validate(TrainingSession session, Config cfg, SampleSplit valid, Path runDir, TrainState st,
      double trainLoss, boolean progress) {
    SplitMetrics m = session.evaluate(valid, cfg.get(TrainKeys.EVAL_BATCH_SIZE), progress("  valid", valid.size(), progress));
    st.history.add(new TrainState.EvalRecord(st.epoch, st.globalStep, st.learningRate, m.auc(), m.logloss(), m.gauc(), trainLoss));
    Monitor monitor = session.model().monitor();
    double score = monitor.score(switch (monitor) {
      case AUC -> m.auc();
      case GAUC -> m.gauc();
      case LOGLOSS -> m.logloss();
    });
    boolean better = score > st.bestValidAuc || (st.bestStep < 0);
    System.err.printf(Locale.ROOT, "step %d (epoch %d): train loss %.5f, valid %s%s%n", st.globalStep, st.epoch, trainLoss, m,
        better ? "  * best" : "");
    if (better) {
      st.bestValidAuc = Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
      st.bestStep = st.globalStep;
      st.badEvals = 0;
      st.lrBadEvals = 0;
      CtrModel model = session.model();
      Checkpoint.write(RunFiles.best(runDir), model.name(), model.params(), null, st);
    } else {
      st.badEvals++;
      st.lrBadEvals++;
      if (st.badEvals >= cfg.get(TrainKeys.PATIENCE) && Convergence.mayStop(st.globalStep, cfg.get(TrainKeys.MIN_STEPS))) {
        st.stopped = true;
        System.err.printf(Locale.ROOT, "early stopping: no better validation %s in %d evaluations%n", monitor, st.badEvals);
      } else if (st.lrBadEvals >= cfg.get(TrainKeys.LR_DECAY_PATIENCE)) {
        st.learningRate *= cfg.get(TrainKeys.LR_DECAY_FACTOR);
        st.lrBadEvals = 0;
        System.err.printf(Locale.ROOT, "learning rate decayed to %.3g%n", st.learningRate);
      }
    }
  }
}
