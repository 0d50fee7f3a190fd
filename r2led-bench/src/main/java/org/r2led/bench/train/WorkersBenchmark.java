package org.r2led.bench.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.r2led.data.PreparedDataset;
import org.r2led.io.Json;
import org.r2led.sid.SidTable;

/**
 * Data-parallel training throughput side by side: each configuration (N worker threads with one
 * intra-op thread each, or one process with T intra-op threads, today's default) trains the same
 * model on the same data in its own child JVM (PyTorch fixes the intra-op thread count at engine
 * start), the configurations interleaved within each repeat so machine load hits them alike; medians
 * are reported with the scaling efficiency, resident memory and the per-step gradient exchange.
 */
public final class WorkersBenchmark {
  private WorkersBenchmark() {}

  /** One configuration: {@code workers} data-parallel threads, {@code threads} intra-op threads of the process. */
  public record Setup(int workers, int threads) {
    public String label() {
      return workers == 1 ? String.format(Locale.ROOT, "1 worker, %d intra-op thread%s", threads, threads == 1 ? "" : "s")
          : String.format(Locale.ROOT, "%d workers x 1 intra-op thread", workers);
    }
  }

  /** What one case (a dataset and model) is trained on. */
  public record Case(String name, Path data, Path sids, String model, List<String> settings) {}

  /** A configuration's median over the repeats, with its speed relative to the 1-worker 1-thread and default runs. */
  public record Row(String caseName, String setup, int workers, int threads, double samplesPerSecond, double minSamplesPerSecond,
      double maxSamplesPerSecond, double speedupVsOneThread, double speedupVsDefault, double efficiency, long rssMb, long peakRssMb,
      double graphMs, double updateMs, double hookMs, double exchangeDenseFloats, double exchangeSparseRows, double cpuMs,
      double runQueueMs, double jitMs) {}

  /**
   * The configurations of {@code workers} (e.g. 1, 2) plus today's default, one process with
   * {@code defaultThreads} intra-op threads (left out when it equals 1).
   */
  public static List<Setup> setups(List<Integer> workers, int defaultThreads) {
    List<Setup> s = new ArrayList<>();
    s.add(new Setup(1, 1));
    if (defaultThreads > 1) s.add(new Setup(1, defaultThreads));
    for (int n : workers) {
      if (n < 1) throw new IllegalArgumentException("--workers: counts must be >= 1, got " + n);
      if (n > 1) s.add(new Setup(n, 1));
    }
    return s;
  }

  /**
   * Runs every case in every setup {@code repeat} times (interleaved), each run a child JVM of
   * {@code warmup} + {@code steps} steps; prints progress and the table to {@code out}; returns the rows.
   */
  public static List<Row> run(List<Case> cases, List<Setup> setups, int warmup, int steps, int repeat, PrintStream out) {
    List<Row> rows = new ArrayList<>();
    for (Case c : cases) {
      Map<Setup, List<TrainBenchmark.Figure>> runs = new LinkedHashMap<>();
      for (Setup s : setups) runs.put(s, new ArrayList<>());
      for (int k = 0; k < repeat; k++) {
        for (Setup s : setups) {
          TrainBenchmark.Figure f = child(c, s, warmup, steps);
          out.printf(Locale.ROOT, "  %s, %s, run %d: %.0f samples/s, RSS %,d MB, CPU %.0f ms/step, waited for a CPU %.0f ms/step,"
              + " JIT compiling %.1f ms/step%n", c.name(), s.label(), k + 1, f.samplesPerSecond(), f.rssMb(), f.cpuMs(),
              f.runQueueMs(), f.jitMs());
          runs.get(s).add(f);
        }
      }
      rows.addAll(rows(c.name(), runs));
    }
    return rows;
  }

  private static List<Row> rows(String caseName, Map<Setup, List<TrainBenchmark.Figure>> runs) {
    Map<Setup, TrainBenchmark.Figure> median = new LinkedHashMap<>();
    runs.forEach((s, fs) -> {
      List<TrainBenchmark.Figure> sorted = new ArrayList<>(fs);
      sorted.sort(Comparator.comparingDouble(TrainBenchmark.Figure::samplesPerSecond));
      median.put(s, sorted.get(sorted.size() / 2));
    });
    TrainBenchmark.Figure one = median.get(new Setup(1, 1));
    TrainBenchmark.Figure def = median.entrySet().stream().filter(e -> e.getKey().workers() == 1)
        .max(Comparator.comparingInt(e -> e.getKey().threads())).orElseThrow().getValue();
    List<Row> out = new ArrayList<>();
    median.forEach((s, f) -> {
      List<TrainBenchmark.Figure> fs = runs.get(s);
      double min = fs.stream().mapToDouble(TrainBenchmark.Figure::samplesPerSecond).min().orElse(0);
      double max = fs.stream().mapToDouble(TrainBenchmark.Figure::samplesPerSecond).max().orElse(0);
      double vsOne = f.samplesPerSecond() / one.samplesPerSecond();
      out.add(new Row(caseName, s.label(), s.workers(), s.threads(), f.samplesPerSecond(), min, max, vsOne,
          f.samplesPerSecond() / def.samplesPerSecond(), vsOne / Math.max(s.workers(), s.threads()), f.rssMb(), f.peakRssMb(),
          f.graphMs(), f.updateMs(), f.hookMs(), f.exchangeDenseFloats(), f.exchangeSparseRows(), f.cpuMs(), f.runQueueMs(), f.jitMs()));
    });
    return out;
  }

  /** The rows as a Markdown table. */
  public static String markdown(List<Row> rows, int cores, int warmup, int steps, int repeat) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%d cores; each run a child JVM: %d warm-up + %d timed steps; median of %d interleaved runs.%n%n",
        cores, warmup, steps, repeat));
    b.append("| case | configuration | samples/s (range) | × 1 worker 1 thread | × default | efficiency | RSS MB (peak) "
        + "| ms/step graph, update, hooks | CPU ms/step | waiting for a CPU ms/step | JIT ms/step | exchange per step: dense floats, "
        + "sparse rows |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %,.0f (%,.0f–%,.0f) | %.2f | %.2f | %.0f %% | %,d (%,d) | %.0f, %.1f, %.1f | %.0f | %.0f | %.1f | %s |%n",
          r.caseName(), r.setup(), r.samplesPerSecond(), r.minSamplesPerSecond(), r.maxSamplesPerSecond(), r.speedupVsOneThread(),
          r.speedupVsDefault(), 100 * r.efficiency(), r.rssMb(), r.peakRssMb(), r.graphMs(), r.updateMs(), r.hookMs(), r.cpuMs(),
          r.runQueueMs(), r.jitMs(),
          r.workers() == 1 ? "–" : String.format(Locale.ROOT, "%,.0f, %,.0f", r.exchangeDenseFloats(), r.exchangeSparseRows())));
    }
    b.append("\n\"default\" is one process with the most intra-op threads measured (today's `./r2led train`); efficiency = "
        + "speed-up over 1 worker with 1 thread / (workers × threads); exchange = what N workers' gradients hold per step, "
        + "summed over the shards (a sparse row is its id and dim floats); CPU = process CPU time per step (all threads); "
        + "waiting = time the process's threads were runnable but had no CPU (other load on the machine, or the JIT compiler), per "
        + "step; JIT = the compilers' time in the timed steps, per step (well above 0: the warm-up was too short).\n");
    return b.toString();
  }

  private static TrainBenchmark.Figure child(Case c, Setup s, int warmup, int steps) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-Dai.djl.pytorch.num_threads=") && !a.startsWith("-agentlib") && !a.startsWith("-javaagent")) cmd.add(a);
    }
    for (String p : List.of("r2led.bench.profile", "r2led.bench.cpu_clock")) if (Boolean.getBoolean(p)) cmd.add("-D" + p + "=true");
    cmd.add("-Dai.djl.pytorch.num_threads=" + s.threads());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkersBenchmark.class.getName(), c.data().toString(),
        c.sids() == null ? "-" : c.sids().toString(), c.model(), Integer.toString(warmup), Integer.toString(steps),
        "workers=" + s.workers()));
    cmd.addAll(c.settings());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process p = pb.start();
      String figure = null;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) if (line.startsWith(FIGURE)) figure = line.substring(FIGURE.length());
      }
      int rc = p.waitFor();
      if (rc != 0 || figure == null) {
        throw new IllegalStateException("benchmark child for " + c.name() + ", " + s.label() + " failed (exit " + rc + "): " + cmd);
      }
      return Json.MAPPER.readValue(figure, TrainBenchmark.Figure.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the benchmark child " + cmd.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static final String FIGURE = "r2led-figure ";

  /**
   * The child: {@code DATA SIDS|- MODEL WARMUP STEPS key=value...}; trains and prints one line
   * {@code r2led-figure {json}}.
   */
  public static void main(String[] args) {
    org.r2led.nn.NativeMemory.retainFreedMemory(); // as the r2led tool does at startup
    PreparedDataset ds = PreparedDataset.open(Path.of(args[0]));
    SidTable sids = args[1].equals("-") ? null : SidTable.load(Path.of(args[1]), ds.manifest().fingerprint());
    List<String> settings = List.of(args).subList(5, args.length);
    String label = args[2] + " " + settings.get(0);
    int warmup = Integer.parseInt(args[3]);
    int steps = Integer.parseInt(args[4]);
    TrainBenchmark.Figure f;
    if (Boolean.getBoolean("r2led.bench.profile")) {
      org.r2led.nn.Profile.useCpuClock(Boolean.getBoolean("r2led.bench.cpu_clock"));
      TrainBenchmark.Profiled p = TrainBenchmark.measureProfiled(label, ds, sids, args[2], settings, warmup, steps);
      StringBuilder b = new StringBuilder("  ms/step (" + label + "):");
      p.msPerStep().forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s %.1f", k, v)));
      System.err.println(b);
      f = p.figure();
      StringBuilder t = new StringBuilder("  thread CPU ms (whole run):");
      java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      for (java.lang.management.ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
        if (ti == null) continue;
        long ns = mx.getThreadCpuTime(ti.getThreadId());
        if (ns > 50_000_000L) t.append(String.format(Locale.ROOT, " %s %.0f", ti.getThreadName(), ns / 1e6));
      }
      System.err.println(t);
    } else {
      f = TrainBenchmark.measure(label, ds, sids, args[2], settings, warmup, steps);
    }
    System.out.println(FIGURE + Json.toString(f).replace('\n', ' '));
    System.exit(0);
  }

  /** The rows as JSON (a parsed tree, for embedding in a report). */
  public static JsonNode json(List<Row> rows) { return Json.MAPPER.valueToTree(rows); }
}
