package org.r2led.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.r2led.bench.IntraOpThreads;
import org.r2led.io.ToolFile;
import org.r2led.bench.recall.RecallLatency;
import org.r2led.recall.RecallRun;
import org.r2led.recall.Retriever;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led retrieve latency}: retrieval latency for a long history. */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Time a retrieval run on a history of --history behaviors (the dataset's longest positive sequence, "
        + "repeated): p50/p99/mean ms for --n candidates, one request at a time.")
public final class RetrieveLatencyCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, description = "retrieval run directory")
  Path run;

  @Option(names = "--history", defaultValue = "10000", description = "behaviors in the history (default: ${DEFAULT-VALUE})")
  int history;

  @Option(names = "--n", defaultValue = "200", description = "candidates (default: ${DEFAULT-VALUE})")
  int n;

  @Option(names = "--reps", defaultValue = "500", description = "timed requests (default: ${DEFAULT-VALUE})")
  int reps;

  @Option(names = "--warmup", defaultValue = "300", description = "untimed requests first: JIT compilation of the search "
      + "code runs on the same cores meanwhile (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--threads", defaultValue = "1", description = "PyTorch intra-op threads while timing (serving uses 1; "
      + "default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--set", description = "retrieve with KEY=VALUE instead of the run's value; only retrieval-time keys "
      + "(cascade_weight, topk_categories, repeat_weight, cooc_weight, cooc_window, hnsw_ef_search, hnsw_m, hnsw_ef_construction, hnsw_exact_below, exact_search)")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--profile", description = "after timing, run --reps profiled requests and print the median time "
      + "of each phase (model blocks, searches, merge)")
  boolean profile;

  @Option(names = "--json", description = "also write the run, overrides and result to this JSON file (replaces only such a file)")
  Path json;

  /** The keys of the --json file, by which an existing one is recognised as this command's. */
  private static final List<String> JSON_KEYS = List.of("run", "model", "overrides", "threads", "warmup", "latency");

  @Override
  public Integer call() {
    ToolFile jsonFile = json == null ? null : ToolFile.json(json, JSON_KEYS).checked();
    RecallRun.Loaded l = RecallRun.load(run, set);
    Retriever r = l.retriever();
    RecallLatency lat = IntraOpThreads.with(threads, () -> RecallLatency.measure(r, l.data(), history, n, warmup, reps,
        profile));
    System.out.printf(Locale.ROOT, "%s: history %d, %d candidates: wall p50 %.2f ms, p99 %.2f ms, mean %.2f ms; "
        + "thread CPU p50 %.2f ms, p99 %.2f ms (%d requests)%n", l.info().model(), history, n, lat.p50Millis(),
        lat.p99Millis(), lat.meanMillis(), lat.cpuP50Millis(), lat.cpuP99Millis(), reps);
    if (!lat.phaseP50Millis().isEmpty()) {
      System.out.println("ms per request by phase, p50 and p99 (sections nest: a block's time is inside its phase's):");
      lat.phaseP50Millis().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-32s %8.3f %8.3f%n", k, v,
          lat.phaseP99Millis().get(k)));
    }
    if (jsonFile != null) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("run", run.toAbsolutePath().normalize().toString());
      out.put("model", l.info().model());
      out.put("overrides", new java.util.TreeMap<>(set));
      out.put("threads", threads);
      out.put("warmup", warmup);
      out.put("latency", lat);
      jsonFile.writeJson(out);
    }
    return 0;
  }
}
