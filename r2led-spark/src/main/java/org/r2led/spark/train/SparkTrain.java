package org.r2led.spark.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.r2led.config.Config;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.io.AtomicFiles;
import org.r2led.io.DirLock;
import org.r2led.io.Json;
import org.r2led.io.OrphanedTempFiles;
import org.r2led.sid.SidTable;
import org.r2led.train.Checkpoint;
import org.r2led.train.ResumeRules;
import org.r2led.train.RunFiles;
import org.r2led.train.RunInfo;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainRequest;
import org.r2led.train.Trainer;
import org.r2led.train.TrainingLoop;

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
    if (req.initFrom() != null) throw new IllegalArgumentException("spark train does not warm-start; use `train --init-from`");
    Path runDir = req.runDir();
    try (DirLock lock = DirLock.acquire(runDir)) {
      TrainKeys.Resolved resolved = req.resume() ? resumed(req) : TrainKeys.resolve(settings(req, null), req.models());
      Config cfg = resolved.config();
      int workers = cfg.get(TrainKeys.WORKERS);
      if (workers != 1) {
        throw new IllegalArgumentException("workers=" + workers + ": spark train runs one worker per task; give the parallelism with --tasks N");
      }
      if (!req.resume() && Files.exists(RunFiles.last(runDir))) {
        throw new IllegalArgumentException("run directory " + runDir + " already has a checkpoint; use --resume or another --out");
      }
      if (!req.resume()) RunFiles.checkFreshTarget(runDir);
      PreparedDataset ds = PreparedDataset.open(req.data());
      SidTable sids = req.sids() == null ? null : SidTable.load(req.sids(), ds.manifest().fingerprint());
      Map<String, Object> recorded = req.resume() ? recordedRun(runDir, ds) : null;
      if (ds.split(Split.TRAIN).size() == 0) throw new IllegalArgumentException("dataset " + ds.dir() + " has no training samples");
      if (ds.split(Split.VALID).size() == 0) {
        throw new IllegalArgumentException("dataset " + ds.dir() + " has no validation samples (needed for early stopping)");
      }
      if (recorded != null && !"running".equals(recorded.get("status")) && Files.isRegularFile(runDir.resolve(RunFiles.METRICS))) {
        String why = nothingToTrain(cfg, ds, runDir);
        if (why != null) {
          System.err.println("run " + runDir + " has nothing to train (" + why + "); no file changed");
          return new Result(runDir, why.startsWith("paused"), true, List.of());
        }
      }
      OrphanedTempFiles.cleanAndReport(runDir);
      @SuppressWarnings("unchecked")
      Map<String, Object> init = recorded == null ? null : (Map<String, Object>) recorded.get("init");
      try {
        Files.createDirectories(runDir);
        AtomicFiles.write(runDir.resolve(RunFiles.CONFIG), cfg.toYaml().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write to run directory " + runDir, e);
      }
      Json.write(runDir.resolve(RunFiles.RUN), RunInfo.of(cfg, ds, req.sids(), sids, "running", init));
      Path ledger = req.ledger() != null ? req.ledger() : runDir.toAbsolutePath().normalize().getParent().resolve("results.tsv");
      TrainJob job = new TrainJob(abs(runDir), abs(req.data()), req.sids() == null ? null : abs(req.sids()), req.resume(),
          req.progress(), abs(ledger), failAtStep);
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

  private static String abs(Path p) { return p.toAbsolutePath().normalize().toString(); }

  /** The request's settings over {@code savedConfig} (null: none), as {@code train} collects them. */
  private static Config.Builder settings(TrainRequest req, Path savedConfig) {
    Config.Builder cb = Config.builder();
    if (savedConfig != null) cb.file(savedConfig);
    if (req.configFile() != null) cb.file(req.configFile());
    if (req.model() != null) cb.set(TrainKeys.MODEL.name(), req.model(), "--model");
    return cb.overrides(req.overrides());
  }

  /**
   * The configuration of a resumed run: the run's config.yaml with the request's changes, of which only
   * schedule keys may differ ({@link ResumeRules}); the last checkpoint must exist and be readable.
   */
  private static TrainKeys.Resolved resumed(TrainRequest req) {
    Path runDir = req.runDir();
    Path saved = runDir.resolve(RunFiles.CONFIG);
    if (!Files.isRegularFile(saved)) throw new IllegalArgumentException("cannot resume: " + saved + " does not exist");
    Path last = RunFiles.last(runDir);
    if (!Files.isRegularFile(last)) throw new IllegalArgumentException("cannot resume: checkpoint " + last + " does not exist");
    Config run = TrainKeys.resolve(Config.builder().file(saved), req.models()).config();
    Config.Builder cb = settings(req, saved);
    String model = String.valueOf(cb.raw(TrainKeys.MODEL.name()));
    if (!model.equals(run.get(TrainKeys.MODEL))) {
      throw new IllegalArgumentException("cannot resume " + runDir + ": model is " + run.get(TrainKeys.MODEL) + " in the run, the request gives "
          + model + ". Nothing was changed; train a new run with another --out");
    }
    TrainKeys.Resolved resolved = TrainKeys.resolve(cb, req.models());
    ResumeRules.refuseFixedChanges(runDir, run, resolved.config());
    Checkpoint.header(last); // fails on a damaged checkpoint before anything is written
    return resolved;
  }

  /** run.json of a run being resumed; fails when it records another dataset than {@code ds}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> recordedRun(Path runDir, PreparedDataset ds) {
    Map<String, Object> run = Json.read(runDir.resolve(RunFiles.RUN), Map.class);
    Object data = run.get("dataset");
    Object recorded = data instanceof Map<?, ?> d ? d.get("manifest_fingerprint") : null;
    if (!ds.manifest().fingerprint().equals(recorded)) {
      throw new IllegalArgumentException("dataset " + ds.dir() + " has fingerprint " + ds.manifest().fingerprint() + ", but "
          + runDir.resolve(RunFiles.RUN) + " records " + recorded + " (the dataset changed since training, or it is another one)");
    }
    return run;
  }

  /** Why a run has nothing left to train, or null (see {@link TrainingLoop.Schedule#nothingToTrain}). */
  private static String nothingToTrain(Config cfg, PreparedDataset ds, Path runDir) {
    return TrainingLoop.Schedule.of(cfg).nothingToTrain(Checkpoint.header(RunFiles.last(runDir)).state(), Trainer.stepsPerEpoch(cfg, ds));
  }
}
