package org.r2led.bench.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.r2led.data.PreparedDataset;
import org.r2led.data.Split;
import org.r2led.sid.SidTable;
import org.r2led.train.TrainKeys;

/**
 * Training throughput and per-section time breakdown on a prepared (real) dataset's train split:
 * the models run back to back in one process, interleaved within each repeat (model A, model B, A,
 * B, ...), so machine load hits them alike; speeds are compared as per-repeat ratios to the first
 * model and reported as medians.
 */
public final class RealDataBenchmark {
  private RealDataBenchmark() {}

  /** Section order of the printed table (others follow in first-seen order). */
  private static final List<String> ORDER = List.of("train_step", "forward", "copy_in", "forward.sid_gate", "forward.tokens",
      "forward.token_table", "forward.target_attention", "forward.route_fusion", "forward.din_attention", "backward", "grad_copy_out",
      "update", "hooks", "wait_batch", "prep", "prep.retrieval");

  /**
   * Runs {@code repeat} rounds of every model; returns the JSON report (every run, medians, ratios)
   * and prints progress and a summary table to {@code out}.
   */
  public static Map<String, Object> run(PreparedDataset ds, SidTable sids, List<String> models, List<String> settings,
      int warmup, int steps, int repeat, PrintStream out) {
    return run(ds, sids, models, settings, warmup, steps, repeat, null, out);
  }

  /**
   * {@link #run}; when {@code traceDir} (opened by {@link TorchTrace#openDir}) is not null, one more run per
   * model records PyTorch's op trace ({@code traceDir/MODEL.trace.json}, claimed first) and the report gets
   * each model's heaviest ops (ms per step).
   */
  public static Map<String, Object> run(PreparedDataset ds, SidTable sids, List<String> models, List<String> settings,
      int warmup, int steps, int repeat, org.r2led.io.InPlaceDir traceDir, PrintStream out) {
    int n = ds.split(Split.TRAIN).size();
    Map<String, List<TrainBenchmark.Profiled>> runs = new LinkedHashMap<>();
    for (String m : models) runs.put(m, new ArrayList<>());
    for (int k = 0; k < repeat; k++) {
      for (String m : models) {
        String label = String.format(Locale.ROOT, "%s on %s (%,d train samples)", m, ds.dir().getFileName(), n);
        TrainBenchmark.Profiled p = measure(label, ds, sids, m, models, settings, warmup, steps, null);
        out.println("  run " + (k + 1) + ": " + p.figure());
        runs.get(m).add(p);
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("dataset", ds.dir().toString());
    report.put("settings", settings);
    Map<String, Object> perModel = new LinkedHashMap<>();
    Map<String, Map<String, Double>> medBreak = new LinkedHashMap<>();
    Map<String, Double> medSps = new LinkedHashMap<>();
    Set<String> sections = new LinkedHashSet<>(ORDER);
    for (String m : models) {
      List<TrainBenchmark.Profiled> rs = runs.get(m);
      double[] sps = rs.stream().mapToDouble(p -> p.figure().samplesPerSecond()).toArray();
      Map<String, Double> br = new LinkedHashMap<>();
      Set<String> names = new LinkedHashSet<>();
      for (TrainBenchmark.Profiled p : rs) names.addAll(p.msPerStep().keySet());
      for (String sec : names) {
        br.put(sec, median(rs.stream().mapToDouble(p -> p.msPerStep().getOrDefault(sec, 0.0)).toArray()));
      }
      br.put("step_wall", median(rs.stream().mapToDouble(p -> 1000 / p.figure().stepsPerSecond()).toArray()));
      sections.addAll(names);
      medBreak.put(m, br);
      medSps.put(m, median(sps));
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("median_samples_per_s", median(sps));
      pm.put("median_ms_per_step", br);
      pm.put("runs", rs);
      perModel.put(m, pm);
    }
    report.put("models", perModel);
    String base = models.get(0);
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (String m : models.subList(1, models.size())) {
      double[] r = new double[repeat];
      for (int k = 0; k < repeat; k++) {
        r[k] = runs.get(m).get(k).figure().samplesPerSecond() / runs.get(base).get(k).figure().samplesPerSecond();
      }
      ratios.put(m + "/" + base, Map.of("per_repeat", r, "median", median(r)));
    }
    report.put("speed_ratios", ratios);
    if (traceDir != null) {
      Map<String, Object> traces = new LinkedHashMap<>();
      for (String m : models) {
        java.nio.file.Path f = traceDir.claim(TorchTrace.fileName(m));
        measure(m + " (torch profiler on)", ds, sids, m, models, settings, warmup, steps, f);
        List<Map<String, Object>> ops = new ArrayList<>();
        out.printf(Locale.ROOT, "%nPyTorch ops of %s, ms per step (self = without child ops; profiler overhead included)%n", m);
        out.printf(Locale.ROOT, "%-60s %9s %9s %8s%n", "op", "self", "total", "calls");
        int shown = 0;
        for (TorchTrace.Op op : TorchTrace.aggregate(f)) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("op", op.name());
          o.put("self_ms", op.selfMs() / steps);
          o.put("total_ms", op.totalMs() / steps);
          o.put("calls_per_step", op.calls() / (double) steps);
          ops.add(o);
          if (shown++ < 40) {
            out.printf(Locale.ROOT, "%-60s %9.2f %9.2f %8.1f%n", op.name().length() > 60 ? op.name().substring(0, 60) : op.name(),
                op.selfMs() / steps, op.totalMs() / steps, op.calls() / (double) steps);
          }
        }
        traces.put(m, Map.of("file", f.toString(), "ops", ops));
      }
      report.put("torch_traces", traces);
    }

    out.printf(Locale.ROOT, "%nmedian ms per step (%d repeats x %d steps after %d warm-up; prep* per prepared batch, "
        + "on the preparation thread, overlapping the step)%n", repeat, steps, warmup);
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-28s", "section"));
    for (String m : models) h.append(String.format(Locale.ROOT, "%12s", m));
    out.println(h);
    sections.add("step_wall");
    for (String sec : sections) {
      boolean any = false;
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-28s", sec));
      for (String m : models) {
        Double v = medBreak.get(m).get(sec);
        any |= v != null;
        row.append(v == null ? String.format(Locale.ROOT, "%12s", "-") : String.format(Locale.ROOT, "%12.2f", v));
      }
      if (any) out.println(row);
    }
    StringBuilder sp = new StringBuilder(String.format(Locale.ROOT, "%-28s", "samples/s (median)"));
    for (String m : models) sp.append(String.format(Locale.ROOT, "%12.0f", medSps.get(m)));
    out.println(sp);
    ratios.forEach((k, v) -> out.printf(Locale.ROOT, "speed ratio %s: median %.3f, per repeat %s%n", k,
        (Double) ((Map<?, ?>) v).get("median"), fmt((double[]) ((Map<?, ?>) v).get("per_repeat"))));
    return report;
  }

  /** A model spec {@code name[:switch+switch]} (switches: {@link org.r2led.nn.Experiment}, for A/B runs). */
  private static TrainBenchmark.Profiled measure(String label, PreparedDataset ds, SidTable sids, String spec,
      List<String> models, List<String> settings, int warmup, int steps, java.nio.file.Path trace) {
    int c = spec.indexOf(':');
    String model = c < 0 ? spec : spec.substring(0, c);
    org.r2led.nn.Experiment.set(c < 0 ? Set.of() : Set.of(spec.substring(c + 1).split("\\+")));
    try {
      // shared settings: each model gets the keys it reads (e.g. din has no max_seq_len)
      List<String> own = TrainKeys.readBy(model, settings, models.stream().map(x -> x.contains(":") ? x.substring(0, x.indexOf(':')) : x).toList());
      return TrainBenchmark.measureProfiled(label, ds, sids, model, own, warmup, steps, trace);
    } finally {
      org.r2led.nn.Experiment.set(Set.of());
    }
  }

  private static String fmt(double[] a) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) b.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", a[i]));
    return b.append(']').toString();
  }

  static double median(double[] a) {
    double[] c = a.clone();
    Arrays.sort(c);
    int n = c.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }
}
