package org.r2led.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.r2led.config.Config;
import org.r2led.io.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of every task ({@link TrainTask}: CTR, retrieval, sequential): epochs of batches
 * prepared on a background thread while the previous step trains, validation with early stopping and
 * learning-rate decay on plateau, a best checkpoint (parameters) at every improvement and a resumable
 * last checkpoint (parameters, optimizer state, data position) at every validation, every
 * {@code checkpoint_steps} steps and at a {@code max_steps} pause.
 *
 * <p>Determinism: batch {@code k+1} is prepared while step {@code k} trains, and the task's
 * {@code afterStep} for step {@code k} runs after that preparation finished; at every evaluation or
 * checkpoint the pipeline is drained (the next batch is prepared after the checkpoint), so a resumed
 * run repeats the uninterrupted one exactly, also after a {@code kill -9} (checkpoints are written
 * atomically).
 */
public final class TrainingLoop {
  private static final Logger log = LoggerFactory.getLogger(TrainingLoop.class);

  private TrainingLoop() {}

  /**
   * When to validate, checkpoint, decay the learning rate and stop.
   *
   * @param epochs epoch limit (raised by {@code minSteps})
   * @param minSteps optimizer steps to train at least (early stopping waits for them; 0 = off)
   * @param maxSteps pause after this many steps in total (0 = no limit)
   * @param evalSteps also validate this many steps after the previous validation (0 = at epoch ends only)
   * @param checkpointSteps also save resumable state every N steps (0 = at validations only)
   * @param patience validations without improvement before stopping
   * @param lrDecayPatience validations without improvement before decaying the learning rate (0 = never)
   * @param lrDecayFactor factor of a decay
   */
  public record Schedule(int epochs, long minSteps, long maxSteps, int evalSteps, int checkpointSteps, int patience,
      int lrDecayPatience, double lrDecayFactor) {
    /** The schedule a configuration with the training loop's keys ({@link TrainKeys}) sets. */
    public static Schedule of(Config cfg) {
      return new Schedule(cfg.get(TrainKeys.EPOCHS), cfg.get(TrainKeys.MIN_STEPS), cfg.get(TrainKeys.MAX_STEPS),
          cfg.get(TrainKeys.EVAL_STEPS), cfg.get(TrainKeys.CHECKPOINT_STEPS), cfg.get(TrainKeys.PATIENCE),
          cfg.get(TrainKeys.LR_DECAY_PATIENCE), cfg.get(TrainKeys.LR_DECAY_FACTOR));
    }

    /** The epoch limit at {@code stepsPerEpoch} steps per epoch ({@link Convergence#epochLimit}). */
    public int epochLimit(long stepsPerEpoch) { return Convergence.epochLimit(epochs, minSteps, stepsPerEpoch); }

    /**
     * Why a run in {@code state} has no step left to train under this schedule, or null when it has:
     * early-stopped, all epochs trained, or paused at {@code max_steps}.
     */
    public String nothingToTrain(TrainState state, long stepsPerEpoch) {
      if (state.stopped) return "early-stopped at step " + state.globalStep;
      int limit = epochLimit(stepsPerEpoch);
      if (state.epoch >= limit) return "trained all " + limit + " epochs; raise epochs to train further";
      if (maxSteps > 0 && state.globalStep >= maxSteps) {
        return "paused at max_steps=" + maxSteps + "; raise max_steps or set it to 0 to continue";
      }
      return null;
    }
  }

  /** Where a run's checkpoints go: the best parameters and the resumable last state. */
  public record Checkpoints(Path best, Path last) {}

  /** The state of a new run at learning rate {@code learningRate}. */
  public static TrainState fresh(double learningRate) {
    TrainState st = new TrainState();
    st.learningRate = learningRate;
    return st;
  }

  /** Reads the last checkpoint into {@code task}'s parameters and optimizer; returns the state to continue from. */
  public static TrainState resume(TrainTask<?> task, Path last) {
    TrainState st = Checkpoint.read(last, task.params(), task.optimizer());
    task.afterLoad();
    task.restorePendingRows(st.pendingRows);
    return st;
  }

  /** Loads the best checkpoint's parameters into {@code task} (for the final evaluation). */
  public static void loadBest(TrainTask<?> task, Path best) {
    Checkpoint.read(best, task.params(), null);
    task.afterLoad();
  }

  /**
   * Trains {@code task} from {@code st} until the epoch limit, early stopping, or a pause at
   * {@code max_steps}; returns true when paused. {@code st} is updated in place.
   */
  public static <B> boolean run(TrainTask<B> task, Schedule schedule, Checkpoints files, TrainState st, boolean progress) {
    ExecutorService prep = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "r2led-batch-prep");
      t.setDaemon(true);
      return t;
    });
    try {
      return new Run<>(task, schedule, files, st, progress, prep).epochs();
    } finally {
      prep.shutdownNow();
    }
  }

  /** Where the best and the last validation fell, and what ended the run. */
  public static Convergence convergence(TrainState st, long stepsPerEpoch, boolean paused) {
    long last = st.bestStep < 0 ? st.globalStep : st.lastEvalStep;
    long best = Math.max(0, st.bestStep);
    String by = st.stopped ? Convergence.EARLY_STOPPING : paused ? Convergence.MAX_STEPS : Convergence.EPOCH_LIMIT;
    return Convergence.of(Convergence.epochOf(best, stepsPerEpoch), Convergence.epochOf(last, stepsPerEpoch), best, last, by);
  }

  /** Training throughput: examples per second of training wall time (validations excluded). */
  public static double examplesPerSecond(TrainState st) {
    return st.trainSeconds > 0 ? st.samplesTrained / st.trainSeconds : 0;
  }

  /** One call of {@link #run}. */
  private static final class Run<B> {
    private final TrainTask<B> task;
    private final Schedule s;
    private final Checkpoints files;
    private final TrainState st;
    private final boolean progress;
    private final ExecutorService prep;
    private long sinceValidation = System.nanoTime();

    Run(TrainTask<B> task, Schedule s, Checkpoints files, TrainState st, boolean progress, ExecutorService prep) {
      this.task = task;
      this.s = s;
      this.files = files;
      this.st = st;
      this.progress = progress;
      this.prep = prep;
    }

    boolean epochs() {
      int nb = task.batchesPerEpoch();
      int epochs = s.epochLimit(nb);
      long maxSteps = s.maxSteps();
      while (!st.stopped && st.epoch < epochs) {
        if (maxSteps > 0 && st.globalStep >= maxSteps) return true;
        int epoch = st.epoch;
        // closed (finished) also when a step fails, so the bar's line is never left open
        try (Progress bar = progress ? task.epochProgress(epoch, epochs, st.nextBatch) : Progress.silent()) {
          if (epoch(bar, epoch, nb, maxSteps)) return true;
        }
      }
      return false;
    }

    /** Trains the rest of epoch {@code epoch}; returns true when paused at {@code max_steps}. */
    private boolean epoch(Progress bar, int epoch, int nb, long maxSteps) {
      double lossSum = st.nextBatch == 0 ? 0 : st.epochLossSum;
      long lossCount = st.nextBatch == 0 ? 0 : st.epochLossCount;
      long barDone = 0;
      B next = await(prepare(epoch, st.nextBatch));
      // Rows of the step before a pause: their hooks run after the next batch was prepared (as when not paused).
      task.afterStep();
      while (st.nextBatch < nb) {
        B cur = next;
        long stepAfter = st.globalStep + 1;
        boolean lastOfEpoch = st.nextBatch + 1 >= nb;
        boolean evalNow = lastOfEpoch || (s.evalSteps() > 0 && stepAfter - st.lastEvalStep >= s.evalSteps());
        boolean pause = maxSteps > 0 && stepAfter >= maxSteps && !evalNow;
        boolean ckptNow = s.checkpointSteps() > 0 && stepAfter % s.checkpointSteps() == 0;
        // Batch k+1 is prepared while step k trains, with the model state before step k's hooks;
        // after a validation the next batch is prepared afterwards (same in a resumed run).
        Future<B> fut = evalNow ? null : prepare(epoch, st.nextBatch + 1);
        long t0 = System.nanoTime();
        float loss = task.trainStep(cur, st.learningRate, st.globalStep);
        if (fut != null) next = await(fut);
        st.trainSeconds += (System.nanoTime() - t0) / 1e9;
        st.samplesTrained += task.size(cur);
        st.globalStep++;
        st.nextBatch++;
        lossSum += loss;
        lossCount++;
        st.epochLossSum = lossSum;
        st.epochLossCount = lossCount;
        barDone += task.progressUnits(cur);
        double runningLoss = lossSum / lossCount;
        bar.update(barDone, () -> String.format(Locale.ROOT, "loss %.4f", runningLoss));
        if (evalNow) {
          task.afterStep();
          if (lastOfEpoch) {
            st.epoch++;
            st.nextBatch = 0;
            bar.finish();
          } else {
            bar.suspend();
          }
          validate(lossSum / lossCount);
          st.lastEvalStep = st.globalStep;
          st.pendingRows = new LinkedHashMap<>();
          Checkpoint.write(files.last(), task.name(), task.params(), task.optimizer(), st);
          if (st.stopped || lastOfEpoch) return false;
          if (maxSteps > 0 && st.globalStep >= maxSteps) return true;
          next = await(prepare(epoch, st.nextBatch));
        } else {
          if (pause || ckptNow) {
            st.pendingRows = task.pendingRows();
            Checkpoint.write(files.last(), task.name(), task.params(), task.optimizer(), st);
            st.pendingRows = new LinkedHashMap<>();
          }
          task.afterStep();
          if (pause) return true;
        }
      }
      return false;
    }

    private Future<B> prepare(int epoch, int index) { return prep.submit(() -> task.batch(epoch, index)); }

    private void validate(double trainLoss) {
      TrainTask.Validation v = task.validate(st, trainLoss);
      double score = v.score();
      long now = System.nanoTime();
      st.scores.add(new TrainState.Score(st.epoch, st.globalStep, trainLoss, score, (now - sinceValidation) / 1e9));
      sinceValidation = now;
      boolean better = score > st.bestValidAuc || st.bestStep < 0;
      if (v.line() != null) log.info(v.line() + (better ? v.bestMark() : ""));
      if (better) {
        st.bestValidAuc = Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
        st.bestStep = st.globalStep;
        st.badEvals = 0;
        st.lrBadEvals = 0;
        Checkpoint.write(files.best(), task.name(), task.params(), null, st);
      } else {
        st.badEvals++;
        st.lrBadEvals++;
        if (st.badEvals >= s.patience() && Convergence.mayStop(st.globalStep, s.minSteps())) {
          st.stopped = true;
          log.info(String.format(Locale.ROOT, "early stopping: no better validation %s in %d evaluations", v.monitor(), st.badEvals));
        } else if (s.lrDecayPatience() > 0 && st.lrBadEvals >= s.lrDecayPatience()) {
          st.learningRate *= s.lrDecayFactor();
          st.lrBadEvals = 0;
          log.info(String.format(Locale.ROOT, "learning rate decayed to %.3g", st.learningRate));
        }
      }
    }
  }

  /** Waits for a prepared batch; a failure of the preparation is rethrown as it was. */
  static <B> B await(Future<B> f) { return org.r2led.io.Futures.await(f, "batch preparation"); }
}
