package org.r2led.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.r2led.data.PreparedDataset;
import org.r2led.io.InPlaceDir;
import org.r2led.io.ToolFile;
import org.r2led.sid.SidTable;
import org.r2led.bench.train.TorchTrace;
import org.r2led.bench.train.TrainBenchmark;
import org.r2led.bench.train.WorkersBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code r2led bench train}: training throughput of DIN and R2LED on generated data. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Measure training throughput (samples/s) on generated data: DIN (batch 512, 200 behaviors, 32-d, "
        + "100k-row table), R2LED (lifelong sequences capped at 1,000), and DIN with a 10^6-row table (same id "
        + "draws spread over 10x more rows: speed ratio, RSS).")
public final class BenchTrainCommand implements Callable<Integer> {
  @Option(names = "--steps", defaultValue = "20", description = "timed steps per case (default: ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--warmup", defaultValue = "5", description = "untimed warm-up steps (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--repeat", defaultValue = "3",
      description = "measurements per case; the median is reported (default: ${DEFAULT-VALUE})")
  int repeat;

  @Option(names = "--cases", defaultValue = "din,r2led,din-1m",
      description = "comma-separated cases: din, r2led, din-1m, r2led-1m, or none (with --workers and --data: only the"
          + " prepared data) (default: ${DEFAULT-VALUE})")
  String cases;

  /** The generated cases asked for ({@code --cases none}: none). */
  private List<String> generatedCases() {
    if (cases.trim().equals("none")) return List.of();
    return java.util.Arrays.stream(cases.split(",")).map(String::trim).toList();
  }

  @Option(names = "--json", description = "also write every measurement and the medians as JSON to this file "
      + "(replaces only such a file)")
  Path json;

  @Option(names = "--work", description = "directory for the generated datasets, each a staged dataset output reused when "
      + "complete (default: a temp directory, deleted after)")
  Path work;

  @Option(names = "--data", description = "prepared dataset: benchmark the --models on its train split instead of generated "
      + "data (interleaved repeats, per-section time breakdown, speed ratios to the first model)")
  Path data;

  @Option(names = "--sids", description = "SID directory for --data (needed by r2led)")
  Path sids;

  @Option(names = "--models", defaultValue = "din,r2led",
      description = "with --data: comma-separated models, the first is the ratio base (default: ${DEFAULT-VALUE})")
  String models;

  @Option(names = "--set", description = "with --data: config overrides key=value (default: the models' defaults)")
  List<String> settings = new ArrayList<>();

  @Option(names = "--torch-trace", description = "with --data: one more run per model under PyTorch's profiler; "
      + "writes DIR/MODEL.trace.json and prints the heaviest ops (forward and backward)")
  Path torchTrace;

  @Option(names = "--cpu-clock", description = "with --data: time the breakdown's sections in thread CPU time instead of "
      + "wall time (with R2LED_THREADS=1 this measures each section's work regardless of other load)")
  boolean cpuClock;

  @Option(names = "--workers", split = ",", description = "compare data-parallel worker counts, e.g. 1,2: every case (the "
      + "generated --cases and, with --data, the --models on it) runs with 1 worker and 1 intra-op thread, with one process "
      + "and as many intra-op threads as cores (today's default) and with each N workers, in child JVMs side by side")
  List<Integer> workers;

  @Option(names = "--md", description = "with --workers: also write the table as Markdown to this file (replaces only such a file)")
  Path md;

  /** Keys of the --json file (in both modes), by which an existing one is recognised as this command's. */
  private static final List<String> JSON_KEYS = List.of("cores", "torch_threads", "steps", "warmup");

  @Override
  public Integer call() throws Exception {
    if (generatedCases().isEmpty() && (workers == null || data == null)) {
      throw new IllegalArgumentException("--cases none leaves nothing to measure; it goes with --workers and --data");
    }
    ToolFile jsonFile = json == null ? null : ToolFile.json(json, JSON_KEYS).checked();
    if (workers != null) return callWorkers(jsonFile);
    if (data != null) return callRealData(jsonFile);
    boolean temp = work == null;
    Path dir = temp ? Files.createTempDirectory("r2led-bench-train") : work;
    int users = usersFor(warmup + steps);
    List<TrainBenchmark.Figure> figs = new ArrayList<>();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("torch_threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
    report.put("steps", steps);
    report.put("warmup", warmup);
    Map<String, Object> perCase = new LinkedHashMap<>();
    report.put("cases", perCase);
    try {
      System.err.printf(Locale.ROOT, "cores %d, torch threads %s%n", Runtime.getRuntime().availableProcessors(),
          System.getProperty("ai.djl.pytorch.num_threads", "default"));
      for (String name : generatedCases()) {
        int items = name.endsWith("-1m") ? 1_000_000 : 100_000;
        Path d = generated(dir, items, users, SAMPLES_PER_USER);
        PreparedDataset ds = PreparedDataset.open(d);
        SidTable sids = SidTable.load(d.resolve("sids"), ds.manifest().fingerprint());
        List<String> s = new ArrayList<>(COMMON);
        s.addAll(caseSettings(name));
        String model = name.startsWith("din") ? "din" : "r2led";
        String label = model.equals("din") ? String.format(Locale.ROOT, "DIN %,d items, 200 behaviors", items)
            : String.format(Locale.ROOT, "R2LED %,d items, history cap 1000", items);
        List<TrainBenchmark.Figure> runs = new ArrayList<>();
        for (int k = 0; k < repeat; k++) {
          TrainBenchmark.Figure f = TrainBenchmark.measure(label, ds, sids, model, s, warmup, steps);
          System.err.println("  run " + (k + 1) + ": " + f);
          runs.add(f);
        }
        runs.sort(java.util.Comparator.comparingDouble(TrainBenchmark.Figure::samplesPerSecond));
        TrainBenchmark.Figure f = runs.get(runs.size() / 2);
        figs.add(f);
        perCase.put(name, Map.of("median", f, "runs", runs));
        System.out.println(f + String.format(Locale.ROOT, "  (median of %d; range %.0f-%.0f)", runs.size(),
            runs.get(0).samplesPerSecond(), runs.get(runs.size() - 1).samplesPerSecond()));
      }
      TrainBenchmark.Figure small = null, big = null;
      for (TrainBenchmark.Figure f : figs) {
        if (f.model().equals("din") && f.items() == 100_000) small = f;
        if (f.model().equals("din") && f.items() == 1_000_000) big = f;
      }
      if (small != null && big != null) {
        double ratio = 100 * big.samplesPerSecond() / small.samplesPerSecond();
        System.out.printf(Locale.ROOT, "10^6-row table speed = %.0f %% of the 10^5-row speed; RSS %,d MB%n", ratio, big.rssMb());
        report.put("large_table_speed_percent", ratio);
        report.put("large_table_rss_mb", big.rssMb());
      }
      if (jsonFile != null) {
        jsonFile.writeJson(report);
        System.out.println("wrote " + json);
      }
      return 0;
    } finally {
      if (temp) TrainBenchmark.delete(dir);
    }
  }

  /**
   * Users of a generated dataset with at least {@code min(batches, MAX_GENERATED_BATCHES) + 1} training
   * batches (each user's last sample validates, so a user gives {@code SAMPLES_PER_USER - 1} training samples).
   */
  private static int usersFor(int batches) {
    int perUser = SAMPLES_PER_USER - 1;
    int distinct = Math.min(batches, MAX_GENERATED_BATCHES);
    return ((distinct + 1) * BATCH + perUser - 1) / perUser + 1;
  }

  /**
   * Distinct batches a generated dataset holds at most: a longer run wraps into further epochs of the
   * same data (as training does) instead of generating data in proportion to its steps.
   */
  private static final int MAX_GENERATED_BATCHES = 250;

  /** The generated dataset of {@code items} table rows in {@code dir} (written when missing). */
  private static Path generated(Path dir, int items, int users, int samplesPerUser) {
    Path d = dir.resolve("v2-items-" + items + "-users-" + users);
    if (!Files.exists(d.resolve("manifest.json"))) {
      System.err.printf(Locale.ROOT, "generating %d users x 1,100 events (100,000 distinct item draws spread over a %,d-row table) in %s ...%n",
          users, items, d);
      TrainBenchmark.generate(d, 100_000, items / 100_000, users, 1100, samplesPerUser, 42);
    }
    return d;
  }

  /** The settings of a generated case (after {@link #COMMON}). */
  private static List<String> caseSettings(String name) {
    if (name.startsWith("din")) return List.of("short_seq_len=200");
    if (name.startsWith("r2led")) {
      return List.of("max_seq_len=1000", "topk=50", "short_seq_len=50", "hash_bits=64", "attention_dim=32", "num_heads=2");
    }
    throw new IllegalArgumentException("unknown benchmark case '" + name + "'; expected din, r2led, din-1m, r2led-1m");
  }

  private static final int BATCH = 512;
  private static final int SAMPLES_PER_USER = 40;
  private static final List<String> COMMON = List.of("embedding_dim=32", "batch_size=" + BATCH, "dnn_hidden_units=[200,80]",
      "attention_hidden_units=[64]", "learning_rate=0.001");

  /** {@code --workers}: every case in every worker/thread configuration, in child JVMs, side by side. */
  private Integer callWorkers(ToolFile jsonFile) {
    ToolFile mdFile = md == null ? null : ToolFile.markdown(md, "bench train", h -> false).checked();
    int cores = Runtime.getRuntime().availableProcessors();
    boolean temp = work == null;
    try {
      Path dir = temp ? Files.createTempDirectory("r2led-bench-train") : work;
      try {
        int users = usersFor(warmup + steps);
        List<WorkersBenchmark.Case> list = new ArrayList<>();
        for (String name : generatedCases()) {
          List<String> s = new ArrayList<>(COMMON);
          s.addAll(caseSettings(name));
          int items = name.endsWith("-1m") ? 1_000_000 : 100_000;
          Path d = generated(dir, items, users, SAMPLES_PER_USER);
          list.add(new WorkersBenchmark.Case("generated " + name, d, d.resolve("sids"), name.startsWith("din") ? "din" : "r2led", s));
        }
        if (data != null) {
          List<String> modelList = List.of(models.split(","));
          for (String m : modelList) {
            list.add(new WorkersBenchmark.Case(data.getFileName() + " " + m, data, sids, m,
                org.r2led.train.TrainKeys.readBy(m, settings, modelList)));
          }
        }
        List<WorkersBenchmark.Setup> setups = WorkersBenchmark.setups(workers, cores);
        System.err.printf(Locale.ROOT, "cores %d; configurations: %s%n", cores,
            setups.stream().map(WorkersBenchmark.Setup::label).toList());
        List<WorkersBenchmark.Row> rows = WorkersBenchmark.run(list, setups, warmup, steps, repeat, System.err);
        String table = WorkersBenchmark.markdown(rows, cores, warmup, steps, repeat);
        System.out.println(table);
        if (jsonFile != null) {
          Map<String, Object> report = new LinkedHashMap<>();
          report.put("cores", cores);
          report.put("torch_threads", "per configuration");
          report.put("steps", steps);
          report.put("warmup", warmup);
          report.put("repeat", repeat);
          report.put("workers", rows);
          jsonFile.writeJson(report);
          System.out.println("wrote " + json);
        }
        if (mdFile != null) {
          mdFile.write((ToolFile.markdownHeader("bench train") + "\n\n# bench train --workers\n\n" + table)
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
          System.out.println("wrote " + md);
        }
        return 0;
      } finally {
        if (temp) TrainBenchmark.delete(dir);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create a work directory: " + e.getMessage(), e);
    }
  }

  /** {@code --data}: DIN vs R2LED (or {@code --models}) on a prepared dataset, with the time breakdown. */
  private Integer callRealData(ToolFile jsonFile) {
    PreparedDataset ds = PreparedDataset.open(data);
    SidTable sidTable = sids == null ? null : SidTable.load(sids, ds.manifest().fingerprint());
    System.err.printf(Locale.ROOT, "cores %d, torch threads %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("ai.djl.pytorch.num_threads", "default"));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("torch_threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
    report.put("steps", steps);
    report.put("warmup", warmup);
    report.put("sids", sids == null ? null : sids.toString());
    report.put("section_clock", cpuClock ? "thread_cpu" : "wall");
    org.r2led.nn.Profile.useCpuClock(cpuClock);
    List<String> modelList = List.of(models.split(","));
    // the trace directory is checked (and marked) before the benchmark, so a refusal costs no time
    try (InPlaceDir traces = torchTrace == null ? null : TorchTrace.openDir(torchTrace, modelList)) {
      if (traces != null) traces.mark();
      report.putAll(org.r2led.bench.train.RealDataBenchmark.run(ds, sidTable, modelList, settings, warmup, steps, repeat, traces,
          System.out));
    }
    if (jsonFile != null) {
      jsonFile.writeJson(report);
      System.out.println("wrote " + json);
    }
    return 0;
  }
}
