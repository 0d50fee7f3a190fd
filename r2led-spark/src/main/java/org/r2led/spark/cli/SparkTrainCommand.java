package org.r2led.spark.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.r2led.options.TrainOptions;
import org.r2led.spark.train.SparkTrain;
import org.r2led.train.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code r2led spark train}: {@code train} as a Spark barrier job, one model replica per task. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The Spark job of `train`: a barrier stage of --tasks tasks, each a replica of the model training on its"
        + " contiguous shard of every global batch; gradients go through the barrier's all-gather and every task applies"
        + " the same merged update (same results as `train --workers N` to float tolerance). Task 0 writes checkpoints;"
        + " a failed stage is retried by Spark from the last checkpoint.",
    footer = {"", "Config keys (--set key=value): see `r2led train --help` and `r2led models`. How it works and measured"
        + " figures: docs/scale.md (SparkTrain)."})
public final class SparkTrainCommand implements Callable<Integer> {
  @Mixin
  TrainOptions options;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[N] (default local[<tasks>]), spark://host:7077, yarn, k8s://...; 'submit' keeps what"
          + " spark-submit set. A barrier stage needs --tasks free slots at once.")
  String master;

  @Option(names = "--tasks", paramLabel = "N", description = "barrier tasks = model replicas = shards of each batch (default: ${DEFAULT-VALUE})")
  int tasks = 2;

  @Option(names = "--init-from", description = "start a new run from an exported model or a run directory (warm start, as"
      + " `train --init-from`; on storage every executor reads): every replica starts from its parameters")
  java.nio.file.Path initFrom;

  @Override
  public Integer call() {
    String m = master == null ? "local[" + tasks + "]" : master;
    SparkSession s = org.r2led.spark.SparkSessions.create(m.equals("submit") ? null : m, "r2led spark train");
    try {
      SparkTrain.Result r = SparkTrain.train(s, options.request(java.util.List.of(), initFrom), tasks);
      for (SparkTrain.TaskOutcomeView t : r.tasks()) {
        if (t.task() == 0) {
          System.err.printf(Locale.ROOT, "task 0 (stage attempt %d): start-up %.1f s; %s%n", t.attempt(), t.startSeconds(), t.costLine());
        }
      }
      if (!r.evaluated()) {
        System.out.println("paused before the first validation in " + r.runDir() + "; continue with --resume --set max_steps=0");
        return 0;
      }
      RunResult x = RunResult.read(r.runDir());
      System.out.printf(Locale.ROOT, "%s  run %s%n  valid  %s%n  test   %s%n  training %,.0f samples/s, %d steps, best at step %d (%d tasks)%n",
          x.model(), x.runDir(), x.valid(), x.test(), x.trainSamplesPerSecond(), x.steps(), x.bestStep(), tasks);
      return 0;
    } finally {
      s.stop();
    }
  }
}
