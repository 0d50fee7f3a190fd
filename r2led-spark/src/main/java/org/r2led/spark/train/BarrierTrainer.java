package org.r2led.spark.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.io.Hashing;
import org.r2led.io.Json;
import org.r2led.model.CtrModel;
import org.r2led.train.Evaluator;
import org.r2led.train.Ledger;
import org.r2led.train.RunFiles;
import org.r2led.train.RunResult;
import org.r2led.train.SplitMetrics;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainState;
import org.r2led.train.Trainer;
import org.r2led.train.TrainingLoop;
import org.r2led.train.WarmStart;
import org.r2led.train.TrainingSession;

/**
 * The body of one barrier task of {@code spark train}: builds the model replica from the run's
 * {@code config.yaml} (same seed, same initial parameters on every task), starts fresh or from the
 * run's last checkpoint (on {@code --resume}, and whenever Spark retries the stage after a failure),
 * runs the core's {@link TrainingLoop} on a {@link BarrierCtrTask}, then evaluates the best checkpoint
 * on valid and test. Task 0 writes the checkpoints into the run directory, {@code metrics.json} and
 * the ledger line; the other tasks write their (identical) checkpoints into a scratch directory they
 * delete, since the loop writes checkpoints on every replica.
 */
final class BarrierTrainer {
  private BarrierTrainer() {}

  static TaskOutcome run(TrainJob job, BarrierTaskContext ctx) {
    long t0 = System.nanoTime();
    return Replica.withOneIntraOpThread(() -> {
      try (Exchange ex = new Exchange(ctx)) {
        return run(job, ctx, ex, t0);
      }
    });
  }

  private static TaskOutcome run(TrainJob job, BarrierTaskContext ctx, Exchange ex, long t0) {
    boolean lead = ex.task() == 0;
    Path runDir = Path.of(job.runDir());
    Replica replica = Replica.open(runDir.resolve(RunFiles.CONFIG), job.data(), job.sids());
    Config cfg = replica.cfg();
    PreparedDataset ds = replica.ds();
    CtrModel model = replica.model();
    Path scratch = lead ? null : scratchDir();
    try (TrainingSession session = new TrainingSession(model, cfg)) {
      BarrierCtrTask task = new BarrierCtrTask(session, cfg, ds.split(Split.TRAIN), ds.split(Split.VALID), ex, job.progress() && lead,
          ctx.stageAttemptNumber() == 0 && ex.task() == ex.tasks() - 1 ? job.failAtStep() : -1);
      TrainingLoop.Checkpoints files = lead ? new TrainingLoop.Checkpoints(RunFiles.best(runDir), RunFiles.last(runDir))
          : new TrainingLoop.Checkpoints(scratch.resolve("best.ckpt"), scratch.resolve("last.ckpt"));
      Path last = RunFiles.last(runDir);
      boolean fromCheckpoint = job.resume() || (ctx.stageAttemptNumber() > 0 && Files.isRegularFile(last));
      if (!fromCheckpoint && job.initFrom() != null) {
        // every replica warm-starts from the same parameters (a fresh start after a failed first attempt too)
        WarmStart.Summary w = WarmStart.open(Path.of(job.initFrom()), org.r2led.model.ModelRegistry.builtIn()).apply(model, ds, replica.sids());
        if (lead) {
          System.err.printf(java.util.Locale.ROOT, "warm start from %s: %d items keep their rows, %d new items get new rows%n",
              job.initFrom(), w.knownItems(), w.newItems());
        }
      }
      TrainState st = fromCheckpoint ? TrainingLoop.resume(task, last) : TrainingLoop.fresh(cfg.get(TrainKeys.LEARNING_RATE));
      // every replica must start from the same state (a retried stage reads the checkpoint task 0 of the failed attempt wrote)
      task.checkReplicas(st.globalStep);
      if (lead && ctx.stageAttemptNumber() > 0) {
        System.err.printf("spark train: stage attempt %d continues from step %d%n", ctx.stageAttemptNumber(), st.globalStep);
      }
      double start = (System.nanoTime() - t0) / 1e9;
      boolean paused = TrainingLoop.run(task, TrainingLoop.Schedule.of(cfg), files, st, job.progress() && lead);
      if (lead && job.progress() && st.stopped) System.err.println("early stopping at step " + st.globalStep + " (patience reached)");
      ex.barrier(); // task 0's checkpoints are complete before anyone reads them
      TaskOutcome out = new TaskOutcome(ex.task(), ctx.stageAttemptNumber(), st.globalStep, paused,
          Files.isRegularFile(RunFiles.best(runDir)), TrainingLoop.examplesPerSecond(st), start, task.cost().summary());
      if (!out.evaluated()) return out;
      TrainingLoop.loadBest(task, RunFiles.best(runDir));
      SplitMetrics valid = task.evaluate(ds.split(Split.VALID));
      SplitMetrics test = task.evaluate(ds.split(Split.TEST));
      if (lead) writeResults(job, runDir, ds, cfg, model.name(), st, paused, valid, test, ex.tasks(), out);
      return out;
    } finally {
      if (scratch != null) deleteScratch(scratch);
    }
  }

  /** metrics.json (as {@code train} writes it, plus a {@code spark} section) and the ledger line. */
  private static void writeResults(TrainJob job, Path runDir, PreparedDataset ds, Config cfg, String model, TrainState st,
      boolean paused, SplitMetrics valid, SplitMetrics test, int tasks, TaskOutcome out) {
    RunResult r = Trainer.result(runDir, model, cfg, st, valid, test, Trainer.stepsPerEpoch(cfg, ds), paused);
    Map<String, Object> m = Trainer.metricsJson(r, st, Evaluator.oracle(ds, Split.TEST));
    Map<String, Object> spark = new LinkedHashMap<>();
    spark.put("tasks", tasks);
    spark.put("stage_attempt", out.attempt());
    spark.put("task0_steps", out.cost());
    m.put("spark", spark);
    Json.write(runDir.resolve(RunFiles.METRICS), m);
    Ledger.append(Path.of(job.ledger()), r, ds.manifest().fingerprint(), Hashing.sha256(cfg.toYaml()));
  }

  private static Path scratchDir() {
    try {
      return Files.createTempDirectory("r2led-spark-train-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory for a replica's checkpoints", e);
    }
  }

  private static void deleteScratch(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      System.err.println("warning: cannot delete scratch directory " + dir + ": " + e.getMessage());
    }
  }
}
