package org.r2led.spark.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.io.AtomicFiles;
import org.r2led.io.Json;
import org.r2led.spark.SparkSessions;
import org.r2led.spark.train.SparkTrainBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led spark bench-train}: N local worker threads vs a Spark local[N] barrier stage, side by side. */
@Command(name = "bench-train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Training samples/s of `train --workers N` (N threads in one process) and of `spark train` in local[N] with N"
        + " barrier tasks, on the same data, model and global batches; Spark's start-up and the warm-up steps are excluded"
        + " from the rate and reported apart, with task 0's time by phase and the bytes through the all-gather per step.")
public final class SparkBenchTrainCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "prepared dataset directory")
  Path data;

  @Option(names = "--sids", description = "SID directory (needed by r2led)")
  Path sids;

  @Option(names = "--model", defaultValue = "din", description = "model (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--set", description = "config override key=value (repeatable)")
  List<String> settings = new ArrayList<>();

  @Option(names = "--workers", defaultValue = "2", description = "local worker threads = Spark tasks (default: ${DEFAULT-VALUE})")
  int workers;

  @Option(names = "--warmup", defaultValue = "10", description = "untimed steps (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--steps", defaultValue = "60", description = "timed steps (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--out", description = "write bench-train.md and bench-train.json here (default: print only)")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("r2led-bench-train-");
    SparkTrainBench.Report r;
    try {
      r = SparkTrainBench.run(data, sids, model, settings, workers, warmup, steps, work,
          () -> SparkSessions.create("local[" + workers + "]", "r2led spark bench-train"));
    } finally {
      try (var files = Files.walk(work)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
    String md = r.markdown();
    System.out.print(md);
    if (out != null) {
      Files.createDirectories(out);
      AtomicFiles.write(out.resolve("bench-train.md"), md.getBytes(StandardCharsets.UTF_8));
      Json.write(out.resolve("bench-train.json"), r);
      System.out.println("wrote " + out.resolve("bench-train.md") + " and bench-train.json");
    }
    return 0;
  }
}
