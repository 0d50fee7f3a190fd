package org.r2led.spark.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.sql.SparkSession;
import org.r2led.config.Config;
import org.r2led.data.SampleSplit;
import org.r2led.data.Split;
import org.r2led.io.AtomicFiles;
import org.r2led.model.TokenBatch;
import org.r2led.train.TrainKeys;
import org.r2led.train.TrainingSession;
import org.r2led.train.parallel.Workers;

/**
 * {@code spark bench-train}: training throughput of N local worker threads ({@code train --workers N})
 * and of a Spark barrier stage of N tasks ({@code spark train}) side by side, on the same data, model,
 * global batch and steps. Both run the same global batches of epoch 0's permutation (cycling), with the
 * next batch prepared while a step trains; the rate counts global samples of the timed steps only
 * (after the warm-up steps, and after Spark's start-up, reported apart).
 */
public final class SparkTrainBench {
  private SparkTrainBench() {}

  /**
   * One configuration's figures.
   *
   * @param name what ran
   * @param samplesPerSecond global samples per second over the timed steps
   * @param startSeconds start-up before the first step (Spark: session + stage launch + replica build)
   * @param cost for Spark: task 0's per-step time by phase and exchange volume (null for local workers)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Row(String name, double samplesPerSecond, double startSeconds, StepCost.Summary cost) implements Serializable {}

  /** The measurement: settings and both rows. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Report(String model, int workers, int batchSize, int warmup, int steps, Row local, Row spark) {
    /** Spark's rate over the local workers' rate. */
    @JsonProperty("spark_over_local")
    public double ratio() { return spark.samplesPerSecond() / local.samplesPerSecond(); }

    /** A Markdown table of both rows and the exchange volume. */
    public String markdown() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "%s, batch %d, %d timed steps after %d warm-up steps, %d workers/tasks%n%n", model, batchSize,
          steps, warmup, workers));
      b.append("| configuration | samples/s | vs local workers | start-up s | compute ms/step | all-gather ms/step | merge ms/step | update ms/step |\n");
      b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      b.append(String.format(Locale.ROOT, "| %s | %,.0f | 1.00 | %.1f | | | | |%n", local.name(), local.samplesPerSecond(), local.startSeconds()));
      StepCost.Summary c = spark.cost();
      double n = Math.max(1, c.steps());
      b.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", spark.name(), spark.samplesPerSecond(),
          ratio(), spark.startSeconds(), 1e3 * c.computeSeconds() / n, 1e3 * c.exchangeSeconds() / n, 1e3 * c.mergeSeconds() / n,
          1e3 * c.applySeconds() / n));
      b.append(String.format(Locale.ROOT, "%nper step and task: sent %,.0f B (Base64 of %,.0f dense floats + %,.0f sparse rows), received"
          + " %,.0f B; the merged update has %,.0f sparse rows%n", c.sentBytesPerStep(), c.denseFloatsPerStep(), c.sparseRowsPerStep(),
          c.receivedBytesPerStep(), c.mergedSparseRowsPerStep()));
      return b.toString();
    }
  }

  /** What a bench task needs. */
  record BenchJob(String configFile, String data, String sids, int warmup, int steps) implements Serializable {}

  /**
   * Measures {@code workers} local worker threads, then a {@code local[workers]} Spark stage (session
   * from {@code sessions}), on {@code model} with {@code overrides}; {@code work} holds the configs.
   */
  public static Report run(Path data, Path sids, String model, List<String> overrides, int workers, int warmup, int steps, Path work,
      Supplier<SparkSession> sessions) {
    if (workers < 1 || steps < 1 || warmup < 0) {
      throw new IllegalArgumentException("workers " + workers + ", steps " + steps + ", warmup " + warmup + ": expected >= 1, >= 1, >= 0");
    }
    List<String> local = new ArrayList<>(overrides);
    local.add("workers=" + workers);
    Config localCfg = TrainKeys.resolve(model, local).config();
    Config sparkCfg = TrainKeys.resolve(model, overrides).config();
    Path localFile = write(work.resolve("local.yaml"), localCfg);
    Path sparkFile = write(work.resolve("spark.yaml"), sparkCfg);
    String sidsPath = sids == null ? null : sids.toAbsolutePath().toString();
    Row l = local(new BenchJob(localFile.toString(), data.toAbsolutePath().toString(), sidsPath, warmup, steps), workers);
    long t0 = System.nanoTime();
    SparkSession spark = sessions.get();
    try {
      double session = (System.nanoTime() - t0) / 1e9;
      BenchJob job = new BenchJob(sparkFile.toString(), data.toAbsolutePath().toString(), sidsPath, warmup, steps);
      long t1 = System.nanoTime();
      List<Row> rows = BarrierStage.run(spark, workers, "r2led spark bench-train", ctx -> Replica.withOneIntraOpThread(() -> task(job, ctx, t1)));
      Row s = rows.get(0);
      Row spark0 = new Row("Spark local[" + workers + "], " + workers + " barrier tasks", s.samplesPerSecond(), session + s.startSeconds(), s.cost());
      return new Report(model, workers, sparkCfg.get(TrainKeys.BATCH_SIZE), warmup, steps, l, spark0);
    } finally {
      spark.stop();
    }
  }

  private static Path write(Path file, Config cfg) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.write(file, cfg.toYaml().getBytes(StandardCharsets.UTF_8));
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** {@code workers} local worker threads of one session ({@code train --workers N}'s step). */
  private static Row local(BenchJob job, int workers) {
    long t0 = System.nanoTime();
    Replica r = Replica.open(Path.of(job.configFile()), job.data(), job.sids());
    SampleSplit train = r.ds().split(Split.TRAIN);
    int bs = r.cfg().get(TrainKeys.BATCH_SIZE);
    int full = Math.max(1, train.size() / bs);
    int[] order = TrainingSession.permutation(train.size(), r.cfg().get(TrainKeys.SEED), 0);
    double lr = r.cfg().get(TrainKeys.LEARNING_RATE);
    try (TrainingSession s = new TrainingSession(r.model(), r.cfg())) {
      int total = job.warmup() + job.steps();
      Future<List<TokenBatch>> next = s.prepareShardsAsync(train, order, 0, Math.min(train.size(), bs));
      double start = (System.nanoTime() - t0) / 1e9;
      long timed = 0;
      long samples = 0;
      for (int i = 0; i < total; i++) {
        List<TokenBatch> cur = Workers.await(next);
        int from = ((i + 1) % full) * bs;
        Future<List<TokenBatch>> fut = i + 1 < total ? s.prepareShardsAsync(train, order, from, Math.min(train.size(), from + bs)) : null;
        if (i == job.warmup()) timed = System.nanoTime();
        s.trainStep(cur, lr);
        if (i >= job.warmup()) for (TokenBatch b : cur) samples += b.size();
        if (fut != null) {
          Workers.await(fut); // the next batch is prepared before the step's hooks, as in the training loop
          next = fut;
        }
        s.finishStep();
      }
      double secs = (System.nanoTime() - timed) / 1e9;
      return new Row(workers + " local worker threads (train --workers " + workers + ")", samples / secs, start, null);
    }
  }

  /** One barrier task: build the replica, warm up, then time the steps (task 0's figures are reported). */
  private static Row task(BenchJob job, BarrierTaskContext ctx, long launched) {
    Replica r = Replica.open(Path.of(job.configFile()), job.data(), job.sids());
    ExecutorService prep = Executors.newSingleThreadExecutor(t -> {
      Thread th = new Thread(t, "r2led-bench-prep");
      th.setDaemon(true);
      return th;
    });
    try (Exchange ex = new Exchange(ctx); TrainingSession s = new TrainingSession(r.model(), r.cfg())) {
      BarrierCtrTask task = new BarrierCtrTask(s, r.cfg(), r.ds().split(Split.TRAIN), r.ds().split(Split.VALID), ex, false, -1);
      int full = Math.max(1, r.ds().split(Split.TRAIN).size() / r.cfg().get(TrainKeys.BATCH_SIZE));
      double lr = r.cfg().get(TrainKeys.LEARNING_RATE);
      int total = job.warmup() + job.steps();
      Future<BarrierCtrTask.Shard> next = prep.submit(() -> task.batch(0, 0));
      ex.barrier();
      double start = (System.nanoTime() - launched) / 1e9;
      long timed = 0;
      long samples = 0;
      for (int i = 0; i < total; i++) {
        BarrierCtrTask.Shard cur = Workers.await(next);
        int index = (i + 1) % full;
        Future<BarrierCtrTask.Shard> fut = i + 1 < total ? prep.submit(() -> task.batch(0, index)) : null;
        if (i == job.warmup()) {
          ex.barrier();
          task.cost().reset();
          timed = System.nanoTime();
        }
        task.trainStep(cur, lr, i);
        if (i >= job.warmup()) samples += task.size(cur);
        if (fut != null) {
          Workers.await(fut);
          next = fut;
        }
        task.afterStep();
      }
      double secs = (System.nanoTime() - timed) / 1e9;
      return new Row("task " + ex.task(), samples / secs, start, task.cost().summary());
    } finally {
      prep.shutdownNow();
    }
  }
}
