package org.r2led.spark.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.io.DirLock;
import org.r2led.io.Json;
import org.r2led.io.OrphanedTempFiles;
import org.r2led.sid.SidTable;
import org.r2led.train.Resumption;
import org.r2led.train.RunFiles;
import org.r2led.train.RunInfo;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;
import org.r2led.train.WarmStart;

/**
 * {@code spark train}: the training run of {@code train} as one Spark barrier stage of {@code tasks}
 * tasks ({@link BarrierTrainer}), each a model replica training on its shard of every global batch,
 * gradients exchanged with the barrier's all-gather. The driver checks the request, holds the run
 * directory's lock, writes {@code config.yaml} and {@code run.json}; task 0 writes the checkpoints,
 * {@code metrics.json} and the ledger line. Spark places the tasks and retries a failed stage as a
 * whole; a retried stage continues from the run's last checkpoint.
 */
public final class SparkTrain {
  private SparkTrain() {}

  /**
   * What a run did.
   *
   * @param runDir the run directory
   * @param paused stopped at {@code max_steps}
   * @param evaluated metrics.json was written (false when paused before the first validation)
   * @param tasks every task's outcome, in partition order
   */
  public record Result(Path runDir, boolean paused, boolean evaluated, List<TaskOutcomeView> tasks) {}

  /**
   * One task's figures.
   *
   * @param task partition id
   * @param attempt stage attempt that finished
   * @param steps optimizer steps in total
   * @param samplesPerSecond global samples per second of training wall time
   * @param startSeconds task start to first step
   * @param costLine per-step time by phase and exchange volume
   */
  public record TaskOutcomeView(int task, int attempt, long steps, double samplesPerSecond, double startSeconds, String costLine) {}

  /** Trains as {@code req} asks with {@code tasks} barrier tasks on {@code spark}. */
  public static Result train(SparkSession spark, TrainRequest req, int tasks) { return train(spark, req, tasks, -1); }

  /** {@link #train(SparkSession, TrainRequest, int)} with the fault-injection hook of {@link TrainJob#failAtStep}. */
  static Result train(SparkSession spark, TrainRequest req, int tasks, long failAtStep) {
    if (tasks < 1) throw new IllegalArgumentException("--tasks " + tasks + ": expected >= 1");
    Path runDir = req.runDir();
    try (DirLock lock = DirLock.acquire(runDir)) {
      // a resume is checked as `train` checks it (config, inputs, checkpoint) before anything in the run directory changes
      if (req.resume() && req.initFrom() != null) {
        throw new IllegalArgumentException("--init-from starts a new run; --resume continues " + runDir
            + " from its own checkpoint (drop --init-from)");
      }
      Resumption resume = req.resume() ? Resumption.check(req) : null;
      WarmStart warm = !req.resume() && req.initFrom() != null ? WarmStart.open(req.initFrom(), req.models()) : null;
      TrainKeys.Resolved resolved = resume != null ? resume.resolved() : warm != null ? warm.resolve(withoutInitWorkers(req))
          : Trainer.resolveNew(req);
      Config cfg = resolved.config();
      int workers = cfg.get(TrainKeys.WORKERS);
      if (workers != 1) {
        throw new IllegalArgumentException("workers=" + workers + ": spark train runs one worker per task; give the parallelism with --tasks N");
      }
      if (!req.resume()) RunFiles.checkNewRun(runDir);
      PreparedDataset ds = PreparedDataset.open(req.data());
      SidTable sids = req.sids() == null ? null : SidTable.load(req.sids(), ds.manifest().fingerprint());
      if (resume != null) resume.checkInputs(ds, req.sids());
      Trainer.requireTrainAndValid(ds);
      if (resume != null && !"running".equals(resume.recordedStatus()) && Files.isRegularFile(runDir.resolve(RunFiles.METRICS))) {
        String why = resume.nothingToTrain(Trainer.stepsPerEpoch(cfg, ds));
        if (why != null) {
          System.err.println("run " + runDir + " has nothing to train (" + why + "); no file changed");
          return new Result(runDir, why.startsWith("paused"), true, List.of());
        }
      }
      OrphanedTempFiles.cleanAndReport(runDir);
      Map<String, Object> init = resume != null ? resume.recordedInit() : warm != null ? warm.record() : null;
      RunFiles.writeConfig(runDir, cfg);
      Json.write(runDir.resolve(RunFiles.RUN), RunInfo.of(cfg, ds, req.sids(), sids, "running", init));
      TrainJob job = new TrainJob(abs(runDir), abs(req.data()), req.sids() == null ? null : abs(req.sids()), req.resume(),
          req.progress(), abs(Trainer.ledger(req)), warm == null ? null : abs(req.initFrom()), failAtStep);
      List<TaskOutcome> outs = run(spark, job, tasks);
      TaskOutcome lead = outs.get(0);
      Json.write(runDir.resolve(RunFiles.RUN), RunInfo.of(cfg, ds, req.sids(), sids, lead.paused() ? "paused" : "finished", init));
      return new Result(runDir, lead.paused(), lead.evaluated(), outs.stream().map(o -> new TaskOutcomeView(o.task(), o.attempt(),
          o.steps(), o.samplesPerSecond(), o.startSeconds(), o.cost().describe())).toList());
    }
  }

  /** Runs the barrier stage; the outcomes in partition order. */
  static List<TaskOutcome> run(SparkSession spark, TrainJob job, int tasks) {
    int slots = spark.sparkContext().defaultParallelism();
    if (spark.sparkContext().isLocal() && slots < tasks) {
      throw new IllegalArgumentException("--tasks " + tasks + " needs " + tasks + " task slots at once (a barrier stage), master "
          + spark.sparkContext().master() + " has " + slots + "; use --master 'local[" + tasks + "]' or fewer tasks");
    }
    return BarrierStage.run(spark, tasks, "r2led spark train: " + tasks + " barrier tasks", ctx -> BarrierTrainer.run(job, ctx));
  }

  /**
   * A warm start takes the init's config.yaml, whose {@code workers} (of a {@code train --workers N} run) is no
   * setting of a Spark run: unless the request sets it itself, it is 1 (the parallelism is {@code --tasks}).
   */
  private static TrainRequest withoutInitWorkers(TrainRequest req) {
    String key = TrainKeys.WORKERS.name() + "=";
    if (req.overrides().stream().anyMatch(o -> o.startsWith(key))) return req;
    List<String> o = new java.util.ArrayList<>();
    o.add(key + 1);
    o.addAll(req.overrides());
    return req.withOverrides(o);
  }

  private static String abs(Path p) { return p.toAbsolutePath().normalize().toString(); }
}
