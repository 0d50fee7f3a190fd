package org.r2led.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.r2led.bench.BenchOutputs;
import org.r2led.bench.BenchRequest;
import org.r2led.bench.BenchResult;
import org.r2led.bench.Grid;
import org.r2led.bench.ModelBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led bench models}: compare models under one budget; results table, CSV, JSON and charts. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = {"Train and compare models on a prepared dataset under the same budget: every --grid setting on seed 1, "
        + "the one with the best validation AUC chosen, then seeds 2..N at it. Every run trains until early stopping ends it: "
        + "a run its epoch limit ended is resumed with the limit doubled, up to --max-epochs, and one still improving at the "
        + "end is flagged (capped) in the tables. Each run is a normal `train` run in "
        + "OUT/runs/<model>/<setting>/seed<k>/; finished runs are reused and interrupted ones resumed when the command is run "
        + "again. Then times scoring (prepare + forward + sigmoid, 1 and --candidates candidates per history) and the latency "
        + "vs history length, and writes OUT/results.md, results.csv, results.json, auc_vs_cost.png and latency_vs_length.png."})
public final class BenchModelsCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "prepared dataset directory")
  Path data;

  @Option(names = "--sids", description = "Semantic-ID directory built for this dataset (needed by r2led)")
  Path sids;

  @Option(names = "--models", defaultValue = "din,r2led", split = ",",
      description = "comma-separated model names, see `r2led models` (default: ${DEFAULT-VALUE})")
  List<String> models;

  @Option(names = "--seeds", defaultValue = "3", description = "seeds 1..N per model (default: ${DEFAULT-VALUE})")
  int seeds;

  @Option(names = "--out", required = true, description = "output directory (runs and results; rerun to resume)")
  Path out;

  @Option(names = "--grid", defaultValue = "learning_rate=1e-3,3e-4",
      description = "training settings searched on seed 1: key=v1,v2;key2=v3,v4 (cartesian product; 'none' for no search; "
          + "default: ${DEFAULT-VALUE})")
  String grid;

  @Option(names = "--set", description = "a key=value setting for every run of every model, e.g. --set epochs=4 (repeatable)")
  List<String> settings = new ArrayList<>();

  @Option(names = "--max-epochs", defaultValue = "" + BenchRequest.DEFAULT_MAX_EPOCHS,
      description = "a run that its epoch limit (not early stopping) ended is resumed with the limit doubled, up to this many "
          + "epochs (default: ${DEFAULT-VALUE}; set it to the epoch limit to never extend)")
  int maxEpochs;

  @Option(names = "--latency-lengths", defaultValue = "100,300,1000,3000,10000",
      description = "history lengths of the latency sweep ('none' to skip; default: ${DEFAULT-VALUE})")
  String latencyLengths;

  @Option(names = "--candidates", defaultValue = "100", description = "candidates per history in the scoring timings (default: ${DEFAULT-VALUE})")
  int candidates;

  @Option(names = "--latency-repeats", defaultValue = "21",
      description = "most timed calls per scoring measurement, after warm-up, also capped at ~3 s (default: ${DEFAULT-VALUE})")
  int latencyRepeats;

  @Option(names = "--latency-threads", defaultValue = "1",
      description = "PyTorch intra-op threads while timing scoring (serving uses 1; default: ${DEFAULT-VALUE})")
  int latencyThreads;

  @Option(names = "--no-progress", description = "do not draw each run's training progress bar (bench progress lines remain)")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    BenchRequest req = new BenchRequest(data, sids, models.stream().map(String::trim).filter(s -> !s.isEmpty()).toList(), seeds, out,
        Grid.parse(grid), settings, maxEpochs, parseLengths(latencyLengths), candidates, latencyRepeats, latencyThreads, !noProgress);
    BenchResult r = ModelBench.run(req);
    System.out.print(Files.readString(out.resolve(BenchOutputs.MARKDOWN)));
    System.out.printf(java.util.Locale.ROOT, "%nwrote %s (%d runs: %d reused, %d resumed, %d trained; %d extended)%n",
        out.resolve(BenchOutputs.MARKDOWN), r.cells().total(), r.cells().reused(), r.cells().resumed(), r.cells().trained(),
        r.cells().extended());
    return 0;
  }

  static List<Integer> parseLengths(String s) {
    String t = s == null ? "" : s.trim();
    if (t.isEmpty() || t.equalsIgnoreCase("none")) return List.of();
    try {
      return Arrays.stream(t.split(",")).map(String::trim).filter(x -> !x.isEmpty()).map(x -> Integer.parseInt(x.replace("_", ""))).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--latency-lengths expects comma-separated integers, got '" + s + "'");
    }
  }
}
