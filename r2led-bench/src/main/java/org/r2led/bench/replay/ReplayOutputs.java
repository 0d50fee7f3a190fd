package org.r2led.bench.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.r2led.bench.BenchCharts;
import org.r2led.bench.BenchOutputs;
import org.r2led.io.AtomicFiles;
import org.r2led.io.Json;

/**
 * Renders a {@link ReplayResult}: {@code results.md} (table per window and a summary per strategy),
 * {@code results.csv} (one row per window), {@code results.json} and {@code replay_auc.png} (AUC per
 * window, one line per strategy), each written atomically.
 */
public final class ReplayOutputs {
  /** The chart's file name. */
  public static final String CHART = "replay_auc.png";

  private ReplayOutputs() {}

  /** Writes the four files into {@code dir}. */
  public static void write(ReplayResult r, Path dir) {
    try {
      AtomicFiles.write(dir.resolve(BenchOutputs.MARKDOWN), markdown(r).getBytes(StandardCharsets.UTF_8));
      AtomicFiles.write(dir.resolve(BenchOutputs.CSV), csv(r).getBytes(StandardCharsets.UTF_8));
      Json.write(dir.resolve(BenchOutputs.JSON), json(r));
      byte[] png = chart(r);
      if (png != null) AtomicFiles.write(dir.resolve(CHART), png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the replay results into " + dir, e);
    }
  }

  /**
   * The Markdown tables: AUC per window, then per strategy the mean AUC over the windows, the mean
   * weighted by each window's samples and the training seconds.
   */
  public static String markdown(ReplayResult r) {
    StringBuilder b = new StringBuilder();
    boolean oracle = !Double.isNaN(r.meanAuc(3));
    b.append(String.format(Locale.ROOT, "Replay of %s over %d time windows of %s (window 0 trains; windows 1..%d are scored)%n%n",
        r.model(), r.windows(), r.windowBy().equals("samples") ? "equal sample counts" : "equal spans of time", r.windows() - 1));
    b.append("| window | samples | frozen AUC | warm AUC | full AUC |").append(oracle ? " oracle AUC |" : "")
        .append(" warm s | full s |\n");
    b.append("|---:|---:|---:|---:|---:|").append(oracle ? "---:|" : "").append("---:|---:|\n");
    for (ReplayResult.Row w : r.rows()) {
      b.append(String.format(Locale.ROOT, "| %d | %,d | %.4f | %.4f | %.4f |", w.window(), w.samples(), w.frozenAuc(), w.warmAuc(),
          w.fullAuc()));
      if (oracle) b.append(String.format(Locale.ROOT, " %.4f |", w.oracleAuc()));
      b.append(String.format(Locale.ROOT, " %.1f | %.1f |%n", w.warmSeconds(), w.fullSeconds()));
    }
    b.append("\n| strategy | mean AUC | sample-weighted mean AUC | training s (total) |\n|---|---:|---:|---:|\n");
    String[] names = {"(a) frozen after window 0", "(b) warm-started per window", "(c) full retrain per window"};
    for (int s = 0; s < 3; s++) {
      b.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.1f |%n", names[s], r.meanAuc(s), r.weightedMeanAuc(s),
          r.totalSeconds(s)));
    }
    if (oracle) {
      b.append(String.format(Locale.ROOT, "| oracle (true probability) | %.4f | %.4f | |%n", r.meanAuc(3), r.weightedMeanAuc(3)));
    }
    return b.toString();
  }

  /** One CSV row per window. */
  public static String csv(ReplayResult r) {
    StringBuilder b = new StringBuilder(
        "model,window,start,samples,frozen_auc,warm_auc,full_auc,oracle_auc,frozen_seconds,warm_seconds,full_seconds\n");
    for (ReplayResult.Row w : r.rows()) {
      b.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%.6f,%.6f,%.6f,%s,%.3f,%.3f,%.3f%n", r.model(), w.window(), w.start(),
          w.samples(), w.frozenAuc(), w.warmAuc(), w.fullAuc(), Double.isNaN(w.oracleAuc()) ? "" : String.format(Locale.ROOT, "%.6f",
              w.oracleAuc()), w.frozenSeconds(), w.warmSeconds(), w.fullSeconds()));
    }
    return b.toString();
  }

  /** The JSON document: model, windows and how they were cut, rows and the per-strategy summary. */
  public static Map<String, Object> json(ReplayResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", r.model());
    m.put("windows", r.windows());
    m.put("window_by", r.windowBy());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ReplayResult.Row w : r.rows()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("window", w.window());
      row.put("start", w.start());
      row.put("samples", w.samples());
      row.put("frozen_auc", w.frozenAuc());
      row.put("warm_auc", w.warmAuc());
      row.put("full_auc", w.fullAuc());
      if (!Double.isNaN(w.oracleAuc())) row.put("oracle_auc", w.oracleAuc());
      row.put("frozen_seconds", w.frozenSeconds());
      row.put("warm_seconds", w.warmSeconds());
      row.put("full_seconds", w.fullSeconds());
      rows.add(row);
    }
    m.put("rows", rows);
    Map<String, Object> summary = new LinkedHashMap<>();
    for (int s = 0; s < 4; s++) {
      if (s == 3 && Double.isNaN(r.meanAuc(3))) break;
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("mean_auc", r.meanAuc(s));
      one.put("weighted_mean_auc", r.weightedMeanAuc(s));
      if (s < 3) one.put("training_seconds", r.totalSeconds(s));
      summary.put(s < 3 ? ReplayResult.STRATEGIES.get(s) : "oracle", one);
    }
    m.put("summary", summary);
    return m;
  }

  /** AUC per scored window, one line per strategy (and the oracle when known). */
  public static byte[] chart(ReplayResult r) throws IOException {
    int n = r.rows().size();
    double[] x = new double[n];
    Map<String, double[]> series = new LinkedHashMap<>();
    boolean oracle = !Double.isNaN(r.meanAuc(3));
    for (int s = 0; s < (oracle ? 4 : 3); s++) {
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = r.rows().get(i).window();
        y[i] = ReplayResult.auc(r.rows().get(i), s);
      }
      series.put(s < 3 ? ReplayResult.STRATEGIES.get(s) : "oracle", y);
    }
    return BenchCharts.lines("Replay: AUC per time window (" + r.model() + ")", "scored window", "test AUC", x, series);
  }
}
