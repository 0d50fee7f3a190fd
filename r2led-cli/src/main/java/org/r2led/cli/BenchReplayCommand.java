package org.r2led.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.r2led.bench.BenchOutputs;
import org.r2led.bench.replay.ReplayBenchmark;
import org.r2led.bench.replay.ReplayOutputs;
import org.r2led.bench.replay.ReplayResult;
import org.r2led.bench.replay.ReplayWindows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led bench replay}: frozen vs warm-started vs fully retrained models over time windows ({@link ReplayBenchmark}). */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a time-ordered dataset in windows of sample time (equal spans of time or equal sample counts): score every window w >= 1 with (a) the model "
        + "trained on window 0 and frozen, (b) the model warm-started window after window (--init-from), (c) a full "
        + "retrain on windows 0..w-1; write AUC per window (and its mean, plain and weighted by samples) and training seconds "
        + "as results.md/.csv/.json and "
        + ReplayOutputs.CHART + ".")
public final class BenchReplayCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "prepared dataset directory")
  Path data;

  @Option(names = "--model", defaultValue = "din", description = "model to train (default: ${DEFAULT-VALUE}); a model with Semantic IDs needs --sids")
  String model;

  @Option(names = "--sids", description = "SID table built for --data (models with Semantic IDs, e.g. r2led); every window dataset uses its codes")
  Path sids;

  @Option(names = "--windows", defaultValue = "4", description = "windows to score; the data is cut into N+1 windows (default: ${DEFAULT-VALUE})")
  int windows;

  @Option(names = "--window-by", defaultValue = "time", paramLabel = "time|samples",
      description = "cut the windows into equal spans of sample time or equal numbers of samples (default: ${DEFAULT-VALUE})")
  String windowBy;

  @Option(names = "--out", required = true, description = "output directory (new or empty): window datasets, runs and results")
  Path out;

  @Option(names = "--set", description = "a key=value training setting for every run, e.g. --set epochs=2 (repeatable)")
  List<String> settings = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) throw new IllegalArgumentException("--out " + out + " is not empty; expected a new or empty directory");
      }
    }
    ReplayWindows.By by = ReplayWindows.By.parse(windowBy);
    Files.createDirectories(out);
    ReplayResult r = ReplayBenchmark.run(new ReplayBenchmark.Request(data, model, windows, settings, out, by, sids), System.err);
    ReplayOutputs.write(r, out);
    System.out.print(Files.readString(out.resolve(BenchOutputs.MARKDOWN)));
    System.out.println("\nwrote " + out.resolve(BenchOutputs.MARKDOWN) + ", " + BenchOutputs.CSV + ", " + BenchOutputs.JSON + ", "
        + ReplayOutputs.CHART);
    return 0;
  }
}
